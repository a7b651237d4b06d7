import Foundation
import SwiftASN1
import X509

/// Verifies GSI chains: proxies (RFC 3820), then the end-entity certificate against trusted CAs and their CRLs.
///
/// swift-certificates' RFC 5280 verifier rejects the critical ProxyCertInfo extension, so the proxy
/// part is checked here by the RFC 3820 rules; the end-entity part is checked by the usual path rules.
public struct GSIVerifier: Sendable {
    /// The trusted CAs and CRLs.
    public var trust: TrustStore
    /// Longest CA path accepted above the end entity (anchors included).
    public var maximumCADepth = 8

    /// Creates a verifier over a trust store.
    public init(trust: TrustStore) {
        self.trust = trust
    }

    /// Creates a verifier from an `X509_CERT_DIR`.
    public init(trustDirectory: URL) throws {
        self.trust = try TrustStore.load(directory: trustDirectory)
    }

    /// Verifies `chain` (leaf first: proxies, then the end-entity certificate, then any intermediates) at `time`.
    public func verify(chain: [Certificate], at time: Date = Date()) throws -> VerifiedIdentity {
        guard !chain.isEmpty else {
            throw GridCAError(.emptyChain, "no certificate was presented", hint: "present a proxy or certificate chain")
        }
        var proxies: [(certificate: Certificate, info: ProxyCertInfo)] = []
        for certificate in chain {
            guard let (info, critical) = try ProxyCertInfo.of(certificate) else { break }
            guard critical else {
                throw GridCAError(
                    .proxyCertInfoNotCritical, "the ProxyCertInfo extension of \(certificate.subject.globusOneLine) is not critical",
                    hint: "RFC 3820 requires it critical; create the proxy again with grid-proxy-init")
            }
            proxies.append((certificate, info))
        }
        guard proxies.count < chain.count else {
            throw GridCAError(
                .untrustedIssuer, "the chain has no end-entity certificate after its \(proxies.count) proxies",
                hint: "include the user certificate in the proxy file (grid-proxy-init does)")
        }
        for index in proxies.indices {
            try checkProxy(proxies[index].certificate, info: proxies[index].info, position: index, issuer: chain[index + 1], at: time)
        }
        try checkLimitedPropagation(proxies.map(\.info.policy))
        let endEntity = chain[proxies.count]
        let anchor = try checkEndEntity(endEntity, intermediates: Array(chain[(proxies.count + 1)...]), at: time)
        return VerifiedIdentity(
            identity: endEntity.subject.globusOneLine, endEntity: endEntity, trustAnchor: anchor.subject.globusOneLine,
            proxyDepth: proxies.count, isLimited: proxies.contains { $0.info.policy == .limited },
            isIndependent: proxies.first?.info.policy == .independent)
    }

    /// Verifies the chain in a proxy (or certificate) file.
    public func verify(credential: GridCredential, at time: Date = Date()) throws -> VerifiedIdentity {
        try verify(chain: [credential.certificate] + credential.chain, at: time)
    }

    /// RFC 3820 section 4.1 checks of one proxy against its issuer. `position` 0 is the leaf.
    func checkProxy(_ proxy: Certificate, info: ProxyCertInfo, position: Int, issuer: Certificate, at time: Date) throws {
        let name = proxy.subject.globusOneLine
        guard namesMatch(proxy.issuer, issuer.subject) else {
            throw GridCAError(
                .proxyIssuerMismatch, "the proxy \(name) names issuer \(proxy.issuer.globusOneLine), but the next certificate is \(issuer.subject.globusOneLine)",
                hint: "keep the chain in order: proxy, its issuer, ..., user certificate")
        }
        guard issuer.publicKey.isValidSignature(proxy.signature, for: proxy) else {
            throw GridCAError(
                .proxySignatureInvalid, "the proxy \(name) was not signed by the key of its issuer \(issuer.subject.globusOneLine)",
                hint: "the proxy is forged or paired with the wrong chain; create it again with grid-proxy-init")
        }
        let rdns = Array(proxy.subject)
        guard rdns.count == Array(issuer.subject).count + 1, let last = rdns.last, last.count == 1,
            last.first?.type == .RDNAttributeType.commonName,
            namesMatch(DistinguishedName(rdns.dropLast()), issuer.subject)
        else {
            throw GridCAError(
                .proxySubjectInvalid, "the proxy subject \(name) is not its issuer's subject \(issuer.subject.globusOneLine) plus one CN",
                hint: "a proxy must be named <issuer subject>/CN=<number>; create it again with grid-proxy-init")
        }
        if let usage = try? issuer.extensions.keyUsage, !usage.digitalSignature {
            throw GridCAError(
                .proxyIssuerCannotSign, "the issuer \(issuer.subject.globusOneLine) lacks keyUsage digitalSignature and cannot sign proxies",
                hint: "request a user certificate with digitalSignature in keyUsage")
        }
        try checkForbiddenExtensions(proxy)
        if let limit = info.pathLengthConstraint, position > limit {
            throw GridCAError(
                .proxyPathLengthExceeded, "the proxy \(name) allows \(limit) further proxies but \(position) follow it",
                hint: "delegate from a proxy with a larger path length (grid-proxy-init -path-length)")
        }
        if case .other(let oid, _) = info.policy {
            throw GridCAError(
                .proxyPolicyUnsupported, "the proxy \(name) uses the unknown policy language \(oid)",
                hint: "use an impersonation, independent or limited proxy")
        }
        if time < proxy.notValidBefore {
            throw GridCAError(
                .proxyNotYetValid, "the proxy \(name) is not valid until \(proxy.notValidBefore)", hint: "check the clocks of both machines")
        }
        if time > proxy.notValidAfter {
            throw GridCAError(.proxyExpired, "the proxy \(name) expired at \(proxy.notValidAfter)", hint: "create a new proxy with grid-proxy-init")
        }
    }

    func checkForbiddenExtensions(_ proxy: Certificate) throws {
        let isCA: Bool
        if case .isCertificateAuthority = try? proxy.extensions.basicConstraints { isCA = true } else { isCA = false }
        let altNames: [ASN1ObjectIdentifier] = [.X509ExtensionID.subjectAlternativeName, [2, 5, 29, 18]]
        if isCA || altNames.contains(where: { proxy.extensions[oid: $0] != nil }) {
            throw GridCAError(
                .proxyForbiddenExtension, "the proxy \(proxy.subject.globusOneLine) carries basicConstraints CA:TRUE or an alternative name",
                hint: "RFC 3820 forbids these in proxies; create the proxy again")
        }
    }

    /// Policies leaf first: once a proxy is limited, every proxy it signed (those before it) must be limited.
    func checkLimitedPropagation(_ policies: [ProxyCertInfo.Policy]) throws {
        guard let issuerIndex = policies.lastIndex(of: .limited) else { return }
        if policies[..<issuerIndex].contains(where: { $0 != .limited }) {
            throw GridCAError(
                .limitedProxyDelegation, "a limited proxy signed a proxy that is not limited",
                hint: "proxies made from a limited proxy must be limited too")
        }
    }
}
