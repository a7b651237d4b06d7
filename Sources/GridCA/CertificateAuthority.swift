import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A certificate authority in memory: its self-signed certificate and its signing key.
///
/// It signs host, user and arbitrary certificates and CRLs; serial numbers are given by the caller
/// (``CAStore`` hands them out, unique and increasing, and persists them).
public struct CertificateAuthority: Sendable {
    /// The self-signed CA certificate.
    public let certificate: Certificate
    /// The CA signing key.
    public let privateKey: _RSA.Signing.PrivateKey

    /// The default CA subject, SimpleCA style, for a lab named `lab`.
    public static func defaultSubject(lab: String) -> String {
        "/O=Grid/OU=GlobusTest/OU=simpleCA-\(lab)/CN=Globus Simple CA"
    }

    /// Wraps an existing CA certificate and key; fails if they do not match or the certificate is no CA.
    public init(certificate: Certificate, privateKey: _RSA.Signing.PrivateKey) throws {
        guard certificate.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw GridCAError(.keyMismatch, "the CA key does not belong to the CA certificate", hint: "load the cakey.pem that was created with this cacert.pem")
        }
        guard case .isCertificateAuthority = try? certificate.extensions.basicConstraints else {
            throw GridCAError(.issuerNotCA, "the certificate \(certificate.subject.globusOneLine) is not a CA certificate", hint: "use a certificate with basicConstraints CA:TRUE")
        }
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// Creates a new self-signed CA.
    ///
    /// - Parameters:
    ///   - subject: The CA name in one-line form, e.g. `/O=Grid/OU=GlobusTest/OU=simpleCA-intro/CN=Globus Simple CA`.
    ///   - lifetime: Validity in seconds (default 5 years, as SimpleCA).
    ///   - keyBits: RSA key size (default 2048).
    public static func create(
        subject: String, lifetime: TimeInterval = 5 * 365 * 86_400, keyBits: Int = PrivateKeyPEM.defaultBits, now: Date = Date()
    ) throws -> CertificateAuthority {
        let name = try DistinguishedName(globusOneLine: subject)
        let key = try PrivateKeyPEM.generate(bits: keyBits)
        let publicKey = Certificate.PublicKey(key.publicKey)
        let ski = SubjectKeyIdentifier(hash: publicKey)
        let certificate = try signing {
            try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
                notValidBefore: now - 300, notValidAfter: now + lifetime, issuer: name, subject: name,
                signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                    ski
                    AuthorityKeyIdentifier(keyIdentifier: ski.keyIdentifier)
                },
                issuerPrivateKey: .init(key))
        }
        return try CertificateAuthority(certificate: certificate, privateKey: key)
    }

    /// The CA name.
    public var subject: DistinguishedName { certificate.subject }

    /// The CA name in one-line form.
    public var subjectOneLine: String { certificate.subject.globusOneLine }

    /// `openssl x509 -hash` of the CA name: the base name of its trust-directory files.
    public var subjectHash: String { SubjectHash.new(certificate.subject) }

    /// The CA certificate as PEM.
    public var certificatePEM: String { PEM.certificate(certificate) }

    /// The `<hash>.signing_policy` text allowing this CA to sign names under its base.
    public var signingPolicy: String { SigningPolicy(caSubject: subjectOneLine, allowedSubjects: [GlobusDN.format(base) + "/*"]).text }

    /// The CA name without its final `CN` RDN: the base of the names it issues.
    public var base: DistinguishedName {
        var rdns = Array(certificate.subject)
        if let last = rdns.last, last.count == 1, last.first?.type == .RDNAttributeType.commonName { rdns.removeLast() }
        return DistinguishedName(rdns)
    }

    static func signing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GridCAError {
            throw error
        } catch {
            throw GridCAError(.signingFailed, "signing the certificate failed", hint: "check the CA key and the requested names", underlying: error)
        }
    }
}
