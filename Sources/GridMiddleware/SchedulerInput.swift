import Foundation

/// A pending job as the scheduler sees it.
public struct PendingJob: Sendable, Hashable {
    public var id: Int
    public var user: String
    /// gwsubmit -p, 0...20 (20 is urgent: before everything else); nil takes FP_USER.
    public var priority: Int?
    public var submitTime: Date
    /// Submission time + DEADLINE; nil when the template has none.
    public var deadline: Date?
    public var requirements: Requirements
    public var rank: RankExpression
    /// Tasks of one array share their template, so their host matching is done once.
    public var arrayID: Int?
    /// Slots the job needs on one host (NP).
    public var slots: Int
    /// Hosts not to use again (those already tried when the user asked for a reschedule).
    public var excludedHosts: Set<Int>

    public init(id: Int, user: String, priority: Int? = nil, submitTime: Date, deadline: Date? = nil,
                requirements: Requirements = .always, rank: RankExpression = RankExpression(source: "", root: nil),
                arrayID: Int? = nil, slots: Int = 1, excludedHosts: Set<Int> = []) {
        self.id = id
        self.user = user
        self.priority = priority
        self.submitTime = submitTime
        self.deadline = deadline
        self.requirements = requirements
        self.rank = rank
        self.arrayID = arrayID
        self.slots = slots
        self.excludedHosts = excludedHosts
    }

    /// A job from its template: REQUIREMENTS, RANK, NP and DEADLINE.
    public init(id: Int, user: String, template: JobTemplate, priority: Int? = nil, submitTime: Date, arrayID: Int? = nil) {
        self.init(id: id, user: user, priority: priority, submitTime: submitTime,
                  deadline: template.deadline > 0 ? submitTime.addingTimeInterval(TimeInterval(template.deadline)) : nil,
                  requirements: template.requirements, rank: template.rank, arrayID: arrayID, slots: template.np)
    }
}

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
