import Foundation
import GridCA
import GridWire

/// The credentials both workernode services use: the host certificate, the trusted CAs, the grid-mapfile.
public struct ServiceSecurity: Sendable {
    public var hostCredential: GridCredential
    public var trust: WireTrust
    public var gridMap: GridMapWatcher

    public init(hostCredential: GridCredential, trust: WireTrust, gridMap: GridMapWatcher) {
        self.hostCredential = hostCredential
        self.trust = trust
        self.gridMap = gridMap
    }

    /// Reads the files the configuration names; the grid-mapfile is read at each handshake (when it changed).
    public static func load(_ configuration: GatekeeperConfiguration) throws -> ServiceSecurity {
        let credential: GridCredential
        do {
            credential = try GridCredential.load(
                certificateFile: URL(fileURLWithPath: configuration.hostCertificateFile), keyFile: URL(fileURLWithPath: configuration.hostKeyFile))
        } catch {
            throw GatekeeperError(
                .configuration, "cannot load the host credential \(configuration.hostCertificateFile) / \(configuration.hostKeyFile)",
                hint: "install the host certificate and key (mode 0600 or stricter), or pass -cert and -key", underlying: error)
        }
        let trust: WireTrust
        do {
            trust = try WireTrust(directory: URL(fileURLWithPath: configuration.trustDirectory))
        } catch {
            throw GatekeeperError(
                .configuration, "cannot read the trusted CAs in \(configuration.trustDirectory)",
                hint: "install the lab CA there, or pass -certdir", underlying: error)
        }
        let watcher = GridMapWatcher(path: configuration.gridMapFile)
        return ServiceSecurity(hostCredential: credential, trust: trust, gridMap: watcher)
    }

    /// The configured host name, else the one in the host certificate, else the system's.
    func hostname(_ configuration: GatekeeperConfiguration) -> String {
        configuration.hostname ?? VerifiedPeer.hostName(inIdentity: hostCredential.subject) ?? ProcessInfo.processInfo.hostName
    }

    /// Users only, mapped through the grid-mapfile as it is at each handshake.
    func userPolicy(acceptsLimitedProxies: Bool) -> WireAccessPolicy {
        var policy = WireAccessPolicy(acceptsUsers: true, acceptsLimitedProxies: acceptsLimitedProxies)
        let watcher = gridMap
        policy.gridMapSource = { try watcher.current() }
        return policy
    }
}
