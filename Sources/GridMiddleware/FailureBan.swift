import Foundation

/// GridWay's failure-rate policy: a host that keeps failing for a user is banned for that
/// user, for a time that grows with how long it has been failing, up to FR_MAX_BANNED.
///
/// The first failure bans for FR_MAX_BANNED / 10. A later failure, t seconds after the
/// first, bans for FR_MAX_BANNED · (1 − e^(−t / FR_BANNED_C)) (no new ban within 10 s of
/// the first, which are usually one incident). A success clears the ban (`ban = nil`).
public struct FailureBan: Sendable, Hashable, Codable {
    /// When the current series of failures started.
    public var firstFailure: Date?
    /// Until when the host is banned for the user.
    public var bannedUntil: Date?

    public init(firstFailure: Date? = nil, bannedUntil: Date? = nil) {
        self.firstFailure = firstFailure
        self.bannedUntil = bannedUntil
    }

    /// Records a failure at `now`.
    public mutating func recordFailure(at now: Date, config: SchedulerConfig) {
        let maximum = Double(config.failureMaxBanned)
        guard maximum > 0 else { return }
        guard let first = firstFailure else {
            firstFailure = now
            bannedUntil = now.addingTimeInterval(0.1 * maximum)
            return
        }
        let elapsed = now.timeIntervalSince(first)
        guard elapsed > 10, config.failureBannedC > 0 else { return }
        let length = maximum * (1 - exp(-elapsed / config.failureBannedC))
        bannedUntil = max(bannedUntil ?? now, now.addingTimeInterval(length.rounded(.down)))
    }

    /// Records a success: the series ends and the ban is lifted.
    public mutating func recordSuccess() {
        firstFailure = nil
        bannedUntil = nil
    }

    /// True while the ban lasts.
    public func isBanned(at now: Date) -> Bool { bannedUntil.map { now < $0 } ?? false }
}
