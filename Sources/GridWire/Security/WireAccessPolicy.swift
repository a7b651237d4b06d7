import GridCA

/// Which verified peers a server admits, decided during the handshake (a refused peer gets a TLS alert).
///
/// - gwd: users (mapped through the grid-mapfile) and the workers' gatekeepers as services.
/// - a gatekeeper: the headnode's gwd as a service (and users, for globus-job-run style access).
public struct WireAccessPolicy: Sendable {
    /// Admit users (proxy chains and user certificates).
    public var acceptsUsers: Bool
    /// Host names whose host certificate (`CN=host/<name>`, no proxy) is admitted as a service, compared
    /// case-insensitively. A host certificate of any other host is refused.
    public var trustedServiceHosts: Set<String>
    /// When set, a user must be in the grid-mapfile and `VerifiedPeer.localUser` is filled in.
    public var gridMap: GridMapFile?
    /// Admit limited proxies (they may authenticate; handlers must still refuse job-changing requests).
    public var acceptsLimitedProxies: Bool
    /// When set, asked at every handshake for the grid-mapfile (instead of `gridMap`), so a daemon can pick up
    /// `grid-mapfile-add-entry` without a restart; a thrown error refuses the peer.
    public var gridMapSource: (@Sendable () throws -> GridMapFile)?
    /// When set, asked at every handshake for the trusted service hosts (instead of `trustedServiceHosts`), so
    /// gwd admits the gatekeeper of a workernode added to its host.list without a restart.
    public var trustedServiceHostsSource: (@Sendable () -> Set<String>)?

    public init(acceptsUsers: Bool = true, trustedServiceHosts: Set<String> = [], gridMap: GridMapFile? = nil, acceptsLimitedProxies: Bool = true) {
        self.acceptsUsers = acceptsUsers
        self.trustedServiceHosts = Set(trustedServiceHosts.map { $0.lowercased() })
        self.gridMap = gridMap
        self.acceptsLimitedProxies = acceptsLimitedProxies
    }

    /// Users only (optionally mapped through a grid-mapfile).
    public static func users(gridMap: GridMapFile? = nil) -> WireAccessPolicy {
        WireAccessPolicy(acceptsUsers: true, gridMap: gridMap)
    }

    /// Only the host certificates of these hosts (a gatekeeper admitting the headnode's gwd).
    public static func services(_ hosts: Set<String>) -> WireAccessPolicy {
        WireAccessPolicy(acceptsUsers: false, trustedServiceHosts: hosts)
    }

    /// Decides on a verified chain; throws `.peerNotAuthorized` for a peer the policy refuses.
    func admit(_ verified: VerifiedIdentity, address: String?) throws -> VerifiedPeer {
        var peer = VerifiedPeer(
            identity: verified.identity, role: .user, isLimited: verified.isLimited, proxyDepth: verified.proxyDepth,
            localUser: nil, address: address, verification: verified)
        if verified.proxyDepth == 0, let host = VerifiedPeer.hostName(inIdentity: verified.identity) {
            let trusted = trustedServiceHostsSource.map { Set($0().map { $0.lowercased() }) } ?? trustedServiceHosts
            guard trusted.contains(host.lowercased()) else {
                throw WireError(
                    .peerNotAuthorized, "the host certificate of \(host) is not a trusted service of this server",
                    hint: "connect with a user proxy, or list \(host) among the server's trusted service hosts", location: address)
            }
            peer.role = .service(host: host)
            return peer
        }
        guard acceptsUsers else {
            throw WireError(
                .peerNotAuthorized, "\(verified.identity) is a user, and this server admits only service hosts",
                hint: "users talk to gwd on the headnode, not to this service", location: address)
        }
        if verified.isLimited, !acceptsLimitedProxies {
            throw WireError(
                .peerNotAuthorized, "\(verified.identity) presented a limited proxy, which this server refuses",
                hint: "create a full proxy with grid-proxy-init (without -limited)", location: address)
        }
        if let gridMap = try currentGridMap(address: address) {
            do {
                peer.localUser = try gridMap.localUser(for: verified.identity)
            } catch {
                throw WireError(
                    .peerNotAuthorized, "\(verified.identity) is not in the grid-mapfile of this server",
                    hint: "ask the lab administrator to add it: grid-mapfile-add-entry -dn \"\(verified.identity)\" -ln <user>",
                    location: address, underlying: error)
            }
        }
        return peer
    }

    private func currentGridMap(address: String?) throws -> GridMapFile? {
        guard let gridMapSource else { return gridMap }
        do {
            return try gridMapSource()
        } catch {
            throw WireError(
                .peerNotAuthorized, "the grid-mapfile of this server cannot be read, so no user can be mapped",
                hint: "check the server's grid-mapfile (grid-mapfile-check-consistency)", location: address, underlying: error)
        }
    }
}
