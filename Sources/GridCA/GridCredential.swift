import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A certificate, its private key, and the certificates that lead from it towards the CA.
///
/// For a user or host this is the certificate issued by the CA (chain empty); for a proxy the chain
/// holds the issuing proxies and the user certificate, leaf first.
public struct GridCredential: Sendable {
    /// The certificate this credential authenticates with.
    public var certificate: Certificate
    /// The private key of `certificate`.
    public var privateKey: _RSA.Signing.PrivateKey
    /// The issuer chain, nearest issuer first (not including the trust anchor).
    public var chain: [Certificate]

    /// Creates a credential; fails if the key does not belong to the certificate.
    public init(certificate: Certificate, privateKey: _RSA.Signing.PrivateKey, chain: [Certificate] = []) throws {
        guard certificate.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw GridCAError(
                .keyMismatch, "the private key does not belong to the certificate \(certificate.subject.globusOneLine)",
                hint: "pair the certificate with the key it was issued for (usercert.pem with userkey.pem)")
        }
        self.certificate = certificate
        self.privateKey = privateKey
        self.chain = chain
    }

    /// The subject of `certificate` in one-line form.
    public var subject: String { certificate.subject.globusOneLine }

    /// The certificate as PEM.
    public var certificatePEM: String { PEM.certificate(certificate) }

    /// The key as unencrypted PKCS#1 PEM (`RSA PRIVATE KEY`), the form for host and proxy keys.
    public var keyPEM: String { PrivateKeyPEM.pkcs1(privateKey) }

    /// The key as encrypted PKCS#8 PEM, the form for user keys.
    public func encryptedKeyPEM(passphrase: String) throws -> String {
        try PrivateKeyPEM.encrypted(privateKey, passphrase: passphrase)
    }

    /// Reads a certificate file and a key file (the key decrypted with `passphrase` if it is encrypted).
    /// By default a key file readable by group or others is refused, as Globus does.
    public static func load(certificateFile: URL, keyFile: URL, passphrase: String? = nil, checkKeyPermissions: Bool = true) throws -> GridCredential {
        if checkKeyPermissions { try KeyFilePermissions.check(keyFile) }
        let certificates = try PEM.certificates(in: try FileIO.readString(certificateFile), location: certificateFile.path)
        guard let first = certificates.first else {
            throw GridCAError(.invalidPEM, "no certificate was found", hint: "the file must contain -----BEGIN CERTIFICATE-----", location: certificateFile.path)
        }
        let key = try PrivateKeyPEM.read(try FileIO.readString(keyFile), passphrase: passphrase, location: keyFile.path)
        return try GridCredential(certificate: first, privateKey: key, chain: Array(certificates.dropFirst()))
    }
}

/// Certificate PEM helpers.
public enum PEM {
    /// One certificate as PEM text ending in a newline.
    public static func certificate(_ certificate: Certificate) -> String {
        // Serializing a certificate that was built or parsed cannot fail.
        (try! certificate.serializeAsPEM()).pemString + "\n"
    }

    /// All certificates in a PEM text, in order.
    public static func certificates(in text: String, location: String? = nil) throws -> [Certificate] {
        let blocks: [PEMDocument]
        do {
            blocks = try PEMBlocks.parse(text)
        } catch {
            throw GridCAError(.invalidPEM, "the PEM text is malformed", hint: "check the BEGIN/END lines and the base64 body", location: location, underlying: error)
        }
        return try blocks.filter { $0.discriminator == "CERTIFICATE" }.map { try certificate(der: $0.derBytes, location: location) }
    }

    /// Parses one DER certificate.
    public static func certificate(der: [UInt8], location: String? = nil) throws -> Certificate {
        do {
            return try Certificate(derEncoded: der)
        } catch {
            throw GridCAError(.invalidCertificate, "the certificate cannot be parsed", hint: "check that the file holds an X.509 certificate", location: location, underlying: error)
        }
    }
}
