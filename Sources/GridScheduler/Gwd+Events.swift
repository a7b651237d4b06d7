import Foundation
import GridMiddleware
import GridStore
import GridWire

/// Applying events: the state machines, one transaction per batch, then the actions.
extension Gwd {
    func apply(_ batch: [(Int, JobEvent, String?)]) {
        guard !batch.isEmpty else { return }
        let time = now()
        var changes: [LifecycleChange] = []
        var before: [Int: ActiveJob] = [:]
        for (jobID, event, message) in batch {
            guard var job = active[jobID] else { continue }
            if before[jobID] == nil { before[jobID] = job }
            do {
                let actions = try job.lifecycle.handle(event, at: time)
                active[jobID] = job
                let extra = message.map { [JobLogEntry(time: time, module: "DM", level: .info, $0)] } ?? []
                changes.append(LifecycleChange(job.lifecycle, actions: actions, log: extra))
            } catch {
                // A report that crossed a state change (a late `actv` after a kill): expected, logged, dropped.
                log("job \(jobID): \(event) ignored in state \(job.lifecycle.state.rawValue)")
            }
        }
        do {
            try store.record(changes, at: time)
        } catch {
            log("cannot record \(changes.count) state change(s): \(error)")
            for (jobID, job) in before { active[jobID] = job }
            return
        }
        for change in changes { perform(change.actions, jobID: change.lifecycle.jobID, at: time) }
    }

    /// The actions the store does not do itself.
    func perform(_ actions: [JobAction], jobID: Int, at time: Date) {
        for action in actions {
            switch action {
            case .recordState, .log:
                continue
            case .appendHistory:
                // A host record closed: the job left its host, so a slot is free for the next one.
                scheduleRequested = true
            case .requestSchedule:
                scheduleRequested = true
            case .stageIn(let host):
                startTransfer(jobID) { gwd in await gwd.prolog(jobID, host: host) }
            case .submitWrapper(let host):
                startTransfer(jobID) { gwd in await gwd.submitWrapper(jobID, host: host) }
            case .cancelWrapper(let host):
                Task { await self.cancelWrapper(jobID, host: host) }
            case .abortTransfers:
                transfers[jobID]?.cancel()
                transfers[jobID] = nil
            case .stageOut(let host):
                startTransfer(jobID) { gwd in await gwd.epilog(jobID, host: host) }
            case .cleanUp(let host):
                Task { await self.cleanUp(jobID, host: host, thenReport: true) }
            case .discardRemote(let host):
                Task { await self.cleanUp(jobID, host: host, thenReport: false) }
            case .reportHostFailure(let host):
                if let user = active[jobID]?.owner.user {
                    hosts.recordFailure(hostID: host.id, user: user, at: time, config: settings.scheduler)
                }
            case .notifyDependants(let outcome):
                notifyDependants(of: jobID, outcome: outcome)
            case .notifyWaiters:
                finished(jobID)
            case .free:
                free([jobID])
            }
        }
    }

    /// Runs a transfer step of a job as a task the job can cancel (abortTransfers).
    private func startTransfer(_ jobID: Int, _ body: @escaping @Sendable (Gwd) async -> Void) {
        transfers[jobID] = Task { await body(self) }
    }

    private func notifyDependants(of jobID: Int, outcome: JobOutcome) {
        let dependants: [Int]
        do {
            dependants = try store.dependants(of: jobID)
        } catch {
            log("cannot read the dependants of job \(jobID): \(error)")
            return
        }
        let event: JobEvent
        switch outcome {
        case .done: event = .dependencyDone(parent: jobID)
        default: event = .dependencyFailed(parent: jobID, reason: outcome.description)
        }
        enqueue(dependants.filter { active[$0]?.lifecycle.waitingFor.contains(jobID) == true }.map { ($0, event, nil) })
    }

    /// A job became done or failed: it leaves the active set; waiters may be satisfied.
    private func finished(_ jobID: Int) {
        if let job = active[jobID], job.lifecycle.state.isFinal {
            if case .done? = job.lifecycle.outcome {
                usage[job.owner.user, default: ShareWindows(depth: settings.scheduler.shareWindowDepth)].record()
                if let host = job.lifecycle.history.last?.host { hosts.recordSuccess(hostID: host.id, user: job.owner.user) }
            }
            active[jobID] = nil
            transfers[jobID] = nil
        }
        wakeWaiters()
    }

    func free(_ ids: [Int]) {
        do {
            try store.free(ids, at: now())
        } catch {
            log("cannot free job(s) \(ids): \(error)")
        }
        for id in ids { active[id] = nil }
    }
}
