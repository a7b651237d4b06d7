import Foundation

/// Job priorities: fixed, share, waiting time, deadline.
extension SchedulerPolicy {
    /// Every job with its priority, in dispatch order.
    public static func prioritize(_ jobs: [PendingJob], users: [String: UserLoad] = [:],
                                  config: SchedulerConfig, now: Date) -> [JobPriority] {
        if config.disabled {
            return jobs.sorted(by: submittedFirst).map {
                JobPriority(jobID: $0.id, user: $0.user, urgent: false, total: 0, fixed: 0, share: 0, waiting: 0, deadline: 0)
            }
        }
        let fixed = jobs.map { Double(fixedPriority($0, config)) }
        let waited = jobs.map { max(0, now.timeIntervalSince($0.submitTime)) }
        let urgency = jobs.map { deadlineUrgency($0.deadline, now: now, halfDays: config.deadlineHalf) }
        let maxFixed = fixed.max() ?? 0, maxWaited = waited.max() ?? 0, maxUrgency = urgency.max() ?? 0
        var entries = jobs.indices.map { i in
            JobPriority(jobID: jobs[i].id, user: jobs[i].user, urgent: fixedPriority(jobs[i], config) >= 20, total: 0,
                        fixed: maxFixed > 0 ? fixed[i] / maxFixed : 0, share: 0,
                        waiting: maxWaited > 0 ? waited[i] / maxWaited : 0,
                        deadline: maxUrgency > 0 ? urgency[i] / maxUrgency : 0)
        }
        for i in entries.indices {
            entries[i].total = config.fixedPriorityWeight * entries[i].fixed + config.waitingTimeWeight * entries[i].waiting
                + config.deadlineWeight * entries[i].deadline
        }
        let submitted = Dictionary(jobs.map { ($0.id, $0.submitTime) }, uniquingKeysWith: { first, _ in first })
        let order = { (a: JobPriority, b: JobPriority) -> Bool in
            if a.urgent != b.urgent { return a.urgent }
            let (x, y) = (rounded(a.total), rounded(b.total))
            if x != y { return x > y }
            let (s, t) = (submitted[a.jobID]!, submitted[b.jobID]!)
            return s != t ? s < t : a.jobID < b.jobID
        }
        entries.sort(by: order)
        if config.shareWeight > 0 {
            applyShares(&entries, users: users, config: config)
            entries.sort(by: order)
        }
        return entries
    }

    /// SH: the n-th pending job of a user (counting from the user's load) is at level
    /// n / share; a job's SH is how far its level is below the highest level.
    static func applyShares(_ entries: inout [JobPriority], users: [String: UserLoad], config: SchedulerConfig) {
        var pending: [String: Int] = [:]
        for entry in entries { pending[entry.user, default: 0] += 1 }
        var next: [String: Int] = [:]
        var maxLevel = 0
        for (user, count) in pending {
            let load = users[user] ?? UserLoad()
            let used = load.running + Int(load.pastUsage.rounded())
            next[user] = used
            let share = config.userShare(user)
            if share > 0 { maxLevel = max(maxLevel, (used + count - 1) / share) }
        }
        maxLevel = max(maxLevel, 1)
        for i in entries.indices {
            let user = entries[i].user
            let share = config.userShare(user)
            let number = next[user, default: 0]
            next[user] = number + 1
            entries[i].share = share > 0 ? max(0, Double(maxLevel - number / share) / Double(maxLevel)) : 0
            entries[i].total += config.shareWeight * entries[i].share
        }
    }

    /// gwsubmit -p, else FP_USER.
    static func fixedPriority(_ job: PendingJob, _ config: SchedulerConfig) -> Int {
        min(20, max(0, job.priority ?? config.userPriority(job.user)))
    }

    /// 0 without a deadline, 100 once it has passed, and 100·e^(-t / (1.5·DL_HALF days))
    /// with t seconds left: about half at DL_HALF days, as in GridWay.
    static func deadlineUrgency(_ deadline: Date?, now: Date, halfDays: Double) -> Double {
        guard let deadline else { return 0 }
        let left = deadline.timeIntervalSince(now)
        if left <= 0 { return 100 }
        guard halfDays > 0 else { return 0 }
        return 100 * exp(-left / (1.5 * halfDays * 86400))
    }

    static func submittedFirst(_ a: PendingJob, _ b: PendingJob) -> Bool {
        a.submitTime != b.submitTime ? a.submitTime < b.submitTime : a.id < b.id
    }

    /// Ties in floating-point sums are ties.
    static func rounded(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }
}
