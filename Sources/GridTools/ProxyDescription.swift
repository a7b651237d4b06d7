import Foundation
import GridCA
import X509

/// How names are printed: Globus one-line (`/O=Grid/CN=x`) or RFC 2253 (`CN=x,O=Grid`).
public enum NameStyle: Sendable {
    case globus, rfc2253

    /// `name` in this style.
    public func format(_ name: DistinguishedName) -> String {
        switch self {
        case .globus: return name.globusOneLine
        case .rfc2253: return name.description
        }
    }
}

/// What `grid-proxy-info` reports about a proxy file: names, type, key strength, lifetime.
public struct ProxyDescription: Sendable {
    /// The proxy certificate's subject, one-line form.
    public var subject: String
    /// The proxy certificate's issuer.
    public var issuer: String
    /// The identity the proxy acts for: the end-entity subject (an independent proxy is its own identity).
    public var identity: String
    /// `RFC 3820 compliant impersonation proxy`, `... limited proxy`, `end entity credential`, ...
    public var type: String
    /// The RSA key size in bits.
    public var strength: Int
    /// When the proxy expires.
    public var notAfter: Date
    /// The proxy policy of the leaf, nil for a certificate that is no RFC 3820 proxy.
    public var policy: ProxyCertInfo.Policy?

    /// Describes a proxy credential (as read from a proxy file).
    public init(_ credential: GridCredential, names: NameStyle = .globus) throws {
        let leaf = credential.certificate
        subject = names.format(leaf.subject)
        issuer = names.format(leaf.issuer)
        strength = credential.privateKey.keySizeInBits
        notAfter = leaf.notValidAfter
        do {
            policy = try ProxyCertInfo.of(leaf)?.info.policy
            type = try Self.typeName(policy: policy, subject: leaf.subject.globusOneLine)
            identity = subject
            // The identity is the first certificate, leaf first, that does not act for its issuer.
            for certificate in [leaf] + credential.chain {
                let info = try ProxyCertInfo.of(certificate)?.info
                identity = names.format(certificate.subject)
                if info == nil || info?.policy == .independent { break }
                identity = names.format(certificate.issuer)
            }
        } catch {
            throw GridToolsError("Couldn't get the proxy type from the proxy credential", underlying: error)
        }
    }

    /// Seconds until the proxy expires (negative once it has).
    public func secondsLeft(at time: Date) -> Int {
        Int(notAfter.timeIntervalSince(time).rounded(.down))
    }

    /// Globus's name for a proxy type.
    static func typeName(policy: ProxyCertInfo.Policy?, subject: String) throws -> String {
        switch policy {
        case .inheritAll?: return "RFC 3820 compliant impersonation proxy"
        case .independent?: return "RFC 3820 compliant independent proxy"
        case .limited?: return "RFC 3820 compliant limited proxy"
        case .other?: return "RFC 3820 compliant restricted proxy"
        case nil:
            if subject.hasSuffix("/CN=limited proxy") { return "limited legacy globus proxy" }
            if subject.hasSuffix("/CN=proxy") { return "full legacy globus proxy" }
            return "end entity credential"
        }
    }
}
