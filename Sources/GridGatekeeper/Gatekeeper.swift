import Foundation
import GridExec
import GridMiddleware
import GridWire

/// A workernode's gatekeeper (port 2119): runs jobs for grid users as their mapped accounts and reports
/// them to gwd.
///
/// ```swift
/// let gatekeeper = try await Gatekeeper.start(configuration, log: .standardError)
/// // ... until SIGTERM:
/// await gatekeeper.shutdown()
/// ```
public final class Gatekeeper: Sendable {
    public let configuration: GatekeeperConfiguration
    let server: WireServer
    let jobs: GatekeeperJobs
    let reporter: GwdReporter?
    let log: ServiceLog
    private let serving: Task<Void, Never>

    /// The port the gatekeeper listens on (the real one when the configuration asked for 0).
    public var port: Int { server.port }

    private init(configuration: GatekeeperConfiguration, server: WireServer, jobs: GatekeeperJobs, reporter: GwdReporter?, log: ServiceLog) {
        self.configuration = configuration
        self.server = server
        self.jobs = jobs
        self.reporter = reporter
        self.log = log
        serving = Task { await server.run() }
    }

    /// Reads the credentials the configuration names, then starts as `start(_:security:log:)`.
    public static func start(_ configuration: GatekeeperConfiguration, log: ServiceLog = .none) async throws -> Gatekeeper {
        try await start(configuration, security: try ServiceSecurity.load(configuration), log: log)
    }

    /// Prepares the directories, binds the port, starts serving and (with a gwd endpoint) reporting.
    public static func start(_ configuration: GatekeeperConfiguration, security: ServiceSecurity, log: ServiceLog = .none) async throws -> Gatekeeper {
        guard let userSwitch = configuration.userSwitch ?? UserSwitch.detect() else {
            throw GatekeeperError(.configuration, "neither util-linux setpriv nor busybox su is on this host, so jobs cannot run as their users",
                                  hint: "install util-linux (setpriv) or busybox")
        }
        var configuration = configuration
        let hostname = security.hostname(configuration)
        configuration.hostname = hostname
        try prepareSpool(configuration.spoolDirectory)
        let runner = JobRunner(configuration: JobRunnerConfiguration(
            jobsDirectory: configuration.jobsDirectory, userSwitch: userSwitch, hostname: hostname,
            totalSlots: max(1, configuration.slots), killGracePeriod: configuration.killGracePeriod))
        let jobs = GatekeeperJobs(hostname: hostname, spoolRoot: configuration.spoolDirectory, runner: runner, log: log)
        let reporter = try configuration.gwd.map { endpoint in
            try GwdReporter(
                endpoint: endpoint, client: WireClient(credential: security.hostCredential, trust: security.trust, options: .init(clientName: "gatekeeper")),
                heartbeat: configuration.heartbeat, log: log,
                hostReport: { await Self.hostReport(hostname, runner: runner, jobs: jobs) })
        }
        await jobs.attach(reporter)
        let wireConfiguration = WireServerConfiguration(
            host: configuration.listenHost, port: configuration.port, credential: security.hostCredential, trust: security.trust,
            policy: security.userPolicy(acceptsLimitedProxies: false), serverName: "gatekeeper on \(hostname)",
            log: log.wire("gatekeeper"))
        let server = try await WireServer.bind(wireConfiguration) { peer, call in
            try await Self.handle(call, peer: peer, jobs: jobs)
        }
        await reporter?.start()
        log("gatekeeper", "gatekeeper of \(hostname) on \(configuration.listenHost):\(server.port), \(configuration.slots) slot(s)"
            + (configuration.gwd.map { ", reporting to gwd at \($0)" } ?? ", reporting to no gwd"))
        return Gatekeeper(configuration: configuration, server: server, jobs: jobs, reporter: reporter, log: log)
    }

    /// Stops taking requests, cancels the jobs still running (their ends are reported, and answer the
    /// globus-job-runs waiting for them), gives the reporter a moment to deliver, then stops.
    public func shutdown(gracePeriod: Duration = .seconds(5)) async {
        log("gatekeeper", "shutting down")
        // Together: a globus-job-run waiting for its job holds its connection open until the job ends.
        async let drained: Void = server.shutdown(gracePeriod: gracePeriod)
        await jobs.cancelAll()
        await drained
        await serving.value
        await reporter?.stop(grace: gracePeriod)
        log("gatekeeper", "stopped")
    }

    /// Job reports gwd has not acknowledged yet (for tests and the log).
    public func pendingReports() async -> [JobStateReport] {
        await reporter?.pending ?? []
    }

    /// Makes the spool directory; the attempt spools a previous run left are removed (their jobs are gone).
    /// Only names the gatekeeper makes (UUIDs) are touched, whatever else the directory holds.
    static func prepareSpool(_ path: String) throws {
        do {
            // The parents are shared with the jobs directory (/var/lib/vgrid/gatekeeper/{spool,jobs}):
            // made 0755, since FileManager would give every intermediate the spool's 0700 and the
            // job's user could then not reach its own job directory (a staged program exits 126).
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            }
            if !FileManager.default.fileExists(atPath: path) {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: path) where UUID(uuidString: name) != nil {
                try? FileManager.default.removeItem(atPath: path + "/" + name)
            }
        } catch {
            throw GatekeeperError(.configuration, "cannot prepare the spool directory \(path)", hint: "run as root, or pass -spool-dir", underlying: error)
        }
    }

    /// The heartbeat: the runner's probe of the host, and the gwd attempts on it.
    static func hostReport(_ hostname: String, runner: JobRunner, jobs: GatekeeperJobs) async -> HostReport {
        let attributes = await runner.hostAttributes()
        var values: [String: WireValue] = [:]
        for (name, value) in attributes.values {
            switch value {
            case .string(let text): values[name] = .string(text)
            case .integer(let number): values[name] = .integer(number)
            }
        }
        return HostReport(host: hostname, attributes: values, running: await jobs.attemptsOnHost())
    }
}
