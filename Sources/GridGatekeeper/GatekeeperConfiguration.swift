import Foundation
import GridExec
import GridWire

/// Everything a workernode's gatekeeper (2119) and transfer service (2811) need, with the lab's defaults.
public struct GatekeeperConfiguration: Sendable {
    /// The address both services bind (`0.0.0.0`: every interface; tests use `127.0.0.1`).
    public var listenHost: String
    /// The gatekeeper's port (2119; 0 picks a free one).
    public var port: Int
    /// The transfer service's port (2811; 0 picks a free one).
    public var transferPort: Int
    /// The host credential: the services present it, and the gatekeeper calls gwd with it.
    public var hostCertificateFile: String
    public var hostKeyFile: String
    /// The trusted CAs (and CRLs) peers are verified against.
    public var trustDirectory: String
    /// Maps grid identities to local accounts; re-read when it changes.
    public var gridMapFile: String
    /// Where the runner makes the per-job directories.
    public var jobsDirectory: String
    /// Where staged inputs and kept outputs wait, one directory per job attempt (root's, 0700).
    public var spoolDirectory: String
    /// Jobs that may be on the host at once.
    public var slots: Int
    /// This host's name as gwd knows it (reports, GW_HOSTNAME, HOSTNAME attribute); nil: the name in the
    /// host certificate (`CN=host/<name>`), else the system's host name.
    public var hostname: String?
    /// Where gwd listens (nil: report to nobody, for globus-job-run-only hosts and tests).
    public var gwd: WireEndpoint?
    /// Seconds between host reports.
    public var heartbeat: Duration
    /// Between SIGTERM and SIGKILL when a job is cancelled.
    public var killGracePeriod: Duration
    /// How jobs are started as the mapped user (nil: detect setpriv or busybox su at start).
    public var userSwitch: UserSwitch?

    public static let defaultSpoolDirectory = "/var/lib/vgrid/gatekeeper/spool"

    public init(
        listenHost: String = "0.0.0.0", port: Int = WireProtocol.gatekeeperPort, transferPort: Int = WireProtocol.transferPort,
        hostCertificateFile: String = "/etc/grid-security/hostcert.pem", hostKeyFile: String = "/etc/grid-security/hostkey.pem",
        trustDirectory: String = "/etc/grid-security/certificates", gridMapFile: String = "/etc/grid-security/grid-mapfile",
        jobsDirectory: String = JobRunnerConfiguration.defaultJobsDirectory, spoolDirectory: String = GatekeeperConfiguration.defaultSpoolDirectory,
        slots: Int = 1, hostname: String? = nil, gwd: WireEndpoint? = nil, heartbeat: Duration = .seconds(5),
        killGracePeriod: Duration = .seconds(5), userSwitch: UserSwitch? = nil
    ) {
        self.listenHost = listenHost
        self.port = port
        self.transferPort = transferPort
        self.hostCertificateFile = hostCertificateFile
        self.hostKeyFile = hostKeyFile
        self.trustDirectory = trustDirectory
        self.gridMapFile = gridMapFile
        self.jobsDirectory = jobsDirectory
        self.spoolDirectory = spoolDirectory
        self.slots = slots
        self.hostname = hostname
        self.gwd = gwd
        self.heartbeat = heartbeat
        self.killGracePeriod = killGracePeriod
        self.userSwitch = userSwitch
    }
}
