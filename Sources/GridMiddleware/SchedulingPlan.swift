/// One job sent to one host.
public struct DispatchDecision: Sendable, Hashable {
    public var jobID: Int
    public var hostID: Int
    public var hostName: String
    /// The job's RANK on that host.
    public var rank: Int
}

/// A job's priority and its parts (each part 0...1 before weighting), for explanations.
public struct JobPriority: Sendable, Hashable {
    public var jobID: Int
    public var user: String
    public var urgent: Bool
    public var total: Double
    public var fixed: Double
    public var share: Double
    public var waiting: Double
    public var deadline: Double
}

/// The result of one scheduling pass.
public struct SchedulingPlan: Sendable, Hashable {
    /// In dispatch order.
    public var decisions: [DispatchDecision]
    /// Every pending job in priority order.
    public var priorities: [JobPriority]
    /// Why each job that was not dispatched waits.
    public var waiting: [Int: String]
}
