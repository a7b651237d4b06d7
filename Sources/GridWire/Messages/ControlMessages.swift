import Foundation

/// gwwait: wait until jobs end.
public struct WaitRequest: WireBody {
    public static let wireType = "wait"
    public var ids: [Int]
    /// `-a`: return when any one of the jobs ends, not all.
    public var any: Bool
    /// Give up after this many seconds (nil: wait as long as the request's own time limit allows).
    public var timeoutSeconds: Int?
    /// `-k`: keep the jobs; by default gwwait frees the jobs it waited for once they are done or failed.
    public var keep: Bool

    public init(ids: [Int], any: Bool = false, timeoutSeconds: Int? = nil, keep: Bool = false) {
        self.ids = ids
        self.any = any
        self.timeoutSeconds = timeoutSeconds
        self.keep = keep
    }
}

/// How one job ended (or where it is, when the wait timed out).
public struct JobExit: Codable, Sendable, Hashable {
    public var id: Int
    /// JobState raw value.
    public var state: String
    public var exitCode: Int?

    public init(id: Int, state: String, exitCode: Int? = nil) {
        self.id = id
        self.state = state
        self.exitCode = exitCode
    }
}

/// The answer to `WaitRequest`.
public struct WaitResult: WireBody {
    public static let wireType = "waited"
    public var jobs: [JobExit]
    /// True when the wait ended because of `timeoutSeconds`.
    public var timedOut: Bool

    public init(jobs: [JobExit], timedOut: Bool = false) {
        self.jobs = jobs
        self.timedOut = timedOut
    }
}

/// What gwkill asks of a job.
public enum JobSignal: String, Codable, Sendable, Hashable, CaseIterable {
    /// gwkill (default): cancel and free.
    case kill
    /// gwkill -t.
    case stop
    /// gwkill -o.
    case hold
    /// gwkill -l.
    case release
    /// gwkill -s.
    case resume
    /// gwkill -r.
    case reschedule
}

/// gwkill: send a signal to jobs.
public struct SignalRequest: WireBody {
    public static let wireType = "signal"
    public var ids: [Int]
    public var signal: JobSignal
    /// `-9`: kill without waiting for the remote cancel.
    public var hard: Bool

    public init(ids: [Int], signal: JobSignal, hard: Bool = false) {
        self.ids = ids
        self.signal = signal
        self.hard = hard
    }
}

/// What happened to one job of a `SignalRequest`.
public struct SignalOutcome: Codable, Sendable, Hashable {
    public var id: Int
    public var accepted: Bool
    /// Why not, when the job's state does not allow the signal.
    public var message: String?

    public init(id: Int, accepted: Bool, message: String? = nil) {
        self.id = id
        self.accepted = accepted
        self.message = message
    }
}

/// The answer to `SignalRequest`, one outcome per job.
public struct SignalResult: WireBody {
    public static let wireType = "signalled"
    public var outcomes: [SignalOutcome]

    public init(outcomes: [SignalOutcome]) { self.outcomes = outcomes }
}

/// gwuser: the users gwd knows.
public struct UserQuery: WireBody {
    public static let wireType = "listUsers"
    public init() {}
}

/// One row of gwuser.
public struct UserInfo: Codable, Sendable, Hashable {
    public var user: String
    public var uid: Int
    public var dn: String?
    /// Jobs in the pool (not freed) and of those, on hosts now.
    public var jobs: Int
    public var running: Int
    /// Jobs that ended done, and failed, freed ones included (nil from an older gwd).
    public var done: Int?
    public var failed: Int?
    public init(user: String, uid: Int, dn: String? = nil, jobs: Int = 0, running: Int = 0, done: Int? = nil, failed: Int? = nil) {
        self.user = user
        self.uid = uid
        self.dn = dn
        self.jobs = jobs
        self.running = running
        self.done = done
        self.failed = failed
    }
}

/// The answer to `UserQuery`.
public struct UserList: WireBody {
    public static let wireType = "users"
    public var users: [UserInfo]
    public init(users: [UserInfo]) { self.users = users }
}
