import Foundation
import GridMiddleware
import GridStore
import GridWire

/// A job gwd is driving (not yet done or failed): what the store has, kept in memory so that events
/// do not read the database.
struct ActiveJob: Sendable {
    var lifecycle: JobLifecycle
    var owner: JobOwner
    var template: JobTemplate
    var array: ArrayMembership?
    var priority: Int?
    var submitTime: Date
    var workingDirectory: String?
    /// The outputs the gatekeeper kept, from its `done` report (fetched in the epilog).
    var outputs: [StagedOutput] = []
    /// When the gatekeeper acknowledged starting this attempt (gwd's clock). Until then a
    /// heartbeat that does not list the job says nothing: the start may still be on its way.
    var startConfirmed: Date?
    /// Heartbeats in a row, received after the start was confirmed, that did not list the job.
    var missedHeartbeats = 0

    var id: Int { lifecycle.jobID }

    /// JOB_ID, TASK_ID, PARAM... of this job.
    var variables: TemplateVariables {
        array?.variables(jobID: id, environment: template.environment)
            ?? TemplateVariables(jobID: id, environment: template.environment)
    }

    /// The attempt gatekeeper messages are about: one per host tried.
    var attempt: JobAttempt { JobAttempt(jobID: id, attempt: lifecycle.restarted) }

    /// States in which the job holds a slot on a host.
    var isOnHost: Bool {
        [.prolog, .wrapper, .epilog, .cancelling, .migrating].contains(lifecycle.state)
    }

    init(record: JobRecord) {
        lifecycle = record.lifecycle
        owner = record.summary.owner
        template = record.template
        array = record.array
        priority = record.summary.priority
        submitTime = record.summary.submitTime
        workingDirectory = record.workingDirectory
        // Recovered after a restart: a job in its wrapper was started earlier (or never, which
        // the gatekeeper's heartbeats then reveal).
        if record.lifecycle.state == .wrapper { startConfirmed = Date() }
    }

    init(submitted: SubmittedJob, submission: JobSubmission, array: ArrayMembership?, at now: Date) {
        lifecycle = submitted.lifecycle
        owner = submission.owner
        template = submission.template
        self.array = array
        priority = submission.priority
        submitTime = now
        workingDirectory = submission.workingDirectory
    }
}
