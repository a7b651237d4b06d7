import Foundation
import GridExec
import GridWire

extension GatekeeperJobs {
    /// Follows a started job to its end: `actv` when the program starts, then `done` (with the kept outputs)
    /// or `fail`. Interactive jobs keep their end for `WaitJob` and report nothing to gwd.
    func follow(_ job: RunningJob, key: JobAttempt, sink: OutboxSink, interactive: Bool) async -> JobStateReport {
        for await event in job.events {
            switch event {
            case .started(let pid):
                log("gatekeeper", "job \(describe(key)) runs as pid \(pid)")
                if !interactive { await reporter?.send(JobStateReport(job: key, host: hostname, state: "actv")) }
            case .cleanupFailed(let error):
                log("gatekeeper", "job \(describe(key)): \(error.message)")
            default:
                break
            }
        }
        let report: JobStateReport
        switch await job.result {
        case .done(let status):
            report = JobStateReport(job: key, host: hostname, state: "done", exitCode: status.exitCode, outputs: await sink.outputs)
        case .failed(let error):
            let jobFaults: Set<ExecError.Code> = [.unsafePath, .invalidTemplate, .missingInput, .missingHostFile, .missingOutput]
            report = JobStateReport(job: key, host: hostname, state: "fail", message: error.message,
                                    jobFault: jobFaults.contains(error.code))
        case .cancelled:
            report = JobStateReport(job: key, host: hostname, state: "fail", message: "cancelled")
        }
        await ended(key, report: report, interactive: interactive)
        return report
    }

    /// Records the end. A gwd job that failed leaves nothing to fetch, so its spool goes at once; a done
    /// one keeps its outbox until gwd's clean-up; an interactive one keeps its end for `WaitJob`.
    func ended(_ key: JobAttempt, report: JobStateReport, interactive: Bool) async {
        let detail = report.state == "done" ? "exit code \(report.exitCode ?? 0), \(report.outputs.count) output(s)" : report.message ?? ""
        log("gatekeeper", "job \(describe(key)) \(report.state): \(detail)")
        if let record = attempts[key] {
            try? FileManager.default.removeItem(atPath: record.spool.inbox)
            if !interactive, report.state != "done" {
                attempts[key] = nil
                record.spool.remove()
            } else {
                attempts[key]?.phase = .ended(report)
            }
        }
        if !interactive { await reporter?.send(report) }
        await reporter?.hostChanged()
    }

    // MARK: Cancel, wait, clean up

    func cancel(_ request: CancelJob, peer: VerifiedPeer) async throws -> Ack {
        guard let record = attempts[request.job] else { return Ack(message: "job \(describe(request.job)) is not on \(hostname)") }
        try checkOwner(record, request.job, peer)
        switch record.phase {
        case .staging:
            attempts[request.job] = nil
            record.spool.remove()
            return Ack(message: "job \(describe(request.job)) had not started; its staged files are removed")
        case .starting:
            throw GatekeeperError(.wrongState, "job \(describe(request.job)) is starting", hint: "cancel it again in a moment")
        case .running(let job, _):
            log("gatekeeper", "cancelling job \(describe(request.job))\(request.reason.map { " (\($0))" } ?? "")")
            job.cancel()
            return Ack(message: "cancelling job \(describe(request.job))")
        case .ended(let report):
            return Ack(message: "job \(describe(request.job)) has already ended (\(report.state))")
        }
    }

    func waitJob(_ request: WaitJob, peer: VerifiedPeer) async throws -> JobEnded {
        let record = try owned(request.job, peer: peer)
        guard record.interactive else {
            throw GatekeeperError(.wrongState, "job \(describe(request.job)) is gwd's; its end is reported to gwd",
                                  hint: "wait for it with gwwait on the headnode")
        }
        switch record.phase {
        case .running(_, let end):
            waiting += 1
            defer { waiting -= 1 }
            return JobEnded(report: await end.value)
        case .ended(let report): return JobEnded(report: report)
        case .staging, .starting:
            throw GatekeeperError(.wrongState, "job \(describe(request.job)) has not started", hint: "start it before waiting for it")
        }
    }

    /// Removes the attempt's spool and outbox; a job still running is cancelled first.
    func cleanUp(_ request: CleanUpJob, peer: VerifiedPeer) async throws -> Ack {
        guard let record = attempts[request.job] else { return Ack(message: "nothing of job \(describe(request.job)) is left on \(hostname)") }
        try checkOwner(record, request.job, peer)
        if case .starting = record.phase {
            throw GatekeeperError(.wrongState, "job \(describe(request.job)) is starting", hint: "clean it up once it runs")
        }
        if case .running(let job, let end) = record.phase {
            job.cancel()
            _ = await end.value
        }
        if let current = attempts[request.job] {
            attempts[request.job] = nil
            current.spool.remove()
        }
        log("gatekeeper", "cleaned up job \(describe(request.job))")
        return Ack()
    }

    // MARK: Outputs

    /// A kept output by its name in the job's directory, streamed from the outbox.
    func stageOut(_ request: StageOut, peer: VerifiedPeer) throws -> WireReply {
        let key = request.file.job
        let record = try owned(key, peer: peer)
        guard case .ended(let report) = record.phase, report.state == "done" else {
            throw GatekeeperError(.wrongState, "job \(describe(key)) has no outputs to fetch (it is not done)",
                                  hint: "fetch outputs after the job's done report")
        }
        guard let output = report.outputs.first(where: { $0.name == request.file.path }) else {
            let names = report.outputs.map(\.name).joined(separator: ", ")
            throw GatekeeperError(.io, "job \(describe(key)) kept no output named '\(request.file.path)'",
                                  hint: names.isEmpty ? "the job kept no outputs" : "its outputs are: \(names)")
        }
        let path = record.spool.outputPath(output.name)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GatekeeperError(.io, "the kept output '\(output.name)' of job \(describe(key)) is gone", hint: "run the job again")
        }
        let ready = FileReady(file: GridWire.FileTransfer(job: key, path: output.name, size: output.size))
        return WireReply(.fileReady(ready), download: FileStreaming.chunks(of: handle))
    }

    private func owned(_ key: JobAttempt, peer: VerifiedPeer) throws -> AttemptRecord {
        guard let record = attempts[key] else {
            throw GatekeeperError(.unknownJob, "job \(describe(key)) is not on \(hostname)", hint: "check the job id (and attempt)")
        }
        try checkOwner(record, key, peer)
        return record
    }

    // MARK: Shutdown

    /// Cancels every job still on the host and waits for their ends (reported as `fail`, `cancelled`).
    func cancelAll() async {
        var ends: [Task<JobStateReport, Never>] = []
        for record in attempts.values {
            if case .running(let job, let end) = record.phase {
                job.cancel()
                ends.append(end)
            }
        }
        for end in ends { _ = await end.value }
        for record in attempts.values { record.spool.remove() }
        attempts = [:]
    }
}
