import Foundation
import GridMiddleware
import GridStore

/// One pass of GridWay's policy over the pending jobs and the live hosts.
extension Gwd {
    func schedule() {
        let pending = active.values.filter { $0.lifecycle.state == .pending }
        guard !pending.isEmpty else { return }
        let time = now()
        var used: [Int: Int] = [:]
        var running: [String: Int] = [:]
        for job in active.values where job.isOnHost {
            if let host = job.lifecycle.host { used[host.id, default: 0] += job.template.np }
            running[job.owner.user, default: 0] += 1
        }
        let candidates = hosts.hosts.filter(\.isUp).map { host in
            SchedulableHost(id: host.id, name: host.name, attributes: host.attributes,
                            freeSlots: max(0, host.totalSlots - used[host.id, default: 0]),
                            bannedUntil: host.bans.compactMapValues(\.bannedUntil))
        }
        guard candidates.contains(where: { $0.freeSlots > 0 }) else { return }
        let jobs = pending.map { job in
            PendingJob(id: job.id, user: job.owner.user, template: job.template, priority: job.priority,
                       submitTime: job.submitTime, arrayID: job.array?.arrayID)
        }
        var users: [String: UserLoad] = [:]
        for user in Set(jobs.map(\.user)) {
            users[user] = UserLoad(running: running[user, default: 0], pastUsage: usage[user]?.usage ?? 0)
        }
        let plan = SchedulerPolicy.plan(jobs: jobs, hosts: candidates, users: users, config: settings.scheduler, now: time)
        let events: [(Int, JobEvent, String?)] = plan.decisions.compactMap { decision in
            guard let host = hosts.host(id: decision.hostID) else { return nil }
            return (decision.jobID, .dispatch(host.ref), "dispatched to \(host.name) (RANK \(decision.rank))")
        }
        if !events.isEmpty { enqueue(events) }
        // Dispatching fills slots; when a pass is cut short by DISPATCH_CHUNK, run another.
        if plan.decisions.count == settings.scheduler.dispatchChunk, settings.scheduler.dispatchChunk > 0 {
            scheduleRequested = true
        }
    }
}
