import Foundation

/// gwhistory: the hosts a job went to.
public struct HistoryQuery: WireBody {
    public static let wireType = "history"
    public var jobID: Int

    public init(jobID: Int) { self.jobID = jobID }
}

/// The host of a history entry (same fields as GridMiddleware's `HostRef`).
public struct HistoryHost: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var lrms: String
    public var queue: String

    public init(id: Int, name: String, lrms: String = "fork", queue: String = "default") {
        self.id = id
        self.name = name
        self.lrms = lrms
        self.queue = queue
    }
}

/// One host a job was sent to. The keys are those of GridMiddleware's Codable `HistoryRecord`, so
/// the daemon may convert with a JSON round trip; `reason` is a `HistoryReason` raw value.
public struct HistoryEntry: Codable, Sendable, Hashable {
    public var host: HistoryHost
    public var start: Date
    public var end: Date?
    public var prologStart: Date?
    public var prologEnd: Date?
    public var wrapperStart: Date?
    public var wrapperEnd: Date?
    public var epilogStart: Date?
    public var epilogEnd: Date?
    public var migrationStart: Date?
    public var migrationEnd: Date?
    public var reason: String
    public var message: String?

    public init(host: HistoryHost, start: Date, end: Date? = nil, reason: String = "----", message: String? = nil) {
        self.host = host
        self.start = start
        self.end = end
        self.reason = reason
        self.message = message
    }
}

/// The answer to `HistoryQuery`.
public struct JobHistory: WireBody {
    public static let wireType = "jobHistory"
    public var jobID: Int
    public var entries: [HistoryEntry]

    public init(jobID: Int, entries: [HistoryEntry]) {
        self.jobID = jobID
        self.entries = entries
    }
}

/// gwacct: usage totals per user or per host over a period.
public struct AccountingQuery: WireBody {
    public static let wireType = "accounting"
    public enum Grouping: String, Codable, Sendable, Hashable {
        case user
        case host
    }

    public var groupBy: Grouping
    /// Only this local user (`-u`) or host (`-h`).
    public var user: String?
    public var host: String?
    public var since: Date?
    public var until: Date?

    public init(groupBy: Grouping = .user, user: String? = nil, host: String? = nil, since: Date? = nil, until: Date? = nil) {
        self.groupBy = groupBy
        self.user = user
        self.host = host
        self.since = since
        self.until = until
    }
}

/// One row of gwacct.
public struct AccountingRow: Codable, Sendable, Hashable {
    /// The user or host the row totals.
    public var name: String
    public var executionSeconds: Int
    public var suspensionSeconds: Int
    public var transferSeconds: Int
    public var succeeded: Int
    public var failed: Int
    public var killed: Int
    public var migrated: Int

    public init(name: String, executionSeconds: Int = 0, suspensionSeconds: Int = 0, transferSeconds: Int = 0,
                succeeded: Int = 0, failed: Int = 0, killed: Int = 0, migrated: Int = 0) {
        self.name = name
        self.executionSeconds = executionSeconds
        self.suspensionSeconds = suspensionSeconds
        self.transferSeconds = transferSeconds
        self.succeeded = succeeded
        self.failed = failed
        self.killed = killed
        self.migrated = migrated
    }
}

/// The answer to `AccountingQuery`.
public struct AccountingReport: WireBody {
    public static let wireType = "accountingReport"
    public var rows: [AccountingRow]

    public init(rows: [AccountingRow]) { self.rows = rows }
}
