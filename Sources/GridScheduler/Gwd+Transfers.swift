import Foundation
import GridExec
import GridMiddleware
import GridStore
import GridWire

/// The prolog, wrapper submission, epilog and clean-up of a job on its host's gatekeeper,
/// done with the owner's forwarded proxy. Each ends by enqueueing the job's next event.
extension Gwd {
    /// The gatekeeper connection for a job on a host, as its owner.
    private func link(_ job: ActiveJob, _ host: HostRef) async throws -> WireConnection {
        guard let identity = job.owner.dn else {
            throw Refusal.make("noIdentity", "job \(job.id) has no grid identity", hint: "submit it again")
        }
        return try await links.connection(identity: identity, host: host.name, address: hosts.host(id: host.id)?.address)
    }

    /// The template with JOB_ID, TASK_ID, ARCH... of this host substituted.
    private func substituted(_ job: ActiveJob, _ host: HostRef) throws -> JobTemplate {
        var variables = job.variables
        variables.arch = hosts.host(id: host.id)?.attributes.string("ARCH")
        return try variables.applyChecked(to: job.template)
    }

    func prolog(_ jobID: Int, host: HostRef) async {
        guard let job = active[jobID] else { return }
        active[jobID]?.startConfirmed = nil
        active[jobID]?.missedHeartbeats = 0
        do {
            let template = try substituted(job, host)
            let inputs = StagedInputs.keys(of: template)
            trace(job, "prolog on \(host.name): \(inputs.isEmpty ? "nothing to stage in" : "staging in \(inputs.map(\.key).joined(separator: " "))")")
            if !inputs.isEmpty {
                let connection = try await link(job, host)
                let user = try LocalUser.lookup(job.owner.user)
                for input in inputs {
                    try Task.checkCancellation()
                    let data = try await StagedInputs.read(input.key, workingDirectory: job.workingDirectory, user: user,
                                                           fetch: { try await self.fetchRemote($0, job: job) })
                    let file = FileTransfer(job: job.attempt, path: input.key, mode: input.executable ? 0o755 : nil, size: Int64(data.count))
                    _ = try await connection.stageIn(file, data: .of(data))
                    trace(job, "  \(input.key): \(data.count) bytes")
                }
            }
            enqueue(jobID, .prologDone)
        } catch is CancellationError {
            return
        } catch {
            trace(job, "prolog failed: \(Self.reason(error))", error: true)
            enqueue(jobID, Self.failure("prolog failed: \(Self.reason(error))", error))
        }
    }

    func submitWrapper(_ jobID: Int, host: HostRef) async {
        guard let job = active[jobID] else { return }
        do {
            let template = try substituted(job, host)
            let variables = job.variables
            let request = StartJob(
                job: job.attempt, template: template.normalized(),
                variables: JobVariables(jobID: variables.jobID, arrayID: variables.arrayID, taskID: variables.taskID,
                                        totalTasks: variables.totalTasks, paramStart: variables.paramStart,
                                        paramIncrement: variables.paramIncrement),
                inputs: StagedInputs.keys(of: template).map(\.key), restarted: job.lifecycle.restarted)
            let environment = template.environment + variables.gridWayEnvironment(
                hostname: host.name, user: job.owner.user, restarted: job.lifecycle.restarted)
            do {
                try store.recordEnvironment(environment, of: jobID)
            } catch {
                log("job \(jobID): job.env not recorded: \(Self.reason(error))")
            }
            let started = try await link(job, host).startJob(request)
            trace(job, "wrapper on \(host.name): started \(template.executable ?? "?") \(template.arguments ?? "") as \(job.owner.user) (\(started.localID))")
            if let current = active[jobID], current.attempt == job.attempt, current.lifecycle.state == .wrapper {
                active[jobID]?.startConfirmed = now()
            }
        } catch is CancellationError {
            return
        } catch {
            trace(job, "the gatekeeper did not start the job: \(Self.reason(error))", error: true)
            enqueue(jobID, .infrastructureFailure(reason: "the gatekeeper did not start the job: \(Self.reason(error))"))
        }
    }

