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
