/// The one error type of GridExec: what failed on the workernode, how to fix it, and where.
///
/// A job's `failed` reason is this error's `message` (it names the file or value); the
/// gatekeeper daemon sends it to gwd as the infrastructure failure's reason.
public struct ExecError: Error, CustomStringConvertible, @unchecked Sendable {
    /// A stable identifier of the failure, for tests and for the daemon's replies.
    public enum Code: String, Sendable, CaseIterable {
        /// A file name that would leave the job's directory (lexically, or through a link at run time).
        case unsafePath
        /// The mapped local user does not exist.
        case unknownUser
        /// The mapped local user is root (uid 0 or gid 0): jobs never run as root.
        case refusedUser
        /// The template cannot be run as written (no EXECUTABLE, bad ARGUMENTS quoting, clashing names).
        case invalidTemplate
        /// A staged input (INPUT_FILES, EXECUTABLE, STDIN_FILE) was not handed to the runner.
        case missingInput
        /// An absolute path that must exist on this host does not (or may not be used).
        case missingHostFile
        /// A declared output (or the job's stdout/stderr) is absent after the run.
        case missingOutput
        /// The jobs directory or a job's directory cannot be made, owned or removed.
        case jobDirectory
        /// Reading or writing a staged file failed.
        case io
        /// The program could not be started.
        case spawnFailed
        /// The stage-out sink refused a file.
        case transfer
        /// A request the job's state does not allow (stop a job that is not running).
        case wrongState
        /// A job with this id is already on this host.
        case duplicateJob
        /// Every slot of the host is in use.
        case noFreeSlot
    }

    public var code: Code
    /// What failed, in one sentence, naming the file, value or user.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?
    /// The job, when the error is about one.
    public var jobID: Int?
    /// The file, when the error is about one.
    public var path: String?
    /// The error that caused this one (often a `SystemCallError`).
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, hint: String? = nil, jobID: Int? = nil, path: String? = nil,
                underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.jobID = jobID
        self.path = path
        self.underlying = underlying
    }

    /// `job 7: message`, then `  cause: ...` and `  hint: ...` lines when present.
    public var description: String {
        var lines = [jobID.map { "job \($0): \(message)" } ?? message]
        if let underlying { lines.append("  cause: \(underlying)") }
        if let hint { lines.append("  hint: \(hint)") }
        return lines.joined(separator: "\n")
    }

    /// The same error, attributed to `jobID`.
    func forJob(_ jobID: Int) -> ExecError {
        var copy = self
        copy.jobID = jobID
        return copy
    }
}

/// A failed system call: its name, the path or object it was about, and `errno`.
public struct SystemCallError: Error, CustomStringConvertible, Sendable, Hashable {
    public var call: String
    public var errno: Int32

    public init(_ call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// `openat: No such file or directory (errno 2)`.
    public var description: String { "\(call): \(SystemCalls.errorText(errno)) (errno \(errno))" }
}
