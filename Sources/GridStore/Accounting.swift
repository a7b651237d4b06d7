/// gwacct per user: how that user's jobs ended and the time they used. Kept when jobs are freed.
public struct UserAccounting: Sendable, Hashable {
    public var user: String
    public var submitted: Int
    /// Jobs that ran to the end (whatever their exit code).
    public var done: Int
    /// Jobs given up on by the infrastructure or by a failed dependency.
    public var failed: Int
    public var killed: Int
    /// Wrapper seconds of the finished jobs (gwacct EXE).
    public var executionSeconds: Int
    /// Prolog + epilog seconds of the finished jobs (gwacct XFR).
    public var transferSeconds: Int
    /// Submission to end, summed over the finished jobs.
    public var wallSeconds: Int

    public init(user: String, submitted: Int = 0, done: Int = 0, failed: Int = 0, killed: Int = 0,
                executionSeconds: Int = 0, transferSeconds: Int = 0, wallSeconds: Int = 0) {
        self.user = user
        self.submitted = submitted
        self.done = done
        self.failed = failed
        self.killed = killed
        self.executionSeconds = executionSeconds
        self.transferSeconds = transferSeconds
        self.wallSeconds = wallSeconds
    }
}

/// gwacct per user and host: one line per host a user's jobs were sent to.
public struct HostAccounting: Sendable, Hashable {
    public var user: String
    /// The host's name (`worker1`).
    public var host: String
    /// The HID the host had on the latest attempt.
    public var hostID: Int
    /// Attempts that ended on this host (gwacct TIMES).
    public var attempts: Int
    /// Attempts that left the host normally (SUCC).
    public var succeeded: Int
    /// Attempts that ended in an infrastructure failure (ERR).
    public var failed: Int
    /// Attempts ended by a kill (KILL).
    public var killed: Int
    public var prologSeconds: Int
    public var wrapperSeconds: Int
    public var epilogSeconds: Int
    public var migrationSeconds: Int

    public init(user: String, host: String, hostID: Int, attempts: Int = 0, succeeded: Int = 0, failed: Int = 0,
                killed: Int = 0, prologSeconds: Int = 0, wrapperSeconds: Int = 0, epilogSeconds: Int = 0,
                migrationSeconds: Int = 0) {
        self.user = user
        self.host = host
        self.hostID = hostID
        self.attempts = attempts
        self.succeeded = succeeded
        self.failed = failed
        self.killed = killed
        self.prologSeconds = prologSeconds
        self.wrapperSeconds = wrapperSeconds
        self.epilogSeconds = epilogSeconds
        self.migrationSeconds = migrationSeconds
    }

    /// gwacct XFR: prolog + epilog seconds.
    public var transferSeconds: Int { prologSeconds + epilogSeconds }
}

/// gwuser: a user with jobs in the pool, or whose jobs ended (freed or not).
public struct UserSummary: Sendable, Hashable {
    public var user: String
    public var uid: Int
    /// The DN of the user's latest submission, when known.
    public var dn: String?
    /// Jobs in the pool (not yet freed).
    public var jobs: Int
    /// Jobs on a host (prolog, wrapper, epilog, cancelling, migrating).
    public var running: Int
    /// Jobs that ended done, and failed, since the store was made (freed ones included).
    public var done: Int
    public var failed: Int

    public init(user: String, uid: Int, dn: String?, jobs: Int, running: Int, done: Int = 0, failed: Int = 0) {
        self.user = user
        self.uid = uid
        self.dn = dn
        self.jobs = jobs
        self.running = running
        self.done = done
        self.failed = failed
    }
}
