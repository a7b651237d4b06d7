import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// The kinds of end-entity certificate a CA issues, each with its extensions.
public enum CertificateProfile: Sendable, Equatable {
    /// A host (service) certificate with these DNS names as subjectAltName.
    case host(dnsNames: [String])
    /// A user certificate.
    case user
}

extension CertificateAuthority {
    /// Default validity of issued certificates: one year.
    public static let defaultLifetime: TimeInterval = 365 * 86_400

    /// Issues a host certificate `<base>/CN=host/<first name>` with a dNSName for every name (new key unless `key` is given).
    public func issueHost(
        dnsNames: [String], serial: UInt64, base: DistinguishedName? = nil, lifetime: TimeInterval = defaultLifetime,
        keyBits: Int = PrivateKeyPEM.defaultBits, key: _RSA.Signing.PrivateKey? = nil, now: Date = Date()
    ) throws -> GridCredential {
        guard let first = dnsNames.first, dnsNames.allSatisfy(Self.isHostName) else {
            throw GridCAError(
                .invalidRequest, "a host certificate needs at least one valid DNS name (got \(dnsNames))",
                hint: "pass the node's fully qualified name, e.g. node1.lab.example")
        }
        let subject = (base ?? self.base).appending(commonName: "host/\(first)")
        return try issue(subject: subject, profile: .host(dnsNames: dnsNames), serial: serial, lifetime: lifetime, keyBits: keyBits, key: key, now: now)
    }

    /// Issues a user certificate `<base>/OU=local/CN=<name>` (or `<userBase>/CN=<name>`), new key unless `key` is given.
    public func issueUser(
        name: String, serial: UInt64, userBase: DistinguishedName? = nil, lifetime: TimeInterval = defaultLifetime,
        keyBits: Int = PrivateKeyPEM.defaultBits, key: _RSA.Signing.PrivateKey? = nil, now: Date = Date()
    ) throws -> GridCredential {
        guard !name.isEmpty, !name.contains("/") else {
            throw GridCAError(.invalidRequest, "'\(name)' is not a valid user common name", hint: "use a name without '/', e.g. \"Ada Lovelace\" or student01")
        }
        let subject = (userBase ?? defaultUserBase).appending(commonName: name)
        return try issue(subject: subject, profile: .user, serial: serial, lifetime: lifetime, keyBits: keyBits, key: key, now: now)
    }

    /// `<base>/OU=local`, where user certificates go by default.
    public var defaultUserBase: DistinguishedName {
        DistinguishedName(Array(base) + [RelativeDistinguishedName(.init(type: .RDNAttributeType.organizationalUnitName, utf8String: "local"))])
    }

    /// Signs a certificate for `key`, or for a newly generated key of `keyBits` bits when `key` is nil.
    public func issue(
        subject: DistinguishedName, profile: CertificateProfile, serial: UInt64, lifetime: TimeInterval = defaultLifetime,
        keyBits: Int = PrivateKeyPEM.defaultBits, key: _RSA.Signing.PrivateKey? = nil, now: Date = Date()
    ) throws -> GridCredential {
        let key = try key ?? PrivateKeyPEM.generate(bits: keyBits)
        let certificate = try sign(
            publicKey: Certificate.PublicKey(key.publicKey), subject: subject, profile: profile, serial: serial,
            notBefore: now - 300, notAfter: now + lifetime)
        return try GridCredential(certificate: certificate, privateKey: key)
    }

    /// Signs a certificate for an existing public key (used for renewal and certificate requests).
    /// The validity never extends past the CA's own.
    public func sign(
        publicKey: Certificate.PublicKey, subject: DistinguishedName, profile: CertificateProfile, serial: UInt64,
        notBefore: Date, notAfter: Date
    ) throws -> Certificate {
        let caSKI = try? certificate.extensions.subjectKeyIdentifier
        let extensions = try Self.signing {
            try Certificate.Extensions {
                BasicConstraints.notCertificateAuthority
                switch profile {
                case .host(let names):
                    Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                    try ExtendedKeyUsage([.serverAuth, .clientAuth])
                    SubjectAlternativeNames(names.map { GeneralName.dnsName($0) })
                case .user:
                    Critical(KeyUsage(digitalSignature: true, nonRepudiation: true, keyEncipherment: true, dataEncipherment: true))
                }
                SubjectKeyIdentifier(hash: publicKey)
                if let keyID = caSKI?.keyIdentifier { AuthorityKeyIdentifier(keyIdentifier: keyID) }
            }
        }
        return try Self.signing {
            try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(serial), publicKey: publicKey,
                notValidBefore: notBefore, notValidAfter: min(notAfter, certificate.notValidAfter),
                issuer: certificate.subject, subject: subject, signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: extensions, issuerPrivateKey: .init(privateKey))
        }
    }

    static func isHostName(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return !name.isEmpty && name.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
