/// The values of `${...}` in a template and the `GW_*` variables of a job's environment.
///
/// Substituted in EXECUTABLE, ARGUMENTS, the stream and file lists and ENVIRONMENT values:
/// `${JOB_ID}`, `${ARRAY_ID}` (-1 when not an array), `${TASK_ID}`, `${TOTAL_TASKS}`,
/// `${PARAM}` (start + increment * TASK_ID), `${MAX_PARAM}` (the last task's PARAM),
/// `${ARCH}` (of the chosen host) and `${NAME}` for a NAME of the ENVIRONMENT list.
/// Anything else, and `${ARCH}` before a host is chosen, is left as written.
/// A job that is not part of an array has TASK_ID 0, TOTAL_TASKS 0 and PARAM 0, as in GridWay.
public struct TemplateVariables: Sendable, Hashable {
    public var jobID: Int
    /// Nil when the job is not part of an array.
    public var arrayID: Int?
    public var taskID: Int
    public var totalTasks: Int
    public var paramStart: Int
    public var paramIncrement: Int
    /// The chosen host's ARCH; nil before dispatch.
    public var arch: String?
    /// The template's ENVIRONMENT, for `${NAME}`.
    public var environment: [EnvironmentVariable]

    public init(jobID: Int, arrayID: Int? = nil, taskID: Int = 0, totalTasks: Int = 0, paramStart: Int = 0,
                paramIncrement: Int = 1, arch: String? = nil, environment: [EnvironmentVariable] = []) {
        self.jobID = jobID
        self.arrayID = arrayID
        self.taskID = taskID
        self.totalTasks = totalTasks
        self.paramStart = paramStart
        self.paramIncrement = paramIncrement
        self.arch = arch
        self.environment = environment
    }

    /// `${PARAM}`: start + increment * TASK_ID for an array task, 0 otherwise.
    public var param: Int { arrayID == nil ? 0 : paramStart + paramIncrement * taskID }

    /// `${MAX_PARAM}`: the PARAM of the last task, 0 when not an array.
    public var maxParam: Int { arrayID == nil ? 0 : paramStart + paramIncrement * (totalTasks - 1) }

    /// The value of one `${name}`, or nil to leave it as written.
    public func value(of name: String) -> String? {
        switch name {
        case "JOB_ID": return String(jobID)
        case "ARRAY_ID": return String(arrayID ?? -1)
        case "TASK_ID": return String(taskID)
        case "TOTAL_TASKS": return String(totalTasks)
        case "PARAM": return String(param)
        case "MAX_PARAM": return String(maxParam)
        case "ARCH": return arch
        default: return environment.first { $0.name == name }?.value
        }
    }

    /// `text` with every known `${...}` replaced; one pass, so values are not re-expanded.
    public func substitute(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            let afterOpen = rest[start.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else {
                rest = rest[start.lowerBound...]
                break
            }
            let name = String(afterOpen[..<close])
            result += value(of: name) ?? "${\(name)}"
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        return result + rest
    }

    /// The template with variables substituted wherever GridWay substitutes them.
    public func apply(to template: JobTemplate) -> JobTemplate {
        var out = template
        out.executable = template.executable.map(substitute)
        out.arguments = template.arguments.map(substitute)
        out.stdinFile = substitute(template.stdinFile)
        out.stdoutFile = substitute(template.stdoutFile)
        out.stderrFile = substitute(template.stderrFile)
        out.inputFiles = template.inputFiles.map { FileTransfer(substitute($0.source), $0.destination.map(substitute)) }
        out.outputFiles = template.outputFiles.map { FileTransfer(substitute($0.source), $0.destination.map(substitute)) }
        out.environment = template.environment.map { EnvironmentVariable($0.name, substitute($0.value)) }
        return out
    }

    /// `apply(to:)`, then the lexical path checks again on the substituted names: a
    /// substituted value (`${ARCH}`, an ENVIRONMENT value) must not lead out of the job directory.
    public func applyChecked(to template: JobTemplate) throws -> JobTemplate {
        let out = apply(to: template)
        for input in out.inputFiles {
            if let destination = input.destination {
                try PathSafety.checkJobRelative(destination, what: "INPUT_FILES destination")
            } else if let source = try? FileLocation(parsing: input.source), source.isStaged {
                try PathSafety.checkJobRelative(source.lastComponent, what: "INPUT_FILES name")
            }
        }
        for output in out.outputFiles {
            try PathSafety.checkJobRelative(output.source, what: "OUTPUT_FILES name")
        }
        if let executable = out.executable, let location = try? FileLocation(parsing: executable), location.isStaged {
            try PathSafety.checkJobRelative(location.lastComponent, what: "EXECUTABLE name")
        }
        return out
    }

    /// The `GW_*` variables exported to the job, in a fixed order: GW_JOB_ID, GW_TASK_ID,
    /// GW_ARRAY_ID, GW_TOTAL_TASKS, GW_PARAM, GW_HOSTNAME, GW_USER, GW_RESTARTED.
    public func gridWayEnvironment(hostname: String, user: String, restarted: Int) -> [EnvironmentVariable] {
        [
            EnvironmentVariable("GW_JOB_ID", String(jobID)),
            EnvironmentVariable("GW_TASK_ID", String(taskID)),
            EnvironmentVariable("GW_ARRAY_ID", String(arrayID ?? -1)),
            EnvironmentVariable("GW_TOTAL_TASKS", String(totalTasks)),
            EnvironmentVariable("GW_PARAM", String(param)),
            EnvironmentVariable("GW_HOSTNAME", hostname),
            EnvironmentVariable("GW_USER", user),
            EnvironmentVariable("GW_RESTARTED", String(restarted)),
        ]
    }
}
