import GridMiddleware

/// A state change of a job on the workernode, in the order they happen.
public enum JobRunEvent: Sendable {
    /// The job's directory is made and every input is staged.
    case prologDone
    /// The program runs as this pid (also its process group).
    case started(pid: Int32)
    /// The program ended (not reported for a cancelled job).
    case exited(JobExitStatus)
    /// Every output was handed to the stage-out sink.
    case epilogDone
    /// The infrastructure failed; the error's message is the reason for the user.
    case failed(ExecError)
    /// The job was cancelled and its processes are gone.
    case cancelled
    /// The job's directory could not be removed (the job's result is not affected).
    case cleanupFailed(ExecError)

    /// The middleware's event for this change; nil for those gwd does not track.
    public var jobEvent: JobEvent? {
        switch self {
        case .prologDone: return .prologDone
        case .started: return .started
        case .exited(let status): return .exited(code: status.exitCode)
        case .epilogDone: return .epilogDone
        case .failed(let error): return .infrastructureFailure(reason: error.message)
        case .cancelled, .cleanupFailed: return nil
        }
    }
}

/// How a job's run on the workernode ended.
public enum JobRunResult: Sendable {
    /// The program ran and its outputs were staged out; a non-zero code is still done.
    case done(JobExitStatus)
    case failed(ExecError)
    case cancelled

    /// As the middleware records it.
    public var outcome: JobOutcome {
        switch self {
        case .done(let status): return .done(exitCode: status.exitCode)
        case .failed(let error): return .failed(reason: error.message)
        case .cancelled: return .killed
        }
    }
}
