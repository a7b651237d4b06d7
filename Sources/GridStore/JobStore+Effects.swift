import Foundation
import GRDB
import GridMiddleware

/// What a state change leaves behind besides the state machine: `state_changes` and
/// `job_log` rows, history rows, accounting, and the view lines to append after the commit.
extension JobStore {
    /// The job-level facts the effects need.
    struct JobContext {
        var id: Int
        var user: String
        var submitTime: Date
        /// The state before the change (`.initial` for a new job).
        var before: JobState
    }

    /// The lines a change adds to the view's appended files.
    struct ViewLines {
        var state: [String] = []
        var history: [String] = []
        var log: [String] = []

        func appends(_ id: Int) -> [JobView.Operation] { [.append(id, .state, state), .append(id, .history, history), .append(id, .log, log)] }
    }

    /// Records `actions` (the result of one or more events) for `job`; returns the view lines.
    func recordEffects(_ db: Database, _ context: JobContext, _ job: JobLifecycle, actions: [JobAction],
                       reason: String?, extraLog: [JobLogEntry], now: Date) throws -> ViewLines {
        var stateLines: [String] = []
        var historyLines: [String] = []
        var entries: [JobLogEntry] = []
        let hostFailure = actions.contains { if case .reportHostFailure = $0 { return true } else { return false } }
        let formatter = HistoryFormatter(timeZone: configuration.timeZone)
        // The reason of a state row: the caller's, else what this change logged, else why the job ended.
        let logged = actions.compactMap { action -> String? in if case .log(let message) = action { return message } else { return nil } }
        let ended = !context.before.isFinal && job.state.isFinal
        let stateReason = reason ?? logged.last ?? (ended ? job.failureReason : nil)
        let insertState = try db.cachedStatement(sql: "INSERT INTO state_changes (job_id, time, state, reason) VALUES (?, ?, ?, ?)")
        for action in actions {
            switch action {
            case .recordState(let state):
                try insertState.execute(arguments: [context.id, now.timeIntervalSince1970, state.rawValue, stateReason])
                stateLines.append(state.logLine(at: now))
                entries.append(JobLogEntry(time: now, level: .info, "New state is \(state.logName)."))
            case .log(let message):
                entries.append(JobLogEntry(time: now, level: hostFailure ? .warning : .info, message))
            case .appendHistory(let record):
                historyLines.append(formatter.row(record, now: record.end ?? now))
            default:
                break
            }
        }
        if ended {
            entries.append(finalEntry(job, now: now))
            try accountFinished(db, context, job, now: now)
        }
        entries += extraLog
        try insertLog(db, jobID: context.id, entries)
        return ViewLines(state: stateLines, history: historyLines, log: entries.map { $0.line(timeZone: configuration.timeZone) })
    }

    func finalEntry(_ job: JobLifecycle, now: Date) -> JobLogEntry {
        switch job.outcome {
        case .done(let code)?: return JobLogEntry(time: now, level: .info, "Job done, exit code \(code).")
        case .killed?: return JobLogEntry(time: now, level: .info, "Job killed by its owner.")
        case .failed(let reason)?: return JobLogEntry(time: now, level: .error, "Job failed: \(reason)")
        case nil: return JobLogEntry(time: now, level: .error, "Job \(job.state.logName) without an outcome.")
        }
    }

    func insertLog(_ db: Database, jobID: Int, _ entries: [JobLogEntry]) throws {
        guard !entries.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT INTO job_log (job_id, time, module, level, message) VALUES (?, ?, ?, ?, ?)")
        for entry in entries {
            try insert.execute(arguments: [jobID, entry.time.timeIntervalSince1970, entry.module, entry.level.rawValue, entry.message])
        }
    }

