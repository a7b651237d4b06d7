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
