import Foundation

/// GridWay's built-in scheduling policy as a pure function: pending jobs, hosts and users
/// in, ordered dispatch decisions out.
///
/// 1. Jobs are ordered by priority: urgent (20) first, then
///    `FP_WEIGHT·FP + SH_WEIGHT·SH + WT_WEIGHT·WT + DL_WEIGHT·DL`, ties by submission
///    time and id. FP is the job's fixed priority over the highest; WT its waiting time
///    over the longest; DL grows exponentially as the deadline nears (half at DL_HALF days).
///    SH is the fair share: each user's jobs are numbered from the user's load (running +
///    past usage) and the n-th job of a user with share s sits at level n / s; lower levels
///    come first. So a student's 1000-task array gets level after level while another
///    user's first jobs stay at level 0 and are dispatched in the first passes.
/// 2. For each job in that order, hosts are filtered (REQUIREMENTS true, fixed priority not
///    00, not banned for the user, not excluded, enough free slots, fewer than
///    MAX_DISPATCH_RESOURCE jobs sent this pass) and ranked by
///    `RP_WEIGHT·RP + RA_WEIGHT·RANK + UG_WEIGHT·UG` (each normalised over the candidates).
/// 3. At most DISPATCH_CHUNK jobs per pass; a user stops at MAX_RUNNING_USER running jobs.
///
/// With `DISABLE = yes` jobs go in submission order to the host of highest RANK.
public enum SchedulerPolicy {
    public static func plan(jobs: [PendingJob], hosts: [SchedulableHost], users: [String: UserLoad] = [:],
                            config: SchedulerConfig, now: Date) -> SchedulingPlan {
        let priorities = prioritize(jobs, users: users, config: config, now: now)
        let byID = Dictionary(jobs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var decisions: [DispatchDecision] = []
        var waiting: [Int: String] = [:]
        var sentToHost: [Int: Int] = [:]
        var slotsUsed: [Int: Int] = [:]
        var sentForUser: [String: Int] = [:]
        var matches = MatchCache()
        let chunk = config.dispatchChunk == 0 ? Int.max : config.dispatchChunk
        for priority in priorities {
            guard let job = byID[priority.jobID] else { continue }
            if decisions.count >= chunk {
                waiting[job.id] = "DISPATCH_CHUNK (\(config.dispatchChunk)) jobs were already sent in this pass"
                continue
            }
            let running = (users[job.user]?.running ?? 0) + sentForUser[job.user, default: 0]
            if config.maxRunningUser > 0, running >= config.maxRunningUser {
                waiting[job.id] = "\(job.user) already has \(running) jobs running (MAX_RUNNING_USER = \(config.maxRunningUser))"
                continue
            }
            let candidates = matches.candidates(for: job, hosts: hosts, config: config, now: now)
            guard !candidates.hosts.isEmpty else {
                waiting[job.id] = candidates.whyNone
                continue
            }
            let chosen = candidates.hosts.first { candidate in
                let sent = sentToHost[candidate.host.id, default: 0]
                let free = candidate.host.freeSlots - slotsUsed[candidate.host.id, default: 0]
                return free >= job.slots && (config.maxDispatchResource == 0 || sent < config.maxDispatchResource)
            }
            guard let chosen else {
                waiting[job.id] = "no free slots on the \(candidates.hosts.count) matching host\(candidates.hosts.count == 1 ? "" : "s")"
                continue
            }
            decisions.append(DispatchDecision(jobID: job.id, hostID: chosen.host.id, hostName: chosen.host.name, rank: chosen.rank))
            sentToHost[chosen.host.id, default: 0] += 1
            slotsUsed[chosen.host.id, default: 0] += job.slots
            sentForUser[job.user, default: 0] += 1
        }
        return SchedulingPlan(decisions: decisions, priorities: priorities, waiting: waiting)
    }
}
