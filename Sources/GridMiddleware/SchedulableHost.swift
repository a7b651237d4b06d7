import Foundation

/// A host as the scheduler sees it.
public struct SchedulableHost: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var attributes: HostAttributes
    /// Slots not in use (the scheduler also counts what it sends in this pass).
    public var freeSlots: Int
    /// The information driver that found it, for RP_IM.
    public var driver: String?
    /// Users for whom the host is banned, until when (failure-rate policy, see `FailureBan`).
    public var bannedUntil: [String: Date]
    /// Estimated seconds a job takes here (history of executions); nil when unknown.
    public var estimatedSeconds: Double?

    public init(id: Int, name: String, attributes: HostAttributes = [:], freeSlots: Int, driver: String? = nil,
                bannedUntil: [String: Date] = [:], estimatedSeconds: Double? = nil) {
        self.id = id
        self.name = name
        self.attributes = attributes
        self.freeSlots = freeSlots
        self.driver = driver
        self.bannedUntil = bannedUntil
        self.estimatedSeconds = estimatedSeconds
    }
}

/// What a user already has: for MAX_RUNNING_USER and the share policy.
public struct UserLoad: Sendable, Hashable {
    /// Jobs on hosts now (prol, wrap, epil).
    public var running: Int
    /// Finished jobs, decayed over past windows (see `ShareWindows`).
    public var pastUsage: Double

    public init(running: Int = 0, pastUsage: Double = 0) {
        self.running = running
        self.pastUsage = pastUsage
    }
}
