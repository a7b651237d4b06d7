import Foundation

// gwd -> gatekeeper (host to host: gwd authenticates with the headnode's host certificate).

/// Which attempt of a job on a host a gatekeeper message is about (a job restarted or migrated
/// back to the same host gets a new attempt, and so a new remote directory).
public struct JobAttempt: Codable, Sendable, Hashable {
    public var jobID: Int
    /// GridWay's restart count of the job.
    public var attempt: Int

    public init(jobID: Int, attempt: Int = 0) {
        self.jobID = jobID
        self.attempt = attempt
    }
}

/// The job ids a template's variables come from (GridMiddleware's `TemplateVariables`, as plain values).
public struct JobVariables: Codable, Sendable, Hashable {
    public var jobID: Int
    public var arrayID: Int?
    public var taskID: Int
    public var totalTasks: Int
    public var paramStart: Int
    public var paramIncrement: Int

    public init(jobID: Int, arrayID: Int? = nil, taskID: Int = 0, totalTasks: Int = 0, paramStart: Int = 0, paramIncrement: Int = 1) {
        self.jobID = jobID
        self.arrayID = arrayID
        self.taskID = taskID
        self.totalTasks = totalTasks
        self.paramStart = paramStart
        self.paramIncrement = paramIncrement
    }
}

/// Start a job whose inputs are staged in (`StageIn` with the same attempt, one per entry of `inputs`).
///
/// The caller is the job's owner (gwd presents the owner's forwarded proxy; globus-job-run its own): the
/// gatekeeper maps the caller's identity through its grid-mapfile and runs the job as that account.
public struct StartJob: WireBody {
    public static let wireType = "startJob"
    public var job: JobAttempt
    /// The job template after variable substitution, in `.jt` form (the normalised template).
    public var template: String
    public var variables: JobVariables
    /// The template texts of the staged inputs (INPUT_FILES sources, a relative EXECUTABLE, STDIN_FILE),
    /// each sent before with `StageIn` whose `path` is that text.
    public var inputs: [String]
    /// GW_RESTARTED.
    public var restarted: Int
    /// globus-job-run: the gatekeeper assigns the job id (returned in `JobStarted`), keeps the end for
    /// `WaitJob` and reports nothing to gwd.
    public var interactive: Bool

    public init(job: JobAttempt, template: String, variables: JobVariables, inputs: [String] = [], restarted: Int = 0, interactive: Bool = false) {
        self.job = job
        self.template = template
        self.variables = variables
        self.inputs = inputs
        self.restarted = restarted
        self.interactive = interactive
    }
}

/// globus-job-run: wait until an interactive job ends; answered with `JobEnded`.
public struct WaitJob: WireBody {
    public static let wireType = "waitJob"
    public var job: JobAttempt
    public init(job: JobAttempt) { self.job = job }
}

/// The answer to `WaitJob`: the job's final report (state `done` with outputs, or `fail`).
public struct JobEnded: WireBody {
    public static let wireType = "jobEnded"
    public var report: JobStateReport
    public init(report: JobStateReport) { self.report = report }
}

/// The answer to `StartJob`: the wrapper runs (or waits in the local queue).
public struct JobStarted: WireBody {
    public static let wireType = "jobStarted"
    public var job: JobAttempt
    /// The local id: a process id for fork, a queue id otherwise.
    public var localID: String

    public init(job: JobAttempt, localID: String) {
        self.job = job
        self.localID = localID
    }
}

/// Cancel a running wrapper (kill, stop, reschedule); answered with `Ack`, the end comes as a `JobStateReport`.
public struct CancelJob: WireBody {
    public static let wireType = "cancelJob"
    public var job: JobAttempt
    /// Why, for the gatekeeper's log (`kill`, `stop`, `reschedule`).
    public var reason: String?

    public init(job: JobAttempt, reason: String? = nil) {
        self.job = job
        self.reason = reason
    }
}

/// Remove a job's remote directory (end of epilog); answered with `Ack`.
public struct CleanUpJob: WireBody {
    public static let wireType = "cleanUp"
    public var job: JobAttempt

    public init(job: JobAttempt) { self.job = job }
}
