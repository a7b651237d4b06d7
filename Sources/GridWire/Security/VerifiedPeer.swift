import GridCA

/// A client the server verified during the TLS handshake, as request handlers see it.
public struct VerifiedPeer: Sendable {
    /// How the peer authenticated.
    public enum Role: Sendable, Hashable {
        /// A user with a proxy chain (or a plain user certificate).
        case user
        /// A trusted service host with its host certificate (`CN=host/<name>`), e.g. gwd calling a gatekeeper.
        case service(host: String)
    }

    /// The end-entity DN in one-line form (`/O=Grid/.../CN=Ada Lovelace`): the grid identity.
    public var identity: String
    public var role: Role
    /// Whether a limited proxy is in the chain (such a peer may look, not start or change jobs).
    public var isLimited: Bool
    /// Proxies before the end-entity certificate (0 for a host or user certificate).
    public var proxyDepth: Int
    /// The local account from the grid-mapfile, when the server's policy maps users.
    public var localUser: String?
    /// The remote address, `ip:port`.
    public var address: String?
    /// The full verification result (end-entity certificate, trust anchor).
    public var verification: VerifiedIdentity

    /// The service host name, for `.service` peers.
    public var serviceHost: String? {
        if case .service(let host) = role { return host }
        return nil
    }

    /// The `host/<name>` name in a host certificate's DN (`/O=Grid/.../CN=host/node1.lab`), or nil.
    public static func hostName(inIdentity identity: String) -> String? {
        guard let range = identity.range(of: "/CN=host/", options: [.backwards, .caseInsensitive]) else { return nil }
        let name = identity[range.upperBound...]
        guard !name.isEmpty, !name.contains("/"), !name.contains("=") else { return nil }
        return String(name)
    }
}
