import Foundation

/// A host that passed a job's filters, with its RANK and weighted score.
struct HostCandidate {
    var host: SchedulableHost
    var rank: Int
    var score: Double
}

/// Host matching and ranking, computed once per array (tasks share their template) and user.
struct MatchCache {
    struct Key: Hashable {
        var arrayID: Int
        var user: String
    }

    var cached: [Key: (hosts: [HostCandidate], whyNone: String)] = [:]

    mutating func candidates(for job: PendingJob, hosts: [SchedulableHost], config: SchedulerConfig, now: Date)
        -> (hosts: [HostCandidate], whyNone: String) {
        guard let arrayID = job.arrayID, job.excludedHosts.isEmpty else {
            return Self.rankedHosts(for: job, hosts: hosts, config: config, now: now)
        }
        let key = Key(arrayID: arrayID, user: job.user)
        if let hit = cached[key] { return hit }
        let result = Self.rankedHosts(for: job, hosts: hosts, config: config, now: now)
        cached[key] = result
        return result
    }

    /// Hosts that pass the filters, best first; or the reason there are none.
    static func rankedHosts(for job: PendingJob, hosts: [SchedulableHost], config: SchedulerConfig, now: Date)
        -> (hosts: [HostCandidate], whyNone: String) {
        guard !hosts.isEmpty else { return ([], "no hosts are known yet") }
        let matching = hosts.filter { job.requirements.matches($0.attributes) }
        guard !matching.isEmpty else { return ([], "no host matches REQUIREMENTS (\(job.requirements.source))") }
        let usable = matching.filter { host in
            config.hostPriority(name: host.name, driver: host.driver) > 0
                && (host.bannedUntil[job.user].map { $0 <= now } ?? true)
                && !job.excludedHosts.contains(host.id)
        }
        guard !usable.isEmpty else {
            return ([], "the \(matching.count) matching host\(matching.count == 1 ? " is" : "s are") banned (RP_HOST 00, failures, or already tried)")
        }
        return (score(usable, job: job, config: config), "")
    }

    /// GridWay's resource policies: RP over the highest, RANK over the highest (or, when
    /// negative, over the lowest), UG as the shortest estimate over this host's.
    static func score(_ hosts: [SchedulableHost], job: PendingJob, config: SchedulerConfig) -> [HostCandidate] {
        let priorities = hosts.map { config.hostPriority(name: $0.name, driver: $0.driver) }
        let ranks = hosts.indices.map { job.rank.evaluate(hosts[$0].attributes, hostPriority: priorities[$0]) }
        let estimates = hosts.map { $0.estimatedSeconds ?? 0 }
        let maxPriority = Double(priorities.max() ?? 1)
        let maxRank = ranks.max() ?? 0, minRank = ranks.min() ?? 0
        let known = estimates.filter { $0 > 0 }
        let shortest = known.min() ?? 0, longest = known.max() ?? 0
        var candidates: [HostCandidate] = []
        for i in hosts.indices {
            var rank = 0.0
            if ranks[i] > 0, maxRank != 0 { rank = Double(ranks[i]) / Double(maxRank) }
            if ranks[i] < 0, minRank != 0 { rank = -Double(ranks[i]) / Double(minRank) }
            let usage = estimates[i] > 0 ? shortest / estimates[i] : (longest > 0 ? shortest / longest : 0)
            let score = config.disabled ? 0 : config.resourcePriorityWeight * Double(priorities[i]) / maxPriority
                + config.rankWeight * rank + config.usageWeight * usage
            candidates.append(HostCandidate(host: hosts[i], rank: ranks[i], score: score))
        }
        return candidates.sorted { a, b in
            let (x, y) = (SchedulerPolicy.rounded(a.score), SchedulerPolicy.rounded(b.score))
            if x != y { return x > y }
            if a.rank != b.rank { return a.rank > b.rank }
            return a.host.id < b.host.id
        }
    }
}
