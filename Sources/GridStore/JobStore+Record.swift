import Foundation
import GRDB
import GridMiddleware

/// One change of a job's state machine to persist: the machine after the event(s) and the
/// actions they returned.
public struct LifecycleChange: Sendable, Hashable {
    public var lifecycle: JobLifecycle
    public var actions: [JobAction]
    /// Why, for the `state_changes` row; defaults to the machine's `note`.
    public var reason: String?
    /// Extra `job.log` lines from the daemon (transfer and execution driver messages).
    public var log: [JobLogEntry]

    public init(_ lifecycle: JobLifecycle, actions: [JobAction], reason: String? = nil, log: [JobLogEntry] = []) {
        self.lifecycle = lifecycle
        self.actions = actions
        self.reason = reason
        self.log = log
    }
}

/// gwd's state changes: the serialized machine, the appended state row, history, log lines
/// and accounting, in one transaction.
extension JobStore {
    /// Records one change: `lifecycle` after an event at `now`, with the actions it returned.
    /// The store performs `recordState`, `appendHistory` and `log`; the caller the others.
    public func record(_ lifecycle: JobLifecycle, actions: [JobAction], at now: Date, reason: String? = nil,
                       log: [JobLogEntry] = []) throws {
        try record([LifecycleChange(lifecycle, actions: actions, reason: reason, log: log)], at: now)
    }

    /// Records several changes in one transaction (a parent's dependants, a dispatch cycle):
    /// all or none.
    public func record(_ changes: [LifecycleChange], at now: Date) throws {
        guard !changes.isEmpty else { return }
        let operations = try write("record the state of \(changes.count) job(s)") { db -> [JobView.Operation] in
            let encoder = Self.encoder()
            let update = try db.cachedStatement(sql: "UPDATE jobs SET \(Self.lifecycleAssignments) WHERE id = ?")
            var operations: [JobView.Operation] = []
            for change in changes {
                let context = try jobContext(db, change.lifecycle.jobID)
                try update.execute(arguments: StatementArguments(
                    try Self.lifecycleValues(change.lifecycle, encoder: encoder, now: now) + [change.lifecycle.jobID]))
                try syncHistory(db, context, change.lifecycle)
                operations += try recordEffects(db, context, change.lifecycle, actions: change.actions, reason: change.reason,
                                                extraLog: change.log, now: now).appends(context.id)
                try inject("record.updated")
            }
            return operations
        }
        view?.perform(operations)
    }

    /// Appends daemon messages to a job's log (`[TM][E]: ...`), without a state change.
    public func appendLog(_ entries: [JobLogEntry], to jobID: Int) throws {
        try write("append to the log of job \(jobID)") { db in
            _ = try jobContext(db, jobID)
            try insertLog(db, jobID: jobID, entries)
        }
        view?.perform([.append(jobID, .log, entries.map { $0.line(timeZone: configuration.timeZone) })])
    }

    /// Keeps the environment given to the wrapper (the template's ENVIRONMENT and the GW_*
    /// variables) and writes it to `job.env`.
    public func recordEnvironment(_ variables: [EnvironmentVariable], of jobID: Int) throws {
        let text = JobViewFormat.environment(variables.map { ($0.name, $0.value) })
        try write("record the environment of job \(jobID)") { db in
            _ = try jobContext(db, jobID)
            try db.execute(sql: "UPDATE jobs SET environment = ? WHERE id = ?", arguments: [text, jobID])
        }
        view?.perform([.write(jobID, .environment, text)])
    }

    func jobContext(_ db: Database, _ id: Int) throws -> JobContext {
        guard let row = try Row.fetchOne(db, sql: "SELECT user, submit_time, state FROM jobs WHERE id = ?", arguments: [id]) else {
            throw StoreError(.unknownJob, "job \(id) is not in the store", hint: "it may have been freed already (gwwait frees jobs)",
                             jobID: id)
        }
        let state: String = row["state"]
        return JobContext(id: id, user: row["user"], submitTime: Self.date(row["submit_time"])!,
                          before: JobState(rawValue: state) ?? .initial)
    }
}
