/// Something that happens to a job: a user request (gwsubmit, gwkill) or a report from the
/// scheduler, the transfer or the execution drivers.
public enum JobEvent: Sendable, Hashable {
    /// gwsubmit: pending, or held while `dependencies` (job ids not yet done) remain.
    case submit(dependencies: Set<Int> = [])
    /// gwsubmit -o: held until released (and until `dependencies` are done).
    case submitHeld(dependencies: Set<Int> = [])
    /// A job this one waits for is done.
    case dependencyDone(parent: Int)
    /// A job this one waits for failed or was killed; `reason` says how.
    case dependencyFailed(parent: Int, reason: String)
    /// The scheduler chose a host (and the job's RANK there, for gwhistory -m).
    case dispatch(HostRef)
    case prologDone
    /// The wrapper is running (EM actv).
    case started
    /// The wrapper waits in the host's local queue (EM susp).
    case suspended
    /// The program ended with this exit code (or the cancelled wrapper ended).
    case exited(code: Int)
    case epilogDone
    /// A transfer, a submission or the host failed; the reason is shown to the user.
    case infrastructureFailure(reason: String)
    /// A transfer failed because of the job itself (an input missing on the headnode, an output
    /// the program did not write): handled like an infrastructure failure, but the host is not
    /// blamed, so the failure-rate ban does not keep the student's next jobs off it.
    case jobFault(reason: String)
    /// The host disappeared (monitoring lost it): like a failure, without a clean-up.
    case hostLost
    /// gwkill (default): cancel remotely if running, then free.
    case kill
    /// gwkill -o.
    case hold
    /// gwkill -l.
    case release
    /// gwkill -t.
    case stop
    /// gwkill -s.
    case resume
    /// gwkill -r: leave the host and be scheduled again.
    case reschedule
}
