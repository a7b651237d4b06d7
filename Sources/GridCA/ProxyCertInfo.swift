import SwiftASN1
import X509

/// The RFC 3820 ProxyCertInfo extension (OID 1.3.6.1.5.5.7.1.14, always critical).
///
/// ```
/// ProxyCertInfo ::= SEQUENCE { pCPathLenConstraint INTEGER (0..MAX) OPTIONAL, proxyPolicy ProxyPolicy }
/// ProxyPolicy ::= SEQUENCE { policyLanguage OBJECT IDENTIFIER, policy OCTET STRING OPTIONAL }
/// ```
public struct ProxyCertInfo: Sendable, Equatable {
    /// The extension's object identifier.
    public static let oid: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 14]

    /// What rights a proxy carries, by policy language.
    public enum Policy: Sendable, Equatable, CustomStringConvertible {
        /// id-ppl-inheritAll: all rights of the issuer (an "impersonation" proxy).
        case inheritAll
        /// id-ppl-independent: no rights inherited.
        case independent
        /// Globus limited proxy: may authenticate but not start jobs.
        case limited
        /// Any other policy language, with its policy bytes.
        case other(ASN1ObjectIdentifier, [UInt8]?)

        static let inheritAllOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 21, 1]
        static let independentOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 21, 2]
        static let limitedOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 3536, 1, 1, 1, 9]

        /// The policy language OID.
        public var language: ASN1ObjectIdentifier {
            switch self {
            case .inheritAll: return Self.inheritAllOID
            case .independent: return Self.independentOID
            case .limited: return Self.limitedOID
            case .other(let oid, _): return oid
            }
        }

        init(language: ASN1ObjectIdentifier, policy: [UInt8]?) {
            switch language {
            case Self.inheritAllOID: self = .inheritAll
            case Self.independentOID: self = .independent
            case Self.limitedOID: self = .limited
            default: self = .other(language, policy)
            }
        }

        /// The word `grid-proxy-info` uses: impersonation, independent, limited.
        public var description: String {
            switch self {
            case .inheritAll: return "impersonation"
            case .independent: return "independent"
            case .limited: return "limited"
            case .other(let oid, _): return "restricted (\(oid))"
            }
        }
    }

    /// How many further proxies may be issued below this one; nil means unlimited.
    public var pathLengthConstraint: Int?
    /// The proxy policy.
    public var policy: Policy

    /// Creates the extension value.
    public init(pathLengthConstraint: Int? = nil, policy: Policy = .inheritAll) {
        self.pathLengthConstraint = pathLengthConstraint
        self.policy = policy
    }

    /// The DER of the extension value.
    public var derBytes: [UInt8] {
        // Only integers, an OID and optional octets: serialization cannot fail.
        try! encodeDER { out in
            try out.appendConstructedNode(identifier: .sequence) { info in
                if let pathLengthConstraint { try info.serialize(pathLengthConstraint) }
                try info.appendConstructedNode(identifier: .sequence) { policyNode in
                    try policyNode.serialize(policy.language)
                    if case .other(_, let bytes?) = policy { try policyNode.serialize(ASN1OctetString(contentBytes: bytes[...])) }
                }
            }
        }
    }

    /// Parses the extension value.
    public init(derBytes: ArraySlice<UInt8>) throws {
        var pathLength: Int?
        var language: ASN1ObjectIdentifier = Policy.inheritAllOID
        var policyBytes: [UInt8]?
        try DER.sequence(try DER.parse(derBytes), identifier: .sequence) { info in
            var node = info.next()
            if let integer = node, integer.identifier == .integer {
                pathLength = try Int(derEncoded: integer)
                node = info.next()
            }
            guard let policyNode = node else { throw ASN1Error.invalidASN1Object(reason: "proxyPolicy is missing") }
            try DER.sequence(policyNode, identifier: .sequence) { policy in
                language = try ASN1ObjectIdentifier(derEncoded: &policy)
                if let octets = policy.next() { policyBytes = Array(try ASN1OctetString(derEncoded: octets).bytes) }
            }
        }
        if let pathLength, pathLength < 0 { throw ASN1Error.invalidASN1Object(reason: "negative path length") }
        self.pathLengthConstraint = pathLength
        self.policy = Policy(language: language, policy: policyBytes)
    }

    /// The critical certificate extension carrying this value.
    public var certificateExtension: Certificate.Extension {
        Certificate.Extension(oid: Self.oid, critical: true, value: derBytes[...])
    }

    /// The ProxyCertInfo of a certificate, nil if it has none (it is no RFC 3820 proxy).
    public static func of(_ certificate: Certificate) throws -> (info: ProxyCertInfo, critical: Bool)? {
        guard let ext = certificate.extensions[oid: oid] else { return nil }
        do {
            return (try ProxyCertInfo(derBytes: ext.value), ext.critical)
        } catch {
            throw GridCAError(
                .invalidCertificate, "the ProxyCertInfo extension of \(certificate.subject.globusOneLine) is malformed",
                hint: "create the proxy again (grid-proxy-init)", underlying: error)
        }
    }
}
