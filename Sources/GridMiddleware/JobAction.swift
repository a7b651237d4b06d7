/// What the daemon must do after an event; the state machine itself does no I/O.
public enum JobAction: Sendable, Hashable {
    /// Append `<unix time> <STATE>` to `job.state`.
    case recordState(JobState)
    /// The job is pending: run the scheduler (vgrid schedules on events, not only on a timer).
    case requestSchedule
    /// Prolog: make the remote directory, copy the executable and inputs.
    case stageIn(HostRef)
    /// Start the wrapper through the host's gatekeeper.
    case submitWrapper(HostRef)
    /// Cancel the running wrapper.
    case cancelWrapper(HostRef)
    /// Stop the transfers in progress for this job.
    case abortTransfers(HostRef)
    /// Epilog: copy outputs and streams back, then remove the remote directory.
    case stageOut(HostRef)
    /// Epilog without outputs (after kill, stop, reschedule): remove the remote directory.
    case cleanUp(HostRef)
    /// Best effort, no event expected back: remove what a failed attempt left on the host.
    case discardRemote(HostRef)
    /// Tell the scheduler that this host failed for the job's user (failure-rate ban).
    case reportHostFailure(HostRef)
    /// A host record is closed: write it to `job.history`.
    case appendHistory(HistoryRecord)
    /// Tell the jobs that depend on this one how it ended.
    case notifyDependants(JobOutcome)
    /// Wake gwwait clients waiting for this job.
    case notifyWaiters
    /// Remove the job from the pool (its `var/<jid>` directory stays).
    case free
    /// Something the user should see in `job.log` and `gwps -f` (never a silent wait).
    case log(String)
}
