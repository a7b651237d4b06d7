/// `sched.conf`, the built-in scheduler's policy knobs, with GridWay's defaults.
///
/// Job priority = FP_WEIGHT·FP + SH_WEIGHT·SH + WT_WEIGHT·WT + DL_WEIGHT·DL (each term
/// normalised to 0...1); host score = RP_WEIGHT·RP + RA_WEIGHT·RANK + UG_WEIGHT·UG.
/// See `SchedulerPolicy` for how each term is computed.
public struct SchedulerConfig: Sendable, Hashable {
    /// `DISABLE = yes`: the built-in policies are off (jobs are taken in submission order).
    public var disabled = false
    /// Jobs dispatched per scheduling pass; 0 = as many as possible.
    public var dispatchChunk = 15
    /// Jobs sent to one host per pass; 0 = no limit.
    public var maxDispatchResource = 5
    /// Jobs of one user running at once; 0 = no limit.
    public var maxRunningUser = 30

    public var fixedPriorityWeight = 1.0
    /// `FP_USER[name]`, 0...19.
    public var userPriorities: [String: Int] = [:]
    /// `FP_USER[DEFAULT]`.
    public var defaultUserPriority = 0

    public var shareWeight = 1.0
    /// `SH_USER[name]`: a user's share of dispatches, relative to the others'.
    public var userShares: [String: Int] = [:]
    /// `SH_USER[DEFAULT]`.
    public var defaultUserShare = 5
    /// How many past windows of dispatches count, each forgotten exponentially (max 10).
    public var shareWindowDepth = 5
    /// Window length in days.
    public var shareWindowSize = 1.0

    public var waitingTimeWeight = 0.0
    public var deadlineWeight = 1.0
    /// Days before the deadline at which a job gets half the deadline priority.
    public var deadlineHalf = 1.0

    public var resourcePriorityWeight = 1.0
    /// `RP_HOST[name]`, 0...99; 0 means the host is never used.
    public var hostPriorities: [String: Int] = [:]
    /// `RP_IM[driver]`: the priority of every host found by an information driver.
    public var driverPriorities: [String: Int] = [:]
    /// `RP_HOST[DEFAULT]` / `RP_IM[DEFAULT]`.
    public var defaultHostPriority = 1

    public var rankWeight = 1.0
    public var usageWeight = 1.0
    /// Days of history for the usage estimate.
    public var usageHistoryWindow = 3.0
    /// Weight of the last execution against the history average.
    public var usageHistoryRatio = 0.25

    /// Longest ban of a host that keeps failing for a user, in seconds; 0 disables banning.
    public var failureMaxBanned = 3600
    /// Time constant of the growing ban, in seconds.
    public var failureBannedC = 650.0

    public init() {}

    /// A user's fixed priority: `FP_USER[user]`, else `FP_USER[DEFAULT]`.
    public func userPriority(_ user: String) -> Int { userPriorities[user] ?? defaultUserPriority }

    /// A user's share: `SH_USER[user]`, else `SH_USER[DEFAULT]`.
    public func userShare(_ user: String) -> Int { userShares[user] ?? defaultUserShare }

    /// A host's fixed priority: `RP_HOST[name]`, else `RP_IM[driver]`, else the default.
    public func hostPriority(name: String, driver: String? = nil) -> Int {
        if let value = hostPriorities[name] { return value }
        if let driver, let value = driverPriorities[driver] { return value }
        return defaultHostPriority
    }
}
