import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// What kind of proxy to make and for how long.
public struct ProxyOptions: Sendable {
    /// The default proxy lifetime: 12 hours.
    public static let defaultLifetime: TimeInterval = 12 * 3600

    /// The proxy policy (impersonation, independent, limited).
    public var policy: ProxyCertInfo.Policy
    /// How many proxies may be made from this one; nil for no limit.
    public var pathLengthConstraint: Int?
    /// Requested lifetime; the proxy never outlives its issuer.
    public var lifetime: TimeInterval
    /// RSA key size of the proxy key.
    public var keyBits: Int

    /// Creates options; the defaults make a 12-hour impersonation proxy with a 2048-bit key.
    public init(
        policy: ProxyCertInfo.Policy = .inheritAll, pathLengthConstraint: Int? = nil,
        lifetime: TimeInterval = defaultLifetime, keyBits: Int = PrivateKeyPEM.defaultBits
    ) {
        self.policy = policy
        self.pathLengthConstraint = pathLengthConstraint
        self.lifetime = lifetime
        self.keyBits = keyBits
    }
}

/// Makes RFC 3820 proxy certificates the way GSI (`grid-proxy-init`) does.
public enum ProxyFactory {
    /// Creates a proxy credential signed by `issuer` (a user credential or another proxy).
    ///
    /// Subject = issuer subject + `CN=<n>`, serial = n, where n comes from SHA-1 of the proxy public key.
    public static func create(from issuer: GridCredential, options: ProxyOptions = ProxyOptions(), now: Date = Date()) throws -> GridCredential {
        try checkIssuerMayDelegate(issuer.certificate, policy: options.policy)
        let key = try PrivateKeyPEM.generate(bits: options.keyBits)
        let publicKey = Certificate.PublicKey(key.publicKey)
        let number = proxyNumber(for: publicKey)
        let info = ProxyCertInfo(pathLengthConstraint: options.pathLengthConstraint, policy: options.policy)
        let notAfter = min(now + options.lifetime, issuer.certificate.notValidAfter)
        let certificate = try CertificateAuthority.signing {
            try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(number), publicKey: publicKey,
                notValidBefore: now - 300, notValidAfter: notAfter,
                issuer: issuer.certificate.subject, subject: issuer.certificate.subject.appending(commonName: String(number)),
                signatureAlgorithm: .sha256WithRSAEncryption, extensions: try extensions(info: info, issuer: issuer.certificate),
                issuerPrivateKey: .init(issuer.privateKey))
        }
        return try GridCredential(certificate: certificate, privateKey: key, chain: [issuer.certificate] + issuer.chain)
    }

    /// GSI's proxy number: the first four bytes of SHA-1(SubjectPublicKeyInfo), little-endian, top bit cleared.
    public static func proxyNumber(for publicKey: Certificate.PublicKey) -> UInt32 {
        let md = Array(Insecure.SHA1.hash(data: publicKey.subjectPublicKeyInfoBytes))
        return UInt32(md[0]) | UInt32(md[1]) << 8 | UInt32(md[2]) << 16 | UInt32(md[3] >> 1) << 24
    }

    static func extensions(info: ProxyCertInfo, issuer: Certificate) throws -> Certificate.Extensions {
        var extensions = Certificate.Extensions()
        try extensions.append(info.certificateExtension)
        if let ext = issuer.extensions[oid: .X509ExtensionID.keyUsage] {
            var usage = try KeyUsage(ext)
            usage.nonRepudiation = false
            usage.keyCertSign = false
            try extensions.append(Certificate.Extension(usage, critical: ext.critical))
        }
        if let ext = issuer.extensions[oid: .X509ExtensionID.extendedKeyUsage] {
            try extensions.append(ext)
        }
        return extensions
    }

    /// Refuses what a verifier would reject: delegating past a path length, or widening a limited proxy.
    static func checkIssuerMayDelegate(_ issuer: Certificate, policy: ProxyCertInfo.Policy) throws {
        guard let (info, _) = try ProxyCertInfo.of(issuer) else { return }
        if info.pathLengthConstraint == 0 {
            throw GridCAError(
                .proxyPathLengthExceeded, "the proxy \(issuer.subject.globusOneLine) may not sign further proxies (path length 0)",
                hint: "create a new proxy from the user credential, or one with a larger path length")
        }
        if info.policy == .limited && policy != .limited {
            throw GridCAError(
                .limitedProxyDelegation, "a limited proxy can only sign limited proxies",
                hint: "ask for a limited proxy (-limited), or start from the user credential")
        }
    }
}