    /// Per-user totals, once, when the job becomes final.
    func accountFinished(_ db: Database, _ context: JobContext, _ job: JobLifecycle, now: Date) throws {
        let end = job.exitTime ?? now
        let (done, failed, killed): (Int, Int, Int)
        switch job.outcome {
        case .done?: (done, failed, killed) = (1, 0, 0)
        case .killed?: (done, failed, killed) = (0, 0, 1)
        default: (done, failed, killed) = (0, 1, 0)
        }
        try db.execute(sql: """
            INSERT INTO accounting_users (user, done, failed, killed, execution_seconds, transfer_seconds, wall_seconds)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(user) DO UPDATE SET done = done + excluded.done, failed = failed + excluded.failed,
                killed = killed + excluded.killed, execution_seconds = execution_seconds + excluded.execution_seconds,
                transfer_seconds = transfer_seconds + excluded.transfer_seconds, wall_seconds = wall_seconds + excluded.wall_seconds
            """, arguments: [context.user, done, failed, killed, job.executionSeconds(now: end), job.transferSeconds(now: end),
                             max(0, Int(end.timeIntervalSince(context.submitTime).rounded()))])
    }

    /// Brings the `history` rows level with the state machine: only the last stored row can
    /// change (it may be open), later ones are new. A row that closes is added to the
    /// per-host accounting exactly once.
    func syncHistory(_ db: Database, _ context: JobContext, _ job: JobLifecycle) throws {
        guard !job.history.isEmpty else { return }
        let last = try Row.fetchOne(db, sql: "SELECT seq, end_time FROM history WHERE job_id = ? ORDER BY seq DESC LIMIT 1",
                                    arguments: [context.id])
        let storedCount = last.map { ($0["seq"] as Int) + 1 } ?? 0
        let lastWasOpen = last.map { ($0["end_time"] as Double?) == nil } ?? false
        let upsert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO history (job_id, seq, host_id, host_name, lrms, queue, start_time, end_time,
                prolog_start, prolog_end, wrapper_start, wrapper_end, epilog_start, epilog_end, migration_start,
                migration_end, reason, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for index in max(0, storedCount - 1)..<job.history.count {
            let r = job.history[index]
            let t = { (date: Date?) in date?.timeIntervalSince1970 }
            try upsert.execute(arguments: [
                context.id, index, r.host.id, r.host.name, r.host.lrms, r.host.queue, t(r.start), t(r.end),
                t(r.prologStart), t(r.prologEnd), t(r.wrapperStart), t(r.wrapperEnd), t(r.epilogStart), t(r.epilogEnd),
                t(r.migrationStart), t(r.migrationEnd), r.reason.rawValue, r.message,
            ])
            if r.end != nil, index >= storedCount || lastWasOpen {
                try accountAttempt(db, user: context.user, r)
            }
        }
    }

    func accountAttempt(_ db: Database, user: String, _ record: HistoryRecord) throws {
        let end = record.end ?? record.start
        try db.execute(sql: """
            INSERT INTO accounting_hosts (user, host, host_id, attempts, succeeded, failed, killed, prolog_seconds,
                wrapper_seconds, epilog_seconds, migration_seconds)
            VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(user, host) DO UPDATE SET host_id = excluded.host_id, attempts = attempts + 1,
                succeeded = succeeded + excluded.succeeded, failed = failed + excluded.failed, killed = killed + excluded.killed,
                prolog_seconds = prolog_seconds + excluded.prolog_seconds,
                wrapper_seconds = wrapper_seconds + excluded.wrapper_seconds,
                epilog_seconds = epilog_seconds + excluded.epilog_seconds,
                migration_seconds = migration_seconds + excluded.migration_seconds
            """, arguments: [
                user, record.host.name, record.host.id, record.reason == .none ? 1 : 0, record.reason == .error ? 1 : 0,
                record.reason == .kill ? 1 : 0, record.prologSeconds(now: end), record.wrapperSeconds(now: end),
                record.epilogSeconds(now: end), record.migrationSeconds(now: end),
            ])
    }
}
