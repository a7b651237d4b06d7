import Foundation
import SwiftASN1
import _CryptoExtras

/// RSA private keys: generation and the PEM forms Globus and OpenSSL use.
///
/// - `RSA PRIVATE KEY`: PKCS#1, unencrypted (host keys, proxy keys).
/// - `PRIVATE KEY`: PKCS#8, unencrypted.
/// - `ENCRYPTED PRIVATE KEY`: PKCS#8 PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for user keys.
public enum PrivateKeyPEM {
    /// The key size used when none is given.
    public static let defaultBits = 2048

    /// Generates a new RSA key; sizes below 2048 bits (down to 1024) are allowed for tests only.
    public static func generate(bits: Int = defaultBits) throws -> _RSA.Signing.PrivateKey {
        guard bits >= 1024, bits <= 16384, bits % 8 == 0 else {
            throw GridCAError(
                .invalidRequest, "an RSA key of \(bits) bits cannot be generated",
                hint: "use 2048 (the default), 3072 or 4096 bits")
        }
        do {
            return try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: bits))
        } catch {
            throw GridCAError(.invalidKey, "RSA key generation failed", hint: "retry; if it persists, check the crypto library", underlying: error)
        }
    }

    /// Generates `count` keys on all cores (key generation dominates the cost of provisioning a class).
    public static func generate(count: Int, bits: Int = defaultBits) throws -> [_RSA.Signing.PrivateKey] {
        guard count > 0 else { return [] }
        let results = ResultsBox(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let result = Result { try generate(bits: bits) }
            results.set(index, result)
        }
        return try results.values.map { try $0!.get() }
    }

    /// Collects results written from concurrent iterations.
    private final class ResultsBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [Result<_RSA.Signing.PrivateKey, any Error>?]

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Result<_RSA.Signing.PrivateKey, any Error>) {
            lock.lock()
            defer { lock.unlock() }
            values[index] = value
        }
    }

    /// PKCS#1 `-----BEGIN RSA PRIVATE KEY-----`, as Globus writes proxy and host keys.
    public static func pkcs1(_ key: _RSA.Signing.PrivateKey) -> String {
        PEMDocument(type: "RSA PRIVATE KEY", derBytes: Array(key.derRepresentation)).pemString + "\n"
    }

    /// PKCS#8 `-----BEGIN PRIVATE KEY-----`, unencrypted.
    public static func pkcs8(_ key: _RSA.Signing.PrivateKey) -> String {
        key.pkcs8PEMRepresentation + (key.pkcs8PEMRepresentation.hasSuffix("\n") ? "" : "\n")
    }

    /// PKCS#8 `-----BEGIN ENCRYPTED PRIVATE KEY-----` protected by `passphrase`.
    public static func encrypted(
        _ key: _RSA.Signing.PrivateKey, passphrase: String, iterations: Int = PKCS8Encryption.defaultIterations
    ) throws -> String {
        guard !passphrase.isEmpty else {
            throw GridCAError(.invalidRequest, "an empty passphrase cannot protect a key", hint: "give a passphrase of at least 4 characters")
        }
        let info = try PEMDocument(pemString: key.pkcs8PEMRepresentation).derBytes
        let der = try PKCS8Encryption.encrypt(privateKeyInfo: info, passphrase: passphrase, iterations: iterations)
        return PEMDocument(type: "ENCRYPTED PRIVATE KEY", derBytes: der).pemString + "\n"
    }

    /// Whether a key PEM needs a passphrase.
    public static func isEncrypted(_ pem: String) -> Bool {
        pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED")
    }

    /// Reads the first private key in `pem` (PKCS#1, PKCS#8, or encrypted PKCS#8 with `passphrase`).
    public static func read(_ pem: String, passphrase: String? = nil, location: String? = nil) throws -> _RSA.Signing.PrivateKey {
        if pem.contains("Proc-Type: 4,ENCRYPTED") {
            throw GridCAError(
                .unsupportedKey, "the key is in the legacy OpenSSL encrypted format", hint:
                    "convert it: openssl pkcs8 -topk8 -v2 aes256 -in old.pem -out new.pem", location: location)
        }
        let documents = (try? PEMBlocks.parse(pem)) ?? []
        guard let document = documents.first(where: { $0.discriminator.hasSuffix("PRIVATE KEY") }) else {
            throw GridCAError(
                .invalidPEM, "no private key PEM block was found", hint: "the file must contain -----BEGIN ... PRIVATE KEY-----",
                location: location)
        }
        var der = document.derBytes
        if document.discriminator == "ENCRYPTED PRIVATE KEY" {
            guard let passphrase else {
                throw GridCAError(.wrongPassphrase, "the private key is encrypted and no passphrase was given", hint: "supply the key's passphrase", location: location)
            }
            do {
                der = try PKCS8Encryption.decrypt(encryptedPrivateKeyInfo: der, passphrase: passphrase)
            } catch var error as GridCAError {
                error.location = location
                throw error
            }
        }
        do {
            return try _RSA.Signing.PrivateKey(unsafeDERRepresentation: der)
        } catch {
            throw GridCAError(
                .unsupportedKey, "the private key is not an RSA key of at least 1024 bits",
                hint: "GridCA handles RSA keys only; create one with openssl genrsa 2048", location: location, underlying: error)
        }
    }
}
