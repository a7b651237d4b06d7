import Foundation
import GridCA
import GridExec
import GridMiddleware
import GridStore
import GridWire

/// The metascheduler: jobs, hosts and the events that move jobs between them.
///
/// Everything that changes a job goes through `enqueue(_:)`: events are applied in batches, each
/// batch is written to the store in one transaction (group commit: a 1000-task array does not pay
/// one fsync per state change), then the actions are performed: transfers and gatekeeper calls run
/// as tasks that enqueue the next event when they finish. Scheduling runs after a batch that asked
/// for it (a submission, a freed slot, a host that appeared), not on a timer.
public actor Gwd {
    let configuration: GwdConfiguration
    let settings: GwdSettings
    let store: JobStore
    let trust: WireTrust
    let vault: ProxyVault
    let links: GatekeeperLinks
    let log: @Sendable (String) -> Void
    let now: @Sendable () -> Date

    var hosts: HostTable
    var active: [Int: ActiveJob] = [:]
    /// Events not applied yet, in arrival order.
    var inbox: [(Int, JobEvent, String?)] = []
    var draining = false
    var scheduleRequested = false
    /// Transfer tasks per job, cancelled by `abortTransfers`.
    var transfers: [Int: Task<Void, Never>] = [:]
    var waiters: [UUID: Waiter] = [:]
    /// Per user: jobs done recently, for the fair-share policy.
    var usage: [String: ShareWindows] = [:]
    /// etc/host.list, watched for changes (nil in tests that fix the hosts).
    let hostList: WatchedFile<[HostListEntry]>?
    var hostListGeneration = 0
    var hostListObservers: [@Sendable (Set<String>) -> Void] = []

    init(configuration: GwdConfiguration, settings: GwdSettings, store: JobStore, trust: WireTrust,
         log: @escaping @Sendable (String) -> Void, now: @escaping @Sendable () -> Date = Date.init,
         hostList: WatchedFile<[HostListEntry]>? = nil) {
        self.configuration = configuration
        self.settings = settings
        self.store = store
        self.trust = trust
        self.vault = ProxyVault(directory: configuration.proxyDirectory, trust: trust)
        self.links = GatekeeperLinks(trust: trust, vault: vault)
        self.log = log
        self.now = now
        self.hosts = HostTable(settings.hosts)
        self.hostList = hostList
        if let hostList { _ = try? hostList.changes(since: &hostListGeneration) }
    }

    /// How long a silent host stays schedulable.
    var hostTimeout: TimeInterval {
        if let timeout = configuration.hostTimeout {
            let parts = timeout.components
            return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
        }
        return TimeInterval(settings.daemon.monitoringInterval)
    }

    /// Loads every unfinished job after a (re)start and decides how each continues.
    func recover() throws {
        let recovered = try store.recover()
        var events: [(Int, JobEvent, String?)] = []
        for job in recovered {
            let entry = ActiveJob(record: job.job)
            active[entry.id] = entry
            for (parent, outcome) in job.finishedParents.sorted(by: { $0.key < $1.key }) {
                switch outcome {
                case .done: events.append((entry.id, .dependencyDone(parent: parent), nil))
                default: events.append((entry.id, .dependencyFailed(parent: parent, reason: outcome.description), nil))
                }
            }
            switch entry.lifecycle.state {
            case .prolog:
                // The transfer died with the old gwd: start this host attempt again from the beginning.
                events.append((entry.id, .infrastructureFailure(reason: "gwd restarted during the prolog"), nil))
            case .epilog where entry.lifecycle.outcome == nil:
                resumeEpilog(entry)
            default:
                break
            }
        }
        try store.rebuildView(jobIDs: recovered.map(\.id))
        log("recovered \(recovered.count) unfinished job(s)")
        scheduleRequested = true
        enqueue(events)
    }

    /// Adds events and makes sure a drain runs; events that arrive meanwhile join the next batch.
    func enqueue(_ events: [(Int, JobEvent, String?)]) {
        inbox += events
        guard !draining else { return }
        draining = true
        Task { await self.drain() }
    }

    func enqueue(_ jobID: Int, _ event: JobEvent, log message: String? = nil) {
        enqueue([(jobID, event, message)])
    }

    private func drain() async {
        while !inbox.isEmpty || scheduleRequested {
            let batch = inbox
            inbox = []
            apply(batch)
            if scheduleRequested, inbox.isEmpty {
                scheduleRequested = false
                schedule()
            }
            await Task.yield()
        }
        draining = false
    }
}
