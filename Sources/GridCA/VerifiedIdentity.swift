import X509

/// The outcome of a successful chain verification.
public struct VerifiedIdentity: Sendable {
    /// The end-entity (user or host) DN in one-line form: the name to look up in the grid-mapfile.
    public var identity: String
    /// The end-entity certificate.
    public var endEntity: Certificate
    /// The trust anchor that vouched for the end entity, one-line form.
    public var trustAnchor: String
    /// How many proxies precede the end-entity certificate (0 for a plain certificate).
    public var proxyDepth: Int
    /// Whether any proxy in the chain is limited (may authenticate, must not start jobs).
    public var isLimited: Bool
    /// Whether the leaf proxy is an independent proxy (inherits no rights).
    public var isIndependent: Bool
}
