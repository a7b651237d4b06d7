import Crypto
import Foundation
import SwiftASN1
import _CryptoExtras

/// PKCS#8 `EncryptedPrivateKeyInfo` with PBES2 (PBKDF2-HMAC + AES-CBC), as `openssl pkcs8 -topk8 -v2 aes256` writes.
///
/// ```
/// EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
/// PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
/// PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER, keyLength INTEGER OPTIONAL,
///                              prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
/// ```
public enum PKCS8Encryption {
    /// PBKDF2 rounds used when encrypting (OpenSSL's own default is 2048).
    public static let defaultIterations = 10_000
    /// Decryption refuses more rounds than this, so a hostile file cannot stall the reader.
    static let maximumIterations = 10_000_000

    enum OID {
        static let pbes2: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 5, 13]
        static let pbkdf2: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 5, 12]
        static let hmacSHA1: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 2, 7]
        static let hmacSHA256: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 2, 9]
        static let hmacSHA384: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 2, 10]
        static let hmacSHA512: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 2, 11]
        static let aes128CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 2]
        static let aes192CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 22]
        static let aes256CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 42]
    }

    /// Encrypts PKCS#8 `PrivateKeyInfo` DER with PBKDF2-HMAC-SHA256 and AES-256-CBC; returns the DER.
    public static func encrypt(privateKeyInfo: [UInt8], passphrase: String, iterations: Int = defaultIterations) throws -> [UInt8] {
        let salt = randomBytes(16)
        let ivBytes = randomBytes(16)
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(passphrase.utf8), salt: salt, using: .sha256, outputByteCount: 32,
            unsafeUncheckedRounds: iterations)
        let ciphertext = try AES._CBC.encrypt(privateKeyInfo, using: key, iv: try AES._CBC.IV(ivBytes: ivBytes))
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { outer in
            try outer.appendConstructedNode(identifier: .sequence) { algorithm in
                try algorithm.serialize(OID.pbes2)
                try algorithm.appendConstructedNode(identifier: .sequence) { params in
                    try params.appendConstructedNode(identifier: .sequence) { kdf in
                        try kdf.serialize(OID.pbkdf2)
                        try kdf.appendConstructedNode(identifier: .sequence) { kdfParams in
                            try kdfParams.serialize(ASN1OctetString(contentBytes: salt[...]))
                            try kdfParams.serialize(iterations)
                            try kdfParams.appendConstructedNode(identifier: .sequence) { prf in
                                try prf.serialize(OID.hmacSHA256)
                                try prf.serialize(ASN1Null())
                            }
                        }
                    }
                    try params.appendConstructedNode(identifier: .sequence) { cipher in
                        try cipher.serialize(OID.aes256CBC)
                        try cipher.serialize(ASN1OctetString(contentBytes: ivBytes[...]))
                    }
                }
            }
            try outer.serialize(ASN1OctetString(contentBytes: Array(ciphertext)[...]))
        }
        return serializer.serializedBytes
    }

    /// Decrypts `EncryptedPrivateKeyInfo` DER (PBES2 with PBKDF2 and AES-CBC) to `PrivateKeyInfo` DER.
    public static func decrypt(encryptedPrivateKeyInfo der: [UInt8], passphrase: String) throws -> [UInt8] {
        let parsed: Parameters
        do {
            parsed = try Parameters(der: der)
        } catch let error as GridCAError {
            throw error
        } catch {
            throw GridCAError(
                .invalidKey, "the encrypted private key is not valid PKCS#8 PBES2 DER",
                hint: "re-create the key, or convert it with `openssl pkcs8 -topk8 -v2 aes256`", underlying: error)
        }
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(passphrase.utf8), salt: parsed.salt, using: parsed.prf, outputByteCount: parsed.keyLength,
            unsafeUncheckedRounds: parsed.iterations)
        let plaintext: Data
        do {
            plaintext = try AES._CBC.decrypt(parsed.ciphertext, using: key, iv: try AES._CBC.IV(ivBytes: parsed.iv))
        } catch {
            throw wrongPassphrase(error)
        }
        // A wrong passphrase usually breaks the padding; if the padding happens to pass, the DER will not.
        guard let node = try? DER.parse(Array(plaintext)), node.identifier == .sequence else {
            throw wrongPassphrase(nil)
        }
        return Array(plaintext)
    }

    static func wrongPassphrase(_ underlying: (any Error)?) -> GridCAError {
        GridCAError(
            .wrongPassphrase, "the passphrase does not decrypt the private key",
            hint: "type the passphrase that was set when the key was created", underlying: underlying)
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The fields of an `EncryptedPrivateKeyInfo` that decryption needs.
    struct Parameters {
        var salt: [UInt8] = []
        var iterations = 0
        var keyLength = 32
        var prf = KDF.Insecure.PBKDF2.HashFunction.insecureSHA1
        var iv: [UInt8] = []
        var ciphertext: [UInt8] = []

        init(der: [UInt8]) throws {
            let root = try DER.parse(der)
            var declaredKeyLength: Int?
            var cipherOID: ASN1ObjectIdentifier = OID.aes256CBC
            try DER.sequence(root, identifier: .sequence) { outer in
                try outer.nextSequence { algorithm in
                    let oid = try ASN1ObjectIdentifier(derEncoded: &algorithm)
                    guard oid == OID.pbes2 else { throw Parameters.unsupported("encryption scheme \(oid)") }
                    try algorithm.nextSequence { params in
                        try params.nextSequence { kdf in
                            guard try ASN1ObjectIdentifier(derEncoded: &kdf) == OID.pbkdf2 else {
                                throw Parameters.unsupported("key derivation (only PBKDF2)")
                            }
                            try kdf.nextSequence { kdfParams in
                                self.salt = Array(try ASN1OctetString(derEncoded: &kdfParams).bytes)
                                self.iterations = try Int(derEncoded: &kdfParams)
                                if let node = kdfParams.next() {
                                    if node.identifier == .integer {
                                        declaredKeyLength = try Int(derEncoded: node)
                                        if let prfNode = kdfParams.next() { self.prf = try Parameters.prf(prfNode) }
                                    } else {
                                        self.prf = try Parameters.prf(node)
                                    }
                                }
                            }
                        }
                        try params.nextSequence { cipher in
                            cipherOID = try ASN1ObjectIdentifier(derEncoded: &cipher)
                            self.iv = Array(try ASN1OctetString(derEncoded: &cipher).bytes)
                        }
                    }
                }
                self.ciphertext = Array(try ASN1OctetString(derEncoded: &outer).bytes)
            }
            switch cipherOID {
            case OID.aes128CBC: keyLength = 16
            case OID.aes192CBC: keyLength = 24
            case OID.aes256CBC: keyLength = 32
            default: throw Parameters.unsupported("cipher \(cipherOID) (only AES-CBC)")
            }
            if let declaredKeyLength, declaredKeyLength != keyLength { throw Parameters.unsupported("key length \(declaredKeyLength)") }
            guard (1...maximumIterations).contains(iterations) else { throw Parameters.unsupported("\(iterations) PBKDF2 rounds") }
        }

        static func prf(_ node: ASN1Node) throws -> KDF.Insecure.PBKDF2.HashFunction {
            try DER.sequence(node, identifier: .sequence) { prf in
                let oid = try ASN1ObjectIdentifier(derEncoded: &prf)
                _ = prf.next()  // NULL parameters
                switch oid {
                case OID.hmacSHA1: return .insecureSHA1
                case OID.hmacSHA256: return .sha256
                case OID.hmacSHA384: return .sha384
                case OID.hmacSHA512: return .sha512
                default: throw unsupported("PBKDF2 PRF \(oid)")
                }
            }
        }

        static func unsupported(_ what: String) -> GridCAError {
            GridCAError(
                .unsupportedKey, "the encrypted private key uses an unsupported \(what)",
                hint: "convert it with `openssl pkcs8 -topk8 -v2 aes256 -in key.pem -out new.pem`")
        }
    }
}
