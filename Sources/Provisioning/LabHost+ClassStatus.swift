import Foundation

/// One student's copy of a course (or a plain lab) as the instructor's class view shows it.
public struct InstanceHealth: Sendable, Codable {
    public var instance: String
    public var lab: String
    /// The student, for a course.
    public var student: String?
    public var nodes: Int
    /// Nodes running with their guest agent answering.
    public var nodesReady: Int
    /// Node names that are not ready (stopped, crashed, or not answering).
    public var nodesNotReady: [String]
    /// gwd answered a request on the headnode.
    public var gwdAnswering: Bool
    /// Why not, in gwd's or the command's words.
    public var gwdProblem: String?
    /// Jobs in gwd's pool and of those on a host now; jobs that ended done and failed
    /// (freed ones included). Nil when gwd did not answer.
    public var jobsInPool: Int?
    public var jobsRunning: Int?
    public var jobsDone: Int?
    public var jobsFailed: Int?
    /// Users that submitted at least one job.
    public var activeUsers: [String]?
}

extension LabHost {
    /// Every instance of a lab (every student of a course): nodes up, gwd answering, jobs run.
    /// gwd is asked through the headnode's guest agent as root (`gwuser`, which uses the host
    /// certificate), so a student's broken proxy or grid-mapfile does not hide their jobs.
    public func classStatus(labName: String) throws -> [InstanceHealth] {
        let rows = try status(labName: labName)
        let byInstance = Dictionary(grouping: rows, by: \.instance)
        let instances = byInstance.keys.sorted()
        return boundedParallelMap(instances, limit: maxParallelQueries) { [self] id in
            health(instance: id, lab: labName, rows: byInstance[id] ?? [])
        }.compactMap { try? $0.get() }
    }

    private func health(instance: String, lab: String, rows: [NodeStatus]) -> InstanceHealth {
        let student = instance.hasPrefix(lab + "-") ? String(instance.dropFirst(lab.count + 1)) : nil
        var health = InstanceHealth(
            instance: instance, lab: lab, student: student, nodes: rows.count, nodesReady: rows.filter(\.ready).count,
            nodesNotReady: rows.filter { !$0.ready }.map(\.name).sorted(), gwdAnswering: false)
        guard let head = rows.filter({ $0.role == "headnode" }).sorted(by: { $0.name < $1.name }).first else {
            health.gwdProblem = "no headnode"
            return health
        }
        guard head.ready else {
            health.gwdProblem = "\(head.name) is not ready"
            return health
        }
        do {
            let agent = try agent(domainName: head.domain)
            let result = try agent.run(["/bin/sh", "-lc", "gwuser -n"], timeoutSeconds: 30)
            let output = String(decoding: result.stdout, as: UTF8.self)
            guard result.exitCode == 0 else {
                let message = String(decoding: result.stderr, as: UTF8.self)
                    .split(separator: "\n").first.map(String.init) ?? "gwuser exited with \(result.exitCode ?? -1)"
                health.gwdProblem = message
                return health
            }
            let users = GwUserRow.parse(output)
            health.gwdAnswering = true
            health.jobsInPool = users.reduce(0) { $0 + $1.jobs }
            health.jobsRunning = users.reduce(0) { $0 + $1.running }
            health.jobsDone = users.reduce(0) { $0 + ($1.done ?? 0) }
            health.jobsFailed = users.reduce(0) { $0 + ($1.failed ?? 0) }
            health.activeUsers = users.map(\.user)
        } catch {
            health.gwdProblem = "\(error)"
        }
        return health
    }
}

/// A line of `gwuser -n`: USER UID DN JOBS RUN DONE FAIL. The DN may hold spaces, so the
/// numbers are taken from the end.
struct GwUserRow: Equatable {
    var user: String
    var jobs: Int
    var running: Int
    var done: Int?
    var failed: Int?

    static func parse(_ output: String) -> [GwUserRow] {
        output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count >= 7, let jobs = Int(fields[fields.count - 4]),
                  let running = Int(fields[fields.count - 3]) else { return nil }
            return GwUserRow(user: fields[0], jobs: jobs, running: running,
                             done: Int(fields[fields.count - 2]), failed: Int(fields[fields.count - 1]))
        }
    }
}
