/// A job template as used: every key of GridWay's `.jt` with its value or default.
///
/// Read with `JobTemplate.parse(_:file:defaults:)` (the user's file over the site's
/// `job_template.default`); written back, normalised, with `normalized()`.
/// Values are kept as written: `${JOB_ID}` and friends are substituted at dispatch time by
/// `TemplateVariables`.
public struct JobTemplate: Sendable, Hashable {
    /// The NAME column of gwps; the template file's name unless NAME is set.
    public var name: String?
    /// The program: a path relative to the template (staged and made executable), an
    /// absolute path (must exist on the host), or a `file://` / `gsiftp://` URL.
    public var executable: String?
    public var arguments: String?
    public var environment: [EnvironmentVariable] = []
    public var inputFiles: [FileTransfer] = []
    public var outputFiles: [FileTransfer] = []
    public var stdinFile = "/dev/null"
    public var stdoutFile = "stdout.${JOB_ID}"
    public var stderrFile = "stderr.${JOB_ID}"
    public var requirements = Requirements.always
    public var rank = RankExpression(source: "", root: nil)
    /// On an infrastructure failure, go back to pending (up to `numberOfRetries` times).
    public var rescheduleOnFailure = true
    public var numberOfRetries = 1
    /// Seconds between looks for a better host; 0 never (migration knob, not used by vgrid yet).
    public var reschedulingInterval = 0
    /// Seconds a job may stay suspended in the host's queue before it is migrated.
    public var suspensionTimeout = 600
    /// Percent of CPU below which the job is migrated.
    public var cpuloadThreshold = 50
    public var type = JobType.single
    public var np = 1
    /// Seconds from submission (`[[D:]H:]M` in the file); 0 means none. Raises priority only.
    public var deadline = 0
    /// Jobs that must be done before this one leaves hold.
    public var dependencies: [Int] = []

    public init() {}

    /// The executable as a location (relative, absolute, URL); nil when unset.
    public var executableLocation: FileLocation? {
        executable.flatMap { try? FileLocation(parsing: $0) }
    }
}

/// `TYPE`: how many processes the job starts.
public enum JobType: String, CaseIterable, Sendable, Hashable {
    case single
    case multiple
    case mpi
}

/// One `ENVIRONMENT` entry: `NAME=value`.
public struct EnvironmentVariable: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One `INPUT_FILES` or `OUTPUT_FILES` entry: `source [destination]`.
///
/// For inputs the source is on the head node (or a URL) and the destination is a name in
/// the job's remote directory; for outputs the source is the remote name and the
/// destination is on the head node (relative to the template's directory).
public struct FileTransfer: Sendable, Hashable {
    public var source: String
    public var destination: String?

    public init(_ source: String, _ destination: String? = nil) {
        self.source = source
        self.destination = destination
    }
}
