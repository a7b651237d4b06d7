import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A job on this host, from prolog to the end of its epilog: its events, its result, and
/// the controls gwkill needs (cancel, stop, resume).
public final class RunningJob: @unchecked Sendable {
    public let jobID: Int
    /// Every state change, ending after the last one.
    public let events: AsyncStream<JobRunEvent>
    let continuation: AsyncStream<JobRunEvent>.Continuation
    private let killGracePeriod: Duration
    private let lock = NSLock()
    private var process: JobProcess?
    private var cancelRequested = false
    private var task: Task<JobRunResult, Never>?

    init(jobID: Int, killGracePeriod: Duration) {
        self.jobID = jobID
        self.killGracePeriod = killGracePeriod
        (events, continuation) = AsyncStream.makeStream(of: JobRunEvent.self)
    }

    /// How the job ended; waits for the end of its epilog (or its failure, or the cancel).
    public var result: JobRunResult {
        get async {
            let task = lock.withLock { self.task }
            return await task!.value
        }
    }

    /// The program's pid (and process group id) while it runs.
    public var pid: Int32? {
        lock.withLock { process?.isRunning == true ? process?.pid : nil }
    }

    /// Cancels the job: before it starts, it never does; while it runs, its whole process
    /// group gets SIGTERM (and SIGCONT, should it be stopped), then SIGKILL after the grace
    /// period. Staging out is skipped. Does nothing for a job that already ended.
    public func cancel() {
        let running: JobProcess? = lock.withLock {
            cancelRequested = true
            return process
        }
        if let running { terminate(running) }
    }

    /// gwkill -t: SIGSTOP to the job's process group.
    public func stop() throws { try signalRunning(SIGSTOP, "stopped") }

    /// gwkill -r: SIGCONT to the job's process group.
    public func resume() throws { try signalRunning(SIGCONT, "resumed") }

    var isCancelRequested: Bool { lock.withLock { cancelRequested } }

    func start(_ body: @escaping @Sendable () async -> JobRunResult) {
        lock.withLock { task = Task(operation: body) }
    }

    /// Records the started process; a cancel that came during the prolog takes effect now.
    func attach(_ started: JobProcess) {
        let cancelled: Bool = lock.withLock {
            process = started
            return cancelRequested
        }
        if cancelled { terminate(started) }
    }

    private func terminate(_ running: JobProcess) {
        running.signalGroup(SIGTERM)
        running.signalGroup(SIGCONT)
        let grace = killGracePeriod
        Task.detached {
            try? await Task.sleep(for: grace)
            running.signalGroup(SIGKILL)
        }
    }

    private func signalRunning(_ signal: Int32, _ verb: String) throws {
        let running = lock.withLock { process }
        guard let running, running.signalGroup(signal) else {
            throw ExecError(.wrongState, "job \(jobID) is not running, so it cannot be \(verb)", jobID: jobID)
        }
    }
}
