import Foundation

/// One host a job was sent to: gwhistory's row and a `job.history` line.
public struct HistoryRecord: Sendable, Hashable, Codable {
    public var host: HostRef
    /// When the job was dispatched to the host.
    public var start: Date
    /// When the job left the host; nil while it is there.
    public var end: Date?
    public var prologStart: Date?
    public var prologEnd: Date?
    public var wrapperStart: Date?
    public var wrapperEnd: Date?
    public var epilogStart: Date?
    public var epilogEnd: Date?
    public var migrationStart: Date?
    public var migrationEnd: Date?
    public var reason: HistoryReason
    /// vgrid's explanation when the job left because of a failure (shown by gwps -f).
    public var message: String?

    public init(host: HostRef, start: Date) {
        self.host = host
        self.start = start
        self.reason = .none
    }

    /// Seconds of staging in; a phase still open counts until `now`.
    public func prologSeconds(now: Date) -> Int { Self.seconds(prologStart, prologEnd, now) }
    /// Seconds the wrapper was on the host.
    public func wrapperSeconds(now: Date) -> Int { Self.seconds(wrapperStart, wrapperEnd, now) }
    /// Seconds of staging out or cleaning up.
    public func epilogSeconds(now: Date) -> Int { Self.seconds(epilogStart, epilogEnd, now) }
    /// Seconds spent leaving the host after gwkill -r.
    public func migrationSeconds(now: Date) -> Int { Self.seconds(migrationStart, migrationEnd, now) }

    static func seconds(_ start: Date?, _ end: Date?, _ now: Date) -> Int {
        guard let start else { return 0 }
        return max(0, Int((end ?? now).timeIntervalSince(start).rounded()))
    }

    /// Ends every open phase and the record itself at `now`.
    mutating func close(at now: Date, reason: HistoryReason, message: String? = nil) {
        if prologStart != nil, prologEnd == nil { prologEnd = now }
        if wrapperStart != nil, wrapperEnd == nil { wrapperEnd = now }
        if epilogStart != nil, epilogEnd == nil { epilogEnd = now }
        if migrationStart != nil, migrationEnd == nil { migrationEnd = now }
        end = now
        self.reason = reason
        self.message = message
    }
}

/// Why a job left a host, as gwhistory's REASON column shows it.
public enum HistoryReason: String, CaseIterable, Sendable, Hashable, Codable {
    case none = "----"
    case user = "user"
    case suspension = "susp"
    case discovery = "disc"
    case selfMigration = "self"
    case performance = "perf"
    case stopResume = "s/r "
    case error = "err "
    case kill = "kill"
}
