import Foundation

/// What gwps shows about one job.
public struct JobStatus: Sendable, Hashable {
    public var id: Int
    public var user: String
    public var uid: Int
    public var name: String
    public var state: JobState
    public var executionState: ExecutionState
    /// Submission time (GridWay's START).
    public var start: Date?
    /// When the job became done or failed.
    public var end: Date?
    public var executionSeconds: Int
    public var transferSeconds: Int
    public var exitCode: Int?
    /// `worker1/fork`; nil when the job is on no host and never was.
    public var host: String?
    public var arrayID: Int?
    public var taskID: Int
    public var restarted: Int
    /// gwwait clients waiting for the job.
    public var clientWaiting: Int
    public var reschedule: Bool
    public var fixedPriority: Int
    public var type: JobType
    public var np: Int
    /// DEADLINE in seconds (0 for none).
    public var deadline: Int
    /// vgrid: the latest explanation (failure reason, retry, blocked dependency), for `-f`.
    public var note: String?
    /// The gwps `-s` letter (`k` while a kill is under way, which the DM column shows as canl/epil).
    public var stateLetter: Character

    public init(id: Int, user: String, uid: Int, name: String, state: JobState, executionState: ExecutionState = .none,
                start: Date? = nil, end: Date? = nil, executionSeconds: Int = 0, transferSeconds: Int = 0,
                exitCode: Int? = nil, host: String? = nil, arrayID: Int? = nil, taskID: Int = 0, restarted: Int = 0,
                clientWaiting: Int = 0, reschedule: Bool = false, fixedPriority: Int = 0, type: JobType = .single,
                np: Int = 1, deadline: Int = 0, note: String? = nil) {
        self.id = id
        self.user = user
        self.uid = uid
        self.name = name
        self.state = state
        self.executionState = executionState
        self.start = start
        self.end = end
        self.executionSeconds = executionSeconds
        self.transferSeconds = transferSeconds
        self.exitCode = exitCode
        self.host = host
        self.arrayID = arrayID
        self.taskID = taskID
        self.restarted = restarted
        self.clientWaiting = clientWaiting
        self.reschedule = reschedule
        self.fixedPriority = fixedPriority
        self.type = type
        self.np = np
        self.deadline = deadline
        self.note = note
        self.stateLetter = state.letter
    }

    /// The status of a job from its state machine and template, at `now`.
    public init(_ job: JobLifecycle, template: JobTemplate, user: String, uid: Int, fixedPriority: Int,
                arrayID: Int? = nil, taskID: Int = 0, clientWaiting: Int = 0, now: Date) {
        self.init(id: job.jobID, user: user, uid: uid, name: template.name ?? "", state: job.state,
                  executionState: job.executionState, start: job.submitTime, end: job.exitTime,
                  executionSeconds: job.executionSeconds(now: now), transferSeconds: job.transferSeconds(now: now),
                  exitCode: job.state == .done ? job.exitCode : nil, host: (job.host ?? job.history.last?.host)?.contact,
                  arrayID: arrayID, taskID: taskID, restarted: job.restarted, clientWaiting: clientWaiting,
                  reschedule: job.state == .migrating, fixedPriority: fixedPriority, type: template.type,
                  np: template.np, deadline: template.deadline, note: job.note)
        stateLetter = job.stateLetter
    }
}
