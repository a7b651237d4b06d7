import Foundation
import GridExec
import GridMiddleware
import GridWire

/// The gatekeeper's job attempts: staging, starting on the runner, following to the end, keeping the
/// outputs, and the clean-up. Every request about an attempt must come from the identity that began it.
actor GatekeeperJobs {
    let hostname: String
    let spoolRoot: String
    let runner: JobRunner
    let log: ServiceLog
    private(set) var reporter: GwdReporter?
    var attempts: [JobAttempt: AttemptRecord] = [:]
    /// `WaitJob` calls waiting for their job's end now.
    var waiting = 0
    /// globus-job-run's jobs get ids -1, -2, ... (gwd's ids are never negative).
    private var nextInteractiveID = -1

    init(hostname: String, spoolRoot: String, runner: JobRunner, log: ServiceLog) {
        self.hostname = hostname
        self.spoolRoot = spoolRoot
        self.runner = runner
        self.log = log
    }

    func attach(_ reporter: GwdReporter?) { self.reporter = reporter }

    /// Attempts gwd should see as running here (interactive ones are not gwd's).
    func attemptsOnHost() -> [JobAttempt] {
        attempts.filter { !$0.value.interactive && $0.value.isOnHost }.map { $0.key }
            .sorted { ($0.jobID, $0.attempt) < ($1.jobID, $1.attempt) }
    }

    // MARK: Staging

    func stageIn(_ request: StageIn, upload: WireChunkStream?, peer: VerifiedPeer) async throws -> TransferResult {
        let file = request.file
        guard let upload else {
            throw GatekeeperError(.io, "stage-in of '\(file.path)' came without data", hint: "send the file's bytes after the request")
        }
        let spool = try stagingSpool(file.job, peer: peer)
        let bytes = try await spool.receive(upload, key: file.path, expectedSize: file.size)
        log("gatekeeper", "staged '\(file.path)' (\(bytes) bytes) for job \(describe(file.job)) of \(peer.identity)")
        return TransferResult(path: file.path, bytes: bytes)
    }

    /// The spool of an attempt that is still staging, made on its first input.
    private func stagingSpool(_ key: JobAttempt, peer: VerifiedPeer) throws -> AttemptSpool {
        guard let record = attempts[key] else {
            let spool = try AttemptSpool.create(in: spoolRoot)
            attempts[key] = AttemptRecord(owner: peer.identity, spool: spool, interactive: false, phase: .staging)
            return spool
        }
        try checkOwner(record, key, peer)
        guard case .staging = record.phase else {
            throw GatekeeperError(.wrongState, "job \(describe(key)) has already started; its inputs cannot change",
                                  hint: "stage inputs before StartJob, or use a new attempt number")
        }
        return record.spool
    }

    // MARK: Start

    func startJob(_ request: StartJob, peer: VerifiedPeer) async throws -> JobStarted {
        guard let user = peer.localUser else {
            throw GatekeeperError(.unmapped, "\(peer.identity) is not mapped to a local account on \(hostname)",
                                  hint: "add it to this host's grid-mapfile: grid-mapfile-add-entry -dn \"\(peer.identity)\" -ln USER")
        }
        var record = try recordToStart(request, peer: peer)
        let key = request.interactive ? takeInteractiveID() : request.job
        record.interactive = request.interactive
        record.phase = .starting
        attempts[request.job] = nil
        attempts[key] = record
        let template: JobTemplate
        do {
            template = try JobTemplate.parse(request.template, file: "job \(key.jobID)")
        } catch {
            // Like the runner's own template checks (an unsafe OUTPUT_FILES name...): the job fails with
            // the reason, rather than the request, so gwd does not send it to host after host.
            let reason = (error as? MiddlewareError)?.message ?? "\(error)"
            await ended(key, report: JobStateReport(job: key, host: hostname, state: "fail", message: "the template cannot be run: \(reason)",
                                                        jobFault: true),
                        interactive: request.interactive)
            return JobStarted(job: key, localID: "none")
        }

        let variables = TemplateVariables(
            jobID: key.jobID, arrayID: request.variables.arrayID, taskID: request.variables.taskID, totalTasks: request.variables.totalTasks,
            paramStart: request.variables.paramStart, paramIncrement: request.variables.paramIncrement)
        var inputs: [String: StagedInput] = [:]
        for name in request.inputs where record.spool.hasInput(name) {
            inputs[name] = .file(path: record.spool.inputPath(name))
        }
        let spec = JobSpec(variables: variables, template: variables.apply(to: template), user: user, restarted: request.restarted, inputs: inputs)
        let sink = OutboxSink(spool: record.spool)
        let job: RunningJob
        do {
            job = try await runner.start(spec, stageOut: sink)
        } catch {
            notStarted(key, record: record)
            throw Self.refusal(error, key: key)
        }
        let interactive = request.interactive
        let end = Task { await self.follow(job, key: key, sink: sink, interactive: interactive) }
        attempts[key]?.phase = .running(job, end: end)
        log("gatekeeper", "started job \(describe(key)) as \(user) for \(peer.identity)\(interactive ? " (interactive)" : "")")
        await reporter?.hostChanged()
        return JobStarted(job: key, localID: "fork:\(key.jobID)")
    }

    /// The staging record of the attempt, or a fresh one when nothing was staged.
    private func recordToStart(_ request: StartJob, peer: VerifiedPeer) throws -> AttemptRecord {
        if let record = attempts[request.job] {
            try checkOwner(record, request.job, peer)
            guard case .staging = record.phase else {
                throw GatekeeperError(.wrongState, "job \(describe(request.job)) was already started on \(hostname)",
                                      hint: "clean the attempt up first, or start a new attempt")
            }
            return record
        }
        return AttemptRecord(owner: peer.identity, spool: try AttemptSpool.create(in: spoolRoot), interactive: request.interactive, phase: .staging)
    }

    private func takeInteractiveID() -> JobAttempt {
        var key = JobAttempt(jobID: nextInteractiveID, attempt: 0)
        while attempts[key] != nil {
            nextInteractiveID -= 1
            key = JobAttempt(jobID: nextInteractiveID, attempt: 0)
        }
        nextInteractiveID -= 1
        return key
    }

    /// The runner refused: a gwd job goes back to staging (gwd may try again), an interactive one is dropped.
    private func notStarted(_ key: JobAttempt, record: AttemptRecord) {
        if record.interactive {
            attempts[key] = nil
            record.spool.remove()
        } else {
            attempts[key]?.phase = .staging
        }
    }

    private static func refusal(_ error: any Error, key: JobAttempt) -> GatekeeperError {
        guard let exec = error as? ExecError else {
            return GatekeeperError(.refused, "the job could not be started", hint: "see the gatekeeper's log", underlying: error)
        }
        return GatekeeperError(.refused, exec.message, hint: exec.hint ?? "see the gatekeeper's log")
    }

    func checkOwner(_ record: AttemptRecord, _ key: JobAttempt, _ peer: VerifiedPeer) throws {
        guard record.isOwned(by: peer.identity) else {
            throw GatekeeperError(.notOwner, "job \(describe(key)) on \(hostname) belongs to another identity",
                                  hint: "only the identity that submitted a job may stage, start, fetch, cancel or clean it up")
        }
    }

    nonisolated func describe(_ key: JobAttempt) -> String {
        key.attempt == 0 ? "\(key.jobID)" : "\(key.jobID) (attempt \(key.attempt))"
    }
}
