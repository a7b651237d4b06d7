import GridExec
import GridWire

/// One job attempt on this host, from its first staged input to its clean-up.
struct AttemptRecord {
    enum Phase {
        /// Inputs arrive; the job has not been started.
        case staging
        /// `StartJob` is handing the job to the runner.
        case starting
        /// The runner has it; `end` finishes with the final report once outputs are kept.
        case running(RunningJob, end: Task<JobStateReport, Never>)
        /// Over: the final report (`done` with outputs, or `fail`).
        case ended(JobStateReport)
    }

    /// The grid identity (end-entity DN) that staged or started it: the only one that may touch it.
    var owner: String
    var spool: AttemptSpool
    var interactive: Bool
    var phase: Phase

    func isOwned(by identity: String) -> Bool {
        owner.caseInsensitiveCompare(identity) == .orderedSame
    }

    /// Whether the job occupies the host (between StartJob and its end).
    var isOnHost: Bool {
        switch phase {
        case .starting, .running: return true
        case .staging, .ended: return false
        }
    }
}
