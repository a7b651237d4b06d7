/// How a workernode runs jobs.
public struct JobRunnerConfiguration: Sendable {
    /// Where the per-job directories go (`<jobsDirectory>/<job id>`); made with mode 0711
    /// when missing; must be the gatekeeper's and not writable by others.
    public var jobsDirectory: String
    /// How programs are started as the mapped user.
    public var userSwitch: UserSwitch
    /// GW_HOSTNAME and the HOSTNAME host attribute.
    public var hostname: String
    /// Jobs that may be on the host at once (prolog to epilog).
    public var totalSlots: Int
    /// Between SIGTERM and SIGKILL when a job is cancelled.
    public var killGracePeriod: Duration
    public var cleanup: CleanupPolicy
    /// PATH of the job's environment unless its ENVIRONMENT sets one.
    public var defaultPath: String

    public static let defaultJobsDirectory = "/var/lib/vgrid/gatekeeper/jobs"

    public init(jobsDirectory: String = JobRunnerConfiguration.defaultJobsDirectory, userSwitch: UserSwitch,
                hostname: String? = nil, totalSlots: Int = 1, killGracePeriod: Duration = .seconds(5),
                cleanup: CleanupPolicy = .always, defaultPath: String = "/usr/local/bin:/usr/bin:/bin") {
        self.jobsDirectory = jobsDirectory
        self.userSwitch = userSwitch
        self.hostname = hostname ?? SystemCalls.hostname()
        self.totalSlots = totalSlots
        self.killGracePeriod = killGracePeriod
        self.cleanup = cleanup
        self.defaultPath = defaultPath
    }
}

/// What happens to a job's directory when the job is over.
public enum CleanupPolicy: Sendable, Hashable {
    /// Removed after stage-out, after a failure and after a cancel.
    case always
    /// Removed, except when the job failed (kept for the teacher to look at).
    case keepFailed
    /// Never removed (the next attempt of the same job id replaces it).
    case never
}

/// The host's job slots.
public struct Slots: Sendable, Hashable {
    public var total: Int
    public var used: Int

    public init(total: Int, used: Int) {
        self.total = total
        self.used = used
    }

    public var free: Int { max(0, total - used) }
}
