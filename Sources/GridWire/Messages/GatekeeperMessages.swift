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

/// Start the wrapper of a job whose files are staged in.
public struct StartJob: WireBody {
    public static let wireType = "startJob"
    public var job: JobAttempt
    /// The submitting user's end-entity DN (for the gatekeeper's grid-mapfile and logs).
    public var owner: String
    /// The local account to run as, when gwd has already mapped the owner.
    public var localUser: String?
    /// Relative to the job's remote directory, or absolute.
    public var executable: String
    public var arguments: [String]
    public var environment: [String: String]
    public var stdin: String?
    public var stdout: String?
    public var stderr: String?
    /// JobType raw value (`single`, `multiple`, `mpi`) and the number of processes.
    public var type: String
    public var np: Int
    /// The local resource manager and queue (`fork`, `default`).
    public var lrms: String
    public var queue: String

    public init(job: JobAttempt, owner: String, localUser: String? = nil, executable: String, arguments: [String] = [],
                environment: [String: String] = [:], stdin: String? = nil, stdout: String? = "stdout", stderr: String? = "stderr",
                type: String = "single", np: Int = 1, lrms: String = "fork", queue: String = "default") {
        self.job = job
        self.owner = owner
        self.localUser = localUser
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.type = type
        self.np = np
        self.lrms = lrms
        self.queue = queue
    }
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
