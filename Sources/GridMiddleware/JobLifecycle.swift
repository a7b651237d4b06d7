import Foundation

/// The life of one job as a pure state machine: `handle(_:at:)` takes an event and the
/// current time (the daemon's injected clock) and returns the actions to perform.
///
///     submit -> pend (or hold) -> prol -> wrap -> epil -> done
///
/// - A non-zero exit code is still `done`, with that code; `fail` is for the infrastructure.
/// - An infrastructure failure (or a lost host) goes back to `pend` for another host while
///   RESCHEDULE_ON_FAILURE is yes and fewer than NUMBER_OF_RETRIES retries were used; then
///   `fail` with a reason naming the host and the cause.
/// - A dependant of a failed or killed parent fails with a reason naming the parent, or
///   (policy `.hold`) stays held with that reason logged — never silently.
/// - kill of a running job cancels the wrapper, cleans up, then frees the job.
/// - A request the current state does not allow throws `.wrongJobState` (gwkill's
///   "FAILED: wrong job state"); so does a driver event that arrives too late, which the
///   daemon should log and drop.
public struct JobLifecycle: Sendable, Hashable, Codable {
    /// What happens to a job whose parent fails or is killed.
    public enum DependencyFailurePolicy: String, Sendable, Hashable, Codable {
        /// Fail too, with a reason naming the parent (vgrid's default).
        case fail
        /// Stay held (GridWay's behaviour), with the reason logged and kept in `note`.
        case hold
    }

    /// The template knobs and site policy that steer the machine.
    public struct Options: Sendable, Hashable, Codable {
        public var rescheduleOnFailure: Bool
        public var numberOfRetries: Int
        public var dependencyFailurePolicy: DependencyFailurePolicy

        public init(rescheduleOnFailure: Bool = true, numberOfRetries: Int = 1,
                    dependencyFailurePolicy: DependencyFailurePolicy = .fail) {
            self.rescheduleOnFailure = rescheduleOnFailure
            self.numberOfRetries = numberOfRetries
            self.dependencyFailurePolicy = dependencyFailurePolicy
        }

        /// RESCHEDULE_ON_FAILURE and NUMBER_OF_RETRIES of a template.
        public init(template: JobTemplate, dependencyFailurePolicy: DependencyFailurePolicy = .fail) {
            self.init(rescheduleOnFailure: template.rescheduleOnFailure, numberOfRetries: template.numberOfRetries,
                      dependencyFailurePolicy: dependencyFailurePolicy)
        }
    }

    /// Why a job is leaving its host on purpose.
    enum Interruption: String, Sendable, Hashable, Codable {
        case kill, stop, migrate
    }

    public let jobID: Int
    public let options: Options
    public internal(set) var state: JobState = .initial
    public internal(set) var executionState: ExecutionState = .none
    /// Jobs this one still waits for.
    public internal(set) var waitingFor: Set<Int> = []
    /// Held by gwsubmit -o or gwkill -o (as opposed to waiting for dependencies only).
    public internal(set) var userHold = false
    /// One record per host tried; the last is open while the job is on a host.
    public internal(set) var history: [HistoryRecord] = []
    public internal(set) var exitCode: Int?
    /// How the job ended; nil until it is final.
    public internal(set) var outcome: JobOutcome?
    /// Infrastructure failures so far (each may be followed by a retry).
    public internal(set) var failures = 0
    /// The latest explanation for the user: a failure, a retry, a blocked dependency.
    public internal(set) var note: String?
    public internal(set) var submitTime: Date?
    /// When the job became done or failed.
    public internal(set) var exitTime: Date?
    var interruption: Interruption?

    public init(jobID: Int, options: Options = Options()) {
        self.jobID = jobID
        self.options = options
    }

    /// The host the job is on, while it is on one.
    public var host: HostRef? {
        guard let last = history.last, last.end == nil else { return nil }
        return last.host
    }

    /// GW_RESTARTED: how many hosts were tried before the current one.
    public var restarted: Int { max(0, history.count - 1) }

    /// The failure reason when the job failed (or was killed).
    public var failureReason: String? {
        switch outcome {
        case .failed(let reason): return reason
        case .killed: return "killed by its owner"
        default: return nil
        }
    }

    /// Seconds the wrapper ran, over all hosts (gwps EXEC).
    public func executionSeconds(now: Date) -> Int { history.reduce(0) { $0 + $1.wrapperSeconds(now: now) } }

    /// Seconds of staging in and out, over all hosts (gwps XFER).
    public func transferSeconds(now: Date) -> Int {
        history.reduce(0) { $0 + $1.prologSeconds(now: now) + $1.epilogSeconds(now: now) }
    }

    /// The gwps `-s` letter of the current state (`k` while a kill is under way).
    public var stateLetter: Character {
        if interruption == .kill { return "k" }
        if interruption == .stop { return "s" }
        return state == .failed && outcome == .killed ? "k" : state.letter
    }

    /// Applies `event` at `now`; returns the actions in the order to perform them.
    public mutating func handle(_ event: JobEvent, at now: Date) throws -> [JobAction] {
        switch event {
        case .submit(let dependencies): return try submit(held: false, dependencies: dependencies, at: now)
        case .submitHeld(let dependencies): return try submit(held: true, dependencies: dependencies, at: now)
        case .dependencyDone(let parent): return try dependencyDone(parent)
        case let .dependencyFailed(parent, reason): return try dependencyFailed(parent, reason: reason, at: now)
        case .dispatch(let host): return try dispatch(to: host, at: now)
        case .prologDone: return try prologDone(at: now)
        case .started: return try executionChanged(to: .active)
        case .suspended: return try executionChanged(to: .suspended)
        case .exited(let code): return try exited(code: code, at: now)
        case .epilogDone: return try epilogDone(at: now)
        case .infrastructureFailure(let reason): return try failure(reason, hostLost: false, at: now)
        case .jobFault(let reason): return try failure(reason, hostLost: false, blameHost: false, at: now)
        case .hostLost: return try failure("the host was lost", hostLost: true, at: now)
        case .kill: return try kill(at: now)
        case .hold: return try hold()
        case .release: return try release()
        case .stop: return try stop(at: now)
        case .resume: return try resume()
        case .reschedule: return try reschedule(at: now)
        }
    }

    func wrongState(_ what: String, hint: String? = nil) -> MiddlewareError {
        MiddlewareError(.wrongJobState, "job \(jobID) is \(state.column): cannot \(what)", hint: hint)
    }

    /// Moves to `newState`, returning the `recordState` action (none when unchanged).
    mutating func enter(_ newState: JobState) -> [JobAction] {
        guard newState != state else { return [] }
        state = newState
        return [.recordState(newState)]
    }
}
