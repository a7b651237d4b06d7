import Foundation
import GridMiddleware
import GridWire

/// What the gatekeepers tell gwd: job state changes and heartbeats; and what silence means.
extension Gwd {
    func jobState(_ report: JobStateReport, from host: String) {
        guard let job = active[report.job.jobID] else { return }
        // A report about an older attempt or another host (the job moved on since) is stale.
        guard let current = job.lifecycle.host, current.name.lowercased() == host.lowercased(),
              report.job.attempt == job.lifecycle.restarted else {
            log("job \(report.job.jobID): stale '\(report.state)' report from \(host) ignored")
            return
        }
        let leaving = [JobState.cancelling, .migrating].contains(job.lifecycle.state)
        switch report.state {
        case ExecutionState.active.rawValue:
            enqueue(job.id, .started)
        case ExecutionState.pending.rawValue, ExecutionState.suspended.rawValue:
            enqueue(job.id, .suspended)
        case ExecutionState.done.rawValue:
            active[job.id]?.outputs = report.outputs
            trace(job, "wrapper: the program exited with code \(report.exitCode ?? 0)")
            enqueue(job.id, .exited(code: report.exitCode ?? 0), log: "the program exited with code \(report.exitCode ?? 0)")
        case ExecutionState.failed.rawValue where leaving:
            // The cancel gwd asked for: the wrapper is gone.
            enqueue(job.id, .exited(code: report.exitCode ?? 143))
        default:
            trace(job, "wrapper: \(report.message ?? "the gatekeeper reported '\(report.state)'")", error: true)
            let reason = report.message ?? "the gatekeeper reported '\(report.state)'"
            enqueue(job.id, report.jobFault == true ? .jobFault(reason: reason) : .infrastructureFailure(reason: reason))
        }
    }

    func hostReport(_ report: HostReport) {
        let time = now()
        guard let (host, appeared) = hosts.report(report, at: time) else {
            log("report from \(report.host), which is not in host.list, ignored")
            return
        }
        if appeared {
            log("host \(host.name) (HID \(host.id)) is up")
            scheduleRequested = true
            enqueue([])
        }
        // A job gwd believes is running there that the host no longer has was lost (the gatekeeper
        // restarted). Reports are in order, so a final report would have come before this one.
        // Only gwd's own clock counts (guest clocks drift), and only after the gatekeeper
        // acknowledged the start; two heartbeats in a row must miss the job, since one may
        // have left the host before the start arrived.
        let there = Set(report.running)
        let onHost = active.values.filter { $0.lifecycle.state == .wrapper && $0.lifecycle.host?.id == host.id }
        for job in onHost {
            guard let confirmed = job.startConfirmed else { continue }
            if there.contains(job.attempt) {
                active[job.id]?.missedHeartbeats = 0
            } else if time.timeIntervalSince(confirmed) > 0.5 {
                let missed = job.missedHeartbeats + 1
                active[job.id]?.missedHeartbeats = missed
                if missed >= 2 { enqueue(job.id, .hostLost, log: "\(host.name) no longer has the job") }
            }
        }
    }

    func onHostListChange(_ observer: @escaping @Sendable (Set<String>) -> Void) {
        hostListObservers.append(observer)
    }

    /// A changed host.list (a lab grown or shrunk by `vgrid up`) applies at once: new hosts are
    /// admitted and wait for their first heartbeat, removed hosts leave gwhost and their jobs
    /// are rescheduled. A broken file is reported and the previous list kept.
    func reloadHostList() {
        guard let hostList else { return }
        let entries: [HostListEntry]
        do {
            guard let changed = try hostList.changes(since: &hostListGeneration) else { return }
            entries = changed
        } catch {
            log("host.list not applied, the previous list stays: \((error as? MiddlewareError)?.description ?? "\(error)")")
            return
        }
        let (added, removed) = hosts.update(entries)
        for host in added { log("host \(host.name) (HID \(host.id)) added from host.list") }
        for host in removed {
            log("host \(host.name) (HID \(host.id)) removed from host.list")
            let jobs = active.values.filter { $0.isOnHost && $0.lifecycle.host?.id == host.id }.map(\.id)
            enqueue(jobs.map { ($0, JobEvent.hostLost, "\(host.name) was removed from host.list") })
            let links = self.links
            let name = host.name
            Task { await links.drop(host: name) }
        }
        let names = hosts.names
        for observer in hostListObservers { observer(names) }
    }

    /// Runs every second: hosts whose heartbeats stopped are lost, and so are their jobs.
    func checkHosts() async {
        reloadHostList()
        let lost = hosts.expire(now: now(), timeout: hostTimeout)
        for host in lost {
            log("host \(host.name) (HID \(host.id)) lost: no heartbeat for \(Int(hostTimeout)) s")
            let jobs = active.values.filter { $0.isOnHost && $0.lifecycle.host?.id == host.id }.map(\.id)
            enqueue(jobs.map { ($0, JobEvent.hostLost, "\(host.name) was lost (no heartbeat)") })
            // Closing a connection to a dead host may take its time: never hold up the jobs for it.
            let links = self.links
            let name = host.name
            Task { await links.drop(host: name) }
        }
    }
}
