import Foundation
import GridCA
import GridMiddleware
import GridStore
import GridWire

/// gwd as a process: reads `$GW_LOCATION/etc`, opens the database, recovers, listens on GWD_PORT
/// and writes `var/gwd.port` for the clients.
///
/// ```swift
/// let daemon = try await GwdDaemon.start(configuration, log: { print($0) })
/// await daemon.run()        // until shutdown()
/// ```
public final class GwdDaemon: Sendable {
    let gwd: Gwd
    let server: WireServer
    let configuration: GwdConfiguration
    let timers: Task<Void, Never>

    /// The port gwd listens on.
    public var port: Int { server.port }

    private init(gwd: Gwd, server: WireServer, configuration: GwdConfiguration, timers: Task<Void, Never>) {
        self.gwd = gwd
        self.server = server
        self.configuration = configuration
        self.timers = timers
    }

    public static func start(_ configuration: GwdConfiguration, log: @escaping @Sendable (String) -> Void) async throws -> GwdDaemon {
        let settings = try GwdSettings.load(configuration)
        do {
            try FileManager.default.createDirectory(atPath: configuration.varDirectory, withIntermediateDirectories: true)
        } catch {
            throw GwdError("cannot create \(configuration.varDirectory)", hint: "run gwd as root, or set GW_LOCATION", underlying: error)
        }
        let store: JobStore
        do {
            store = try JobStore(path: configuration.databasePath, configuration: JobStore.Configuration(
                durability: .full, viewRoot: URL(fileURLWithPath: configuration.varDirectory),
                onViewError: { log("var/ view: \($0.message)") }))
        } catch {
            throw GwdError("cannot open the job database \(configuration.databasePath)",
                           hint: "check the disk; move the file away to start with no jobs", underlying: error)
        }
        let trust: WireTrust
        let credential: GridCredential
        // The grid-mapfile and host.list are read again when they change: `grid-mapfile-add-entry` and
        // a lab grown by `vgrid up` take effect without restarting gwd.
        let gridMap = WatchedFile(path: configuration.gridMapFile) { [path = configuration.gridMapFile] in
            try GridMapFile(parsing: $0, location: path)
        }
        let hostList = WatchedFile(path: configuration.etc + "/host.list") { [path = configuration.etc + "/host.list"] in
            try HostListEntry.parse($0, file: path)
        }
        do {
            trust = try WireTrust(directory: URL(fileURLWithPath: configuration.trustDirectory))
            credential = try GridCredential.load(certificateFile: URL(fileURLWithPath: configuration.certificateFile),
                                                 keyFile: URL(fileURLWithPath: configuration.keyFile))
            _ = try gridMap.current()
        } catch {
            throw GwdError("cannot read gwd's credentials, trusted CAs or grid-mapfile", hint: "vgrid up installs them on the headnode",
                           underlying: error)
        }
        let gwd = Gwd(configuration: configuration, settings: settings, store: store, trust: trust, log: log, hostList: hostList)
        var policy = WireAccessPolicy(acceptsUsers: true, acceptsLimitedProxies: true)
        policy.gridMapSource = { try gridMap.current() }
        let knownHosts = KnownHostNames(Set(settings.hosts.map(\.name)))
        // The headnode's own host certificate is admitted too: root there reads the pool with it
        // (`vgrid status` asks gwd how a student's lab is doing), with no proxy to make.
        let ownHost = VerifiedPeer.hostName(inIdentity: credential.subject)
        policy.trustedServiceHostsSource = { knownHosts.names.union(ownHost.map { [$0] } ?? []) }
        await gwd.onHostListChange { knownHosts.names = $0 }
        let wireLog = WireLog { event in
            if event.level != .debug { log(event.message) }
        }
        let serverConfiguration = WireServerConfiguration(
            host: configuration.listenAddress, port: configuration.port ?? settings.daemon.gwdPort, credential: credential,
            trust: trust, policy: policy, serverName: "gwd on \(configuration.hostName)", log: wireLog)
        let server = try await WireServer.bind(serverConfiguration) { (peer: VerifiedPeer, request: WireRequest) in
            try await GwdRequests.answer(peer, request, gwd: gwd, administrators: configuration.administrators, ownHost: ownHost)
        }
        try await gwd.recover()
        let portText = [configuration.hostName, String(server.port), configuration.advertisedAddress].compactMap { $0 }.joined(separator: " ")
        do {
            try (portText + "\n").write(toFile: configuration.portFile, atomically: true, encoding: .utf8)
        } catch {
            await server.shutdown()
            throw GwdError("cannot write \(configuration.portFile)", hint: "check the permissions of \(configuration.varDirectory)", underlying: error)
        }
        let interval = max(1, settings.daemon.schedulingInterval)
        let timers = Task {
            var tick = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                tick += 1
                await gwd.checkHosts()
                // Dispatch is event-driven; this periodic pass only catches what no event announced
                // (a ban that expired, a priority that grew with waiting time).
                if tick % interval == 0 { await gwd.requestSchedule() }
            }
        }
        log("gwd listening on \(configuration.listenAddress):\(server.port) as \(configuration.hostName), \(settings.hosts.count) host(s) in host.list")
        return GwdDaemon(gwd: gwd, server: server, configuration: configuration, timers: timers)
    }

    /// Serves until `shutdown()`.
    public func run() async {
        await server.run()
    }

    public func shutdown() async {
        timers.cancel()
        await gwd.shutdown()
        await server.shutdown(gracePeriod: .seconds(2))
        try? FileManager.default.removeItem(atPath: configuration.portFile)
    }
}

extension Gwd {
    func requestSchedule() {
        scheduleRequested = true
        enqueue([])
    }

    func shutdown() async {
        cancelWaiters()
        for task in transfers.values { task.cancel() }
        await links.closeAll()
    }
}

/// The workernode names gwd admits as services, updated when host.list changes.
final class KnownHostNames: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Set<String>
    init(_ names: Set<String>) { current = names }
    var names: Set<String> {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
