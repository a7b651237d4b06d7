import Foundation
import GRDB
import GridMiddleware

/// Reading and writing the `jobs` row: the serialized state machine and the columns copied from it.
extension JobStore {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    /// The columns that follow the state machine, in `lifecycleAssignments` order.
    static let lifecycleColumns = [
        "lifecycle", "state", "em_state", "state_letter", "outcome", "exit_code", "failure_reason", "note", "exit_time",
        "host_id", "host_name", "host_lrms", "host_queue", "restarted", "retries", "exec_closed", "wrapper_open",
        "xfer_closed", "transfer_open", "updated_time",
    ]

    /// `col = ?, ...` for an UPDATE of the lifecycle columns.
    static let lifecycleAssignments = lifecycleColumns.map { "\($0) = ?" }.joined(separator: ", ")

    /// The values of `lifecycleColumns` for `job` at `now`.
    static func lifecycleValues(_ job: JobLifecycle, encoder: JSONEncoder, now: Date) throws -> [(any DatabaseValueConvertible)?] {
        let json: String
        do {
            json = String(decoding: try encoder.encode(job), as: UTF8.self)
        } catch {
            throw StoreError(.corruptRecord, "could not serialize the state of job \(job.jobID)", jobID: job.jobID, underlying: error)
        }
        let host = job.host ?? job.history.last?.host
        let times = PhaseTimes(job.history)
        return [
            json, job.state.rawValue, job.executionState.rawValue, String(job.stateLetter), outcomeName(job.outcome),
            job.exitCode, job.failureReason, job.note, job.exitTime?.timeIntervalSince1970,
            host?.id, host?.name, host?.lrms, host?.queue, job.restarted, job.failures,
            times.closedWrapper, times.openWrapper?.timeIntervalSince1970,
            times.closedTransfer, times.openTransfer?.timeIntervalSince1970, now.timeIntervalSince1970,
        ]
    }

    static func outcomeName(_ outcome: JobOutcome?) -> String? {
        switch outcome {
        case .done: return "done"
        case .failed: return "failed"
        case .killed: return "killed"
        case nil: return nil
        }
    }

    static func outcome(name: String?, exitCode: Int?, reason: String?) -> JobOutcome? {
        switch name {
        case "done": return .done(exitCode: exitCode ?? 0)
        case "failed": return .failed(reason: reason ?? "")
        case "killed": return .killed
        default: return nil
        }
    }

    /// The columns `storedJob(_:)` reads.
    static let summaryColumnNames = [
        "id", "array_id", "task_id", "user", "uid", "dn", "name", "submit_time", "priority", "deadline", "type", "np",
        "state", "em_state", "state_letter", "outcome", "exit_code", "failure_reason", "note", "exit_time", "host_id",
        "host_name", "host_lrms", "host_queue", "restarted", "retries", "exec_closed", "wrapper_open", "xfer_closed",
        "transfer_open",
    ]
    static let summaryColumns = summaryColumnNames.joined(separator: ", ")

    static func storedJob(_ row: Row) throws -> StoredJob {
        let id: Int = row["id"]
        func decode<T: RawRepresentable>(_ column: String, as type: T.Type) throws -> T where T.RawValue == String {
            let raw: String = row[column]
            guard let value = T(rawValue: raw) else {
                throw StoreError(.corruptRecord, "job \(id) has an unknown \(column) '\(raw)'", jobID: id)
            }
            return value
        }
        let hostName: String? = row["host_name"]
        let host = hostName.map { HostRef(id: row["host_id"] ?? 0, name: $0, lrms: row["host_lrms"] ?? "fork",
                                          queue: row["host_queue"] ?? "default") }
        let letter: String = row["state_letter"]
        return StoredJob(
            id: id, arrayID: row["array_id"], taskID: row["task_id"],
            owner: JobOwner(user: row["user"], uid: row["uid"], dn: row["dn"]), name: row["name"],
            state: try decode("state", as: JobState.self), executionState: try decode("em_state", as: ExecutionState.self),
            stateLetter: letter.first ?? "i", submitTime: date(row["submit_time"])!, exitTime: date(row["exit_time"]),
            exitCode: row["exit_code"],
            outcome: outcome(name: row["outcome"], exitCode: row["exit_code"], reason: row["failure_reason"]),
            note: row["note"], host: host, restarted: row["restarted"], failures: row["retries"],
            priority: row["priority"], type: try decode("type", as: JobType.self), np: row["np"], deadline: row["deadline"],
            closedExecutionSeconds: row["exec_closed"], openWrapperStart: date(row["wrapper_open"]),
            closedTransferSeconds: row["xfer_closed"], openTransferStart: date(row["transfer_open"]))
    }

    static func date(_ seconds: Double?) -> Date? { seconds.map { Date(timeIntervalSince1970: $0) } }

    /// `ids` in pieces small enough for an `IN (?, ...)` list.
    static func chunked(_ ids: [Int], size: Int = 500) -> [[Int]] {
        stride(from: 0, to: ids.count, by: size).map { Array(ids[$0..<min($0 + size, ids.count)]) }
    }

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    static func lifecycle(from json: String, jobID: Int, decoder: JSONDecoder) throws -> JobLifecycle {
        do {
            return try decoder.decode(JobLifecycle.self, from: Data(json.utf8))
        } catch {
            throw StoreError(.corruptRecord, "the stored state of job \(jobID) does not decode",
                             hint: "the job cannot be resumed; free it (gwkill) and submit it again", jobID: jobID, underlying: error)
        }
    }
}

/// Wrapper and transfer seconds of the closed phases, and the start of a phase still open,
/// summed as `JobLifecycle.executionSeconds`/`transferSeconds` do.
struct PhaseTimes {
    var closedWrapper = 0
    var openWrapper: Date?
    var closedTransfer = 0
    var openTransfer: Date?

    init(_ history: [HistoryRecord]) {
        for record in history {
            Self.add(record.wrapperStart, record.wrapperEnd, to: &closedWrapper, open: &openWrapper)
            Self.add(record.prologStart, record.prologEnd, to: &closedTransfer, open: &openTransfer)
            Self.add(record.epilogStart, record.epilogEnd, to: &closedTransfer, open: &openTransfer)
        }
    }

    static func add(_ start: Date?, _ end: Date?, to closed: inout Int, open: inout Date?) {
        guard let start else { return }
        if let end {
            closed += max(0, Int(end.timeIntervalSince(start).rounded()))
        } else {
            open = start
        }
    }
}
