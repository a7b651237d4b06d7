/// The keys of a job template (`.jt`), in the order the normalised form writes them.
public enum JobTemplateKey: String, CaseIterable, Sendable {
    case name = "NAME"
    case executable = "EXECUTABLE"
    case arguments = "ARGUMENTS"
    case environment = "ENVIRONMENT"
    case inputFiles = "INPUT_FILES"
    case outputFiles = "OUTPUT_FILES"
    case stdinFile = "STDIN_FILE"
    case stdoutFile = "STDOUT_FILE"
    case stderrFile = "STDERR_FILE"
    case requirements = "REQUIREMENTS"
    case rank = "RANK"
    case rescheduleOnFailure = "RESCHEDULE_ON_FAILURE"
    case numberOfRetries = "NUMBER_OF_RETRIES"
    case reschedulingInterval = "RESCHEDULING_INTERVAL"
    case suspensionTimeout = "SUSPENSION_TIMEOUT"
    case cpuloadThreshold = "CPULOAD_THRESHOLD"
    case type = "TYPE"
    case np = "NP"
    case deadline = "DEADLINE"
    case jobDependencies = "JOB_DEPENDENCIES"

    /// Keys of GridWay 5 templates that vgrid reads and ignores (with a warning), so that a
    /// site's original `job_template.default` still loads.
    public static let ignoredGridWayKeys: [String] = [
        "RESTART_FILES", "CHECKPOINT_INTERVAL", "CHECKPOINT_URL", "RESCHEDULING_THRESHOLD",
        "MONITOR", "WRAPPER", "PRE_WRAPPER", "PRE_WRAPPER_ARGUMENTS",
    ]
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