    func epilog(_ jobID: Int, host: HostRef) async {
        guard let job = active[jobID] else { return }
        trace(job, "epilog on \(host.name): \(job.outputs.isEmpty ? "nothing to stage out" : "staging out \(job.outputs.map(\.name).joined(separator: " "))")")
        do {
            let connection = try await link(job, host)
            let user = try LocalUser.lookup(job.owner.user)
            for output in job.outputs {
                try Task.checkCancellation()
                let (_, stream) = try await connection.stageOut(FileTransfer(job: job.attempt, path: output.name))
                let data = try await stream.collect()
                try await StagedInputs.writeOutput(data, to: output.destination, workingDirectory: job.workingDirectory, user: user,
                                                   send: { try await self.sendRemote($0, data: $1, job: job) })
                trace(job, "  \(output.name) -> \(output.destination): \(data.count) bytes")
            }
            try await connection.cleanUp(CleanUpJob(job: job.attempt))
            enqueue(jobID, .epilogDone)
        } catch is CancellationError {
            return
        } catch {
            trace(job, "epilog failed: \(Self.reason(error))", error: true)
            enqueue(jobID, Self.failure("epilog failed: \(Self.reason(error))", error))
        }
    }

    func cancelWrapper(_ jobID: Int, host: HostRef) async {
        guard let job = active[jobID] else { return }
        do {
            try await link(job, host).cancelJob(CancelJob(job: job.attempt, reason: "gwkill"))
        } catch {
            // The host cannot be asked: the job is gone from gwd's point of view.
            enqueue(jobID, .infrastructureFailure(reason: "cannot cancel on \(host.name): \(Self.reason(error))"))
        }
    }

    func cleanUp(_ jobID: Int, host: HostRef, thenReport: Bool) async {
        guard let job = active[jobID] else { return }
        do {
            try await link(job, host).cleanUp(CleanUpJob(job: job.attempt))
        } catch {
            log("job \(jobID): clean-up on \(host.name) failed: \(Self.reason(error))")
        }
        if thenReport { enqueue(jobID, .epilogDone) }
    }

    /// After a restart in the epilog: ask the gatekeeper for the job's outputs again, then fetch them.
    func resumeEpilog(_ job: ActiveJob) {
        guard let host = job.lifecycle.host else { return }
        let jobID = job.id
        transfers[jobID] = Task {
            do {
                let ended = try await self.link(job, host).waitJob(WaitJob(job: job.attempt))
                await self.setOutputs(jobID, ended.report.outputs)
                await self.epilog(jobID, host: host)
            } catch {
                await self.enqueue(jobID, .infrastructureFailure(reason: "gwd restarted during the epilog and the outputs are gone: \(Self.reason(error))"))
            }
        }
    }

    /// A staging failure as an event: the host is to blame only when talking to it failed; a file
    /// the job lacks, or the gatekeeper's refusal of a file request, is the job's own fault.
    nonisolated static func failure(_ reason: String, _ error: any Error) -> JobEvent {
        if let wire = error as? WireError, wire.code != .remote { return .infrastructureFailure(reason: reason) }
        return .jobFault(reason: reason)
    }

    /// A line of the attempt's `stdout.wrapper.N` (or `stderr.wrapper.N`) in `var/<jid>/`.
    func trace(_ job: ActiveJob, _ line: String, error: Bool = false) {
        store.appendWrapperStream(of: job.id, attempt: job.lifecycle.restarted, error: error,
                                  ["\(GridTime.clock(now(), timeZone: .current)) \(line)"])
    }

    func setOutputs(_ jobID: Int, _ outputs: [StagedOutput]) {
        active[jobID]?.outputs = outputs
    }

    /// gsiftp:// inputs: read through the transfer service of that host, as the owner.
    private func fetchRemote(_ url: GsiftpURL, job: ActiveJob) async throws -> Data {
        let connection = try await transferLink(job, url)
        let (_, stream) = try await connection.readFile(url.path)
        return try await stream.collect()
    }

    private func sendRemote(_ url: GsiftpURL, data: Data, job: ActiveJob) async throws {
        let connection = try await transferLink(job, url)
        _ = try await connection.writeFile(WriteFile(path: url.path), data: .of(data))
    }

    private func transferLink(_ job: ActiveJob, _ url: GsiftpURL) async throws -> WireConnection {
        guard let identity = job.owner.dn, let proxy = vault.proxy(for: identity) else {
            throw Refusal.make("noProxy", "gwd holds no proxy of the job's owner", hint: "submit again after grid-proxy-init")
        }
        let client = try WireClient(credential: proxy, trust: trust, options: WireClient.Options(clientName: "gwd"))
        return try await client.connect(to: WireEndpoint(host: url.host, port: url.port, address: hosts.host(named: url.host)?.address))
    }

    /// A one-line reason for gwps -f: the error's message without its hint.
    nonisolated static func reason(_ error: any Error) -> String {
        if let error = error as? WireError { return error.message }
        if let error = error as? ExecError { return error.message }
        return "\(error)".components(separatedBy: "\n").first ?? "\(error)"
    }
}
