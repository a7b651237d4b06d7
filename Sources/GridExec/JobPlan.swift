import GridMiddleware

/// A substituted job template resolved into what the runner does on this host.
///
/// Pure: every name that lands in the job's directory passes `PathSafety.checkJobRelative`
/// here, before anything is touched (the run-time checks are `JobDirectory`'s). Staged
/// files (INPUT_FILES, a non-absolute EXECUTABLE or STDIN_FILE) are named in the job's
/// directory by their destination or, without one, by their source's last component, as in
/// GridWay. STDOUT_FILE and STDERR_FILE are written to their last component in the job's
/// directory and staged out to the value as written (`/dev/null` discards the stream).
struct JobPlan: Sendable, Hashable {
    enum Program: Sendable, Hashable {
        /// Staged into the job's directory under this name and made executable.
        case staged(name: String)
        /// Already on the host.
        case hostPath(String)
    }

    enum StandardInput: Sendable, Hashable {
        case null
        case hostPath(String)
        case staged(name: String)
    }

    /// One file staged in: the `inputs` key it comes from and its name in the job's directory.
    struct StagedFile: Sendable, Hashable {
        var key: String
        var name: String
        var executable: Bool
        /// `INPUT_FILES 'in.txt'`, for messages.
        var what: String
    }

    var program: Program
    var arguments: [String]
    var staged: [StagedFile] = []
    /// Absolute INPUT_FILES, which must exist on the host.
    var hostInputs: [String] = []
    var stdin: StandardInput
    /// Names in the job's directory; nil discards the stream.
    var stdoutName: String?
    var stderrName: String?
    /// What is staged out after the run: stdout, stderr, then OUTPUT_FILES.
    var outputs: [PlannedOutput] = []

    struct PlannedOutput: Sendable, Hashable {
        var name: String
        var destination: String
        var kind: StagedOutputKind
    }

    init(template: JobTemplate) throws {
        guard let executable = template.executable else {
            throw ExecError(.invalidTemplate, "the template has no EXECUTABLE", hint: "add EXECUTABLE = program")
        }
        arguments = try ArgumentWords.split(template.arguments ?? "")
        program = .hostPath(executable)
        stdin = .null

        let location = try Self.location(executable, what: "EXECUTABLE")
        if location.isStaged {
            let name = try Self.checked(location.lastComponent, what: "EXECUTABLE name")
            program = .staged(name: name)
            try addStaged(StagedFile(key: executable, name: name, executable: true, what: "EXECUTABLE '\(executable)'"))
        }
        for input in template.inputFiles {
            let source = try Self.location(input.source, what: "INPUT_FILES")
            guard source.isStaged else {
                if let destination = input.destination {
                    throw ExecError(.invalidTemplate, "INPUT_FILES '\(input.source)' is a path on this host and is not staged, "
                                    + "so it cannot be given the name '\(destination)'",
                                    hint: "drop the destination, or give a relative path or URL to stage")
                }
                hostInputs.append(input.source)
                continue
            }
            let name = try Self.checked(input.destination ?? source.lastComponent,
                                                       what: input.destination == nil ? "INPUT_FILES name" : "INPUT_FILES destination")
            try addStaged(StagedFile(key: input.source, name: name, executable: false, what: "INPUT_FILES '\(input.source)'"))
        }
        try planStreams(template)
        for output in template.outputFiles {
            let name = try Self.checked(output.source, what: "OUTPUT_FILES name")
            outputs.append(PlannedOutput(name: name, destination: output.destination ?? output.source, kind: .output))
        }
    }

    private mutating func planStreams(_ template: JobTemplate) throws {
        if template.stdinFile != "/dev/null" {
            let location = try Self.location(template.stdinFile, what: "STDIN_FILE")
            if location.isStaged {
                let name = try Self.checked(location.lastComponent, what: "STDIN_FILE name")
                stdin = .staged(name: name)
                try addStaged(StagedFile(key: template.stdinFile, name: name, executable: false,
                                         what: "STDIN_FILE '\(template.stdinFile)'"))
            } else {
                stdin = .hostPath(template.stdinFile)
            }
        }
        stdoutName = try streamName(template.stdoutFile, what: "STDOUT_FILE")
        stderrName = try streamName(template.stderrFile, what: "STDERR_FILE")
        if let stdoutName { outputs.append(PlannedOutput(name: stdoutName, destination: template.stdoutFile, kind: .stdout)) }
        if let stderrName, stderrName != stdoutName {
            outputs.append(PlannedOutput(name: stderrName, destination: template.stderrFile, kind: .stderr))
        }
    }

    private func streamName(_ value: String, what: String) throws -> String? {
        if value == "/dev/null" { return nil }
        let name = try Self.checked(try Self.location(value, what: what).lastComponent, what: "\(what) name")
        if staged.contains(where: { $0.name == name }) {
            throw ExecError(.invalidTemplate, "\(what) '\(value)' would overwrite the staged file '\(name)'",
                            hint: "give the stream another name")
        }
        return name
    }

    /// Adds a staged file; the same source under the same name twice is staged once.
    private mutating func addStaged(_ file: StagedFile) throws {
        if let other = staged.first(where: { $0.name == file.name }) {
            if other.key == file.key { return }
            throw ExecError(.invalidTemplate, "\(file.what) and \(other.what) are both staged as '\(file.name)'",
                            hint: "give one of them another destination name")
        }
        staged.append(file)
    }

    /// `PathSafety.checkJobRelative`, reported as an `ExecError`.
    static func checked(_ name: String, what: String) throws -> String {
        do {
            return try PathSafety.checkJobRelative(name, what: what)
        } catch let error as MiddlewareError {
            throw ExecError(.unsafePath, error.message, hint: error.hint, path: name, underlying: error)
        }
    }

    private static func location(_ text: String, what: String) throws -> FileLocation {
        do {
            return try FileLocation(parsing: text)
        } catch let error as MiddlewareError {
            throw ExecError(error.code == .unsafePath ? .unsafePath : .invalidTemplate, "\(what): \(error.message)",
                            hint: error.hint, underlying: error)
        }
    }
}

/// What a staged-out file is.
public enum StagedOutputKind: String, Sendable, Hashable {
    /// An OUTPUT_FILES entry.
    case output
    /// The job's STDOUT_FILE.
    case stdout
    /// The job's STDERR_FILE.
    case stderr
}
