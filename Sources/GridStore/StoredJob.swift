import Foundation
import GridMiddleware

/// One job as gwps lists it, read from the columns the store keeps beside the serialized
/// state machine (so that listing thousands of jobs decodes no JSON).
public struct StoredJob: Sendable, Hashable {
    public var id: Int
    public var arrayID: Int?
    public var taskID: Int
    public var owner: JobOwner
    public var name: String
    public var state: JobState
    public var executionState: ExecutionState
    /// The gwps `-s` letter (`k` while a kill is under way or after one).
    public var stateLetter: Character
    public var submitTime: Date
    /// When the job became done or failed.
    public var exitTime: Date?
    /// The program's exit code once it ran (gwps shows it only when done).
    public var exitCode: Int?
    /// How the job ended; nil until it is final.
    public var outcome: JobOutcome?
    /// The latest explanation (failure reason, retry, blocked dependency).
    public var note: String?
    /// The host the job is on, or was last on; nil when it never left pending.
    public var host: HostRef?
    /// Hosts tried before the current one (GW_RESTARTED).
    public var restarted: Int
    /// Infrastructure failures so far (each may have been followed by a retry).
    public var failures: Int
    /// gwsubmit -p; nil when the user's FP_USER applies.
    public var priority: Int?
    public var type: JobType
    public var np: Int
    /// DEADLINE in seconds from submission (0 for none).
    public var deadline: Int

    /// Wrapper seconds of the closed phases, and the start of the phase still running.
    var closedExecutionSeconds: Int
    var openWrapperStart: Date?
    /// Prolog + epilog seconds of the closed phases, and the start of a transfer still running.
    var closedTransferSeconds: Int
    var openTransferStart: Date?

    /// gwps EXEC: seconds the wrapper ran, over all hosts, counting a running one until `now`.
    public func executionSeconds(now: Date) -> Int { closedExecutionSeconds + Self.seconds(since: openWrapperStart, now) }

    /// gwps XFER: seconds of staging in and out, counting one under way until `now`.
    public func transferSeconds(now: Date) -> Int { closedTransferSeconds + Self.seconds(since: openTransferStart, now) }

    /// What gwps shows, at `now`. `fixedPriority` defaults to the job's own -p (0 when unset).
    public func status(now: Date, clientWaiting: Int = 0, fixedPriority: Int? = nil) -> JobStatus {
        var status = JobStatus(
            id: id, user: owner.user, uid: owner.uid, name: name, state: state, executionState: executionState,
            start: submitTime, end: exitTime, executionSeconds: executionSeconds(now: now),
            transferSeconds: transferSeconds(now: now), exitCode: state == .done ? exitCode : nil, host: host?.contact,
            arrayID: arrayID, taskID: taskID, restarted: restarted, clientWaiting: clientWaiting,
            reschedule: state == .migrating, fixedPriority: fixedPriority ?? priority ?? 0, type: type, np: np,
            deadline: deadline, note: note)
        status.stateLetter = stateLetter
        return status
    }

    static func seconds(since start: Date?, _ now: Date) -> Int {
        guard let start else { return 0 }
        return max(0, Int(now.timeIntervalSince(start).rounded()))
    }
}

/// Everything the store has about one job: its gwps row, state machine, template, array
/// membership and dependencies.
public struct JobRecord: Sendable, Hashable {
    public var summary: StoredJob
    public var lifecycle: JobLifecycle
    /// The template read back from its normalised text.
    public var template: JobTemplate
    /// The normalised text, as `var/<jid>/job.template` has it.
    public var templateText: String
    public var array: ArrayMembership?
    /// The dependencies as submitted (the state machine's `waitingFor` has those still open).
    public var dependencies: [Int]
    /// The `job.env` text written at dispatch; nil before.
    public var environment: String?
    /// The directory the job was submitted from.
    public var workingDirectory: String?

    public var id: Int { summary.id }

    /// The template variables of this job (array task or single job).
    public var variables: TemplateVariables {
        array?.variables(jobID: id, environment: template.environment)
            ?? TemplateVariables(jobID: id, environment: template.environment)
    }
}

/// A job that was not final when the daemon stopped, with what it needs to resume.
public struct RecoveredJob: Sendable, Hashable {
    public var job: JobRecord
    /// Parents in the state machine's `waitingFor` that already ended (the daemon stopped
    /// before telling this job): replay `.dependencyDone` or `.dependencyFailed` for each.
    public var finishedParents: [Int: JobOutcome]

    public var id: Int { job.id }
    public var lifecycle: JobLifecycle { job.lifecycle }
}

/// What the store knows about a job named as a dependency.
public enum DependencyStatus: Sendable, Hashable {
    /// The job is in the store and not final.
    case active(JobState)
    /// The job ended (it may since have been freed).
    case finished(JobOutcome)
    /// No job with this id was ever submitted.
    case unknown
}

/// gwps filters; nil means any.
public struct JobFilter: Sendable, Hashable {
    /// gwps -u.
    public var user: String?
    /// gwps -s: one of i h p w e s k m z f.
    public var stateLetter: Character?
    /// gwps -A.
    public var arrayID: Int?
    /// gwps -r: the host's name (`worker1`) or its contact (`worker1/fork`).
    public var host: String?
    /// gwps jid.
    public var jobIDs: [Int]?

    public init(user: String? = nil, stateLetter: Character? = nil, arrayID: Int? = nil, host: String? = nil,
                jobIDs: [Int]? = nil) {
        self.user = user
        self.stateLetter = stateLetter
        self.arrayID = arrayID
        self.host = host
        self.jobIDs = jobIDs
    }

    /// Every job in the pool.
    public static let all = JobFilter()
}
