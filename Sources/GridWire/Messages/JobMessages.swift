import Foundation

// Student commands -> gwd. Job and execution states travel as the raw values of GridMiddleware's
// `JobState` and `ExecutionState` ("pend", "wrap", "actv", ...), so GridWire stays free of the scheduler.

/// gwsubmit: a job template's text and how to submit it.
public struct SubmitRequest: WireBody {
    public static let wireType = "submit"
    /// The template text, as in the user's `.jt` file.
    public var template: String
    /// The template's file name, for messages (`job.jt`).
    public var templateName: String?
    public var options: SubmitOptions
    /// The caller's proxy (certificate, key, chain: the proxy file's PEM), forwarded so that gwd can
    /// authenticate to the gatekeepers as the user. It must verify to the connection's own identity.
    public var proxy: String?

    public init(template: String, templateName: String? = nil, options: SubmitOptions = SubmitOptions(), proxy: String? = nil) {
        self.template = template
        self.templateName = templateName
        self.options = options
        self.proxy = proxy
    }
}

/// gwsubmit's flags.
public struct SubmitOptions: Codable, Sendable, Hashable {
    /// `-n n`: submit an array of n tasks.
    public var arrayTasks: Int?
    /// `-s start` and `-i increment` of an array (PARAM = start + increment * TASK_ID).
    public var arrayStart: Int
    public var arrayIncrement: Int
    /// `-h`: submit on hold.
    public var hold: Bool
    /// `-d "1 2"`: job ids this job waits for.
    public var dependencies: [Int]
    /// `-p n`: fixed priority.
    public var priority: Int?
    /// The directory the client ran in: relative paths in the template are resolved from it.
    public var workingDirectory: String?

    public init(arrayTasks: Int? = nil, arrayStart: Int = 0, arrayIncrement: Int = 1, hold: Bool = false, dependencies: [Int] = [],
                priority: Int? = nil, workingDirectory: String? = nil) {
        self.arrayTasks = arrayTasks
        self.arrayStart = arrayStart
        self.arrayIncrement = arrayIncrement
        self.hold = hold
        self.dependencies = dependencies
        self.priority = priority
        self.workingDirectory = workingDirectory
    }
}

/// The answer to `SubmitRequest`: the new job ids (one, or one per array task).
public struct SubmitResult: WireBody {
    public static let wireType = "submitted"
    public var jobIDs: [Int]
    public var arrayID: Int?

    public init(jobIDs: [Int], arrayID: Int? = nil) {
        self.jobIDs = jobIDs
        self.arrayID = arrayID
    }
}

/// gwps: which jobs to list (all fields are filters; nil or empty means any).
public struct JobQuery: WireBody {
    public static let wireType = "listJobs"
    public var ids: [Int]
    /// Local user name (`-u`); nil for the caller's own jobs or, for the administrator, all.
    public var user: String?
    /// State raw values (`pend`, `done`, ...).
    public var states: [String]
    public var arrayID: Int?

    public init(ids: [Int] = [], user: String? = nil, states: [String] = [], arrayID: Int? = nil) {
        self.ids = ids
        self.user = user
        self.states = states
        self.arrayID = arrayID
    }
}

/// One job as gwps shows it (mirrors GridMiddleware's `JobStatus`).
public struct JobInfo: Codable, Sendable, Hashable {
    public var id: Int
    public var user: String
    public var uid: Int
    public var name: String
    /// JobState raw value (`pend`, `wrap`, `done`, ...).
    public var state: String
    /// ExecutionState raw value (`----`, `actv`, ...).
    public var executionState: String
    /// The gwps `-s` letter.
    public var stateLetter: String
    public var start: Date?
    public var end: Date?
    public var executionSeconds: Int
    public var transferSeconds: Int
    public var exitCode: Int?
    /// `worker1/fork`.
    public var host: String?
    public var arrayID: Int?
    public var taskID: Int
    public var restarted: Int
    public var clientWaiting: Int
    public var reschedule: Bool
    public var fixedPriority: Int
    /// JobType raw value (`single`, `multiple`, `mpi`).
    public var type: String
    public var np: Int
    public var deadline: Int
    public var note: String?

    public init(id: Int, user: String, uid: Int = 0, name: String, state: String, executionState: String = "----", stateLetter: String = "i",
                start: Date? = nil, end: Date? = nil, executionSeconds: Int = 0, transferSeconds: Int = 0, exitCode: Int? = nil,
                host: String? = nil, arrayID: Int? = nil, taskID: Int = 0, restarted: Int = 0, clientWaiting: Int = 0,
                reschedule: Bool = false, fixedPriority: Int = 0, type: String = "single", np: Int = 1, deadline: Int = 0, note: String? = nil) {
        self.id = id
        self.user = user
        self.uid = uid
        self.name = name
        self.state = state
        self.executionState = executionState
        self.stateLetter = stateLetter
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
    }
}

/// The answer to `JobQuery`.
public struct JobList: WireBody {
    public static let wireType = "jobs"
    public var jobs: [JobInfo]

    public init(jobs: [JobInfo]) { self.jobs = jobs }
}
