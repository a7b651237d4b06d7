import Foundation

/// The one error type of GridStore: what failed, how to fix it, which job, and why.
public struct StoreError: Error, CustomStringConvertible, @unchecked Sendable {
    /// A stable identifier of the failure.
    public enum Code: String, Sendable, CaseIterable {
        /// The database file could not be opened, migrated or configured.
        case openFailed
        /// A read or write of the database failed (disk full, I/O error, locked).
        case databaseFailed
        /// No job (or array) with that id is in the store.
        case unknownJob
        /// A submission names a dependency that never existed.
        case unknownDependency
        /// The request does not fit the job's state (freeing a job that is still active).
        case wrongJobState
        /// A submission is not acceptable (no tasks, a negative count).
        case invalidSubmission
        /// A stored row could not be read back (a lifecycle or template that does not decode).
        case corruptRecord
        /// The teaching view `var/<jid>/` could not be written; the database has the change.
        case viewWriteFailed
    }

    public var code: Code
    /// What failed, in one sentence.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?
    /// The job concerned, when there is one.
    public var jobID: Int?
    /// The error that caused this one (a GRDB `DatabaseError`, a file-system error).
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, hint: String? = nil, jobID: Int? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.jobID = jobID
        self.underlying = underlying
    }

    /// `error: message`, then `  cause: ...` and `  hint: ...` lines when present.
    public var description: String {
        var lines = ["error: \(message)"]
        if let underlying { lines.append("  cause: \(underlying)") }
        if let hint { lines.append("  hint: \(hint)") }
        return lines.joined(separator: "\n")
    }
}
