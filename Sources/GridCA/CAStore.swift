import Foundation
import X509
import _CryptoExtras

/// A CA kept on disk: certificate, key, index of issued certificates, counters and the current CRL.
///
/// Layout of `root`:
/// ```
/// cacert.pem            CA certificate (0644)
/// private/cakey.pem     CA key, unencrypted PKCS#1 (0600, directory 0700)
/// index.json            issued certificates, next serial, CRL number
/// certs/<serial>.pem    a copy of every issued certificate
/// crl.pem               the last published CRL
/// ```
/// Private keys of issued certificates are returned to the caller and never stored here.
/// Every mutating call saves the index before returning. One process at a time should use a store.
public struct CAStore: Sendable {
    /// The directory holding the store.
    public let root: URL
    /// The CA.
    public let ca: CertificateAuthority
    var index: CAIndex

    /// Validity of published CRLs (GSI rejects a chain when the CRL's nextUpdate has passed).
    public var crlValidity: TimeInterval = 365 * 86_400

    var caCertificateURL: URL { root.appendingPathComponent("cacert.pem") }
    var caKeyURL: URL { root.appendingPathComponent("private/cakey.pem") }
    var indexURL: URL { root.appendingPathComponent("index.json") }
    var crlURL: URL { root.appendingPathComponent("crl.pem") }
    func certificateURL(serial: UInt64) -> URL { root.appendingPathComponent("certs/\(serial).pem") }

    /// Creates a new CA in `root` (which must not already hold one) and publishes an empty CRL.
    public static func create(
        at root: URL, subject: String, lifetime: TimeInterval = 5 * 365 * 86_400, keyBits: Int = PrivateKeyPEM.defaultBits,
        now: Date = Date()
    ) throws -> CAStore {
        if FileManager.default.fileExists(atPath: root.appendingPathComponent("index.json").path) {
            throw GridCAError(
                .caAlreadyExists, "a CA already exists in this directory", hint: "open it instead, or choose an empty directory", location: root.path)
        }
        let ca = try CertificateAuthority.create(subject: subject, lifetime: lifetime, keyBits: keyBits, now: now)
        var store = CAStore(root: root, ca: ca, index: CAIndex())
        try FileIO.write(PrivateKeyPEM.pkcs1(ca.privateKey), to: store.caKeyURL, mode: 0o600)
        try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: store.caKeyURL.deletingLastPathComponent().path)
        try FileIO.write(ca.certificatePEM, to: store.caCertificateURL, mode: 0o644)
        try store.save()
        _ = try store.publishCRL(now: now)
        return store
    }

    /// Opens an existing CA directory.
    public static func open(at root: URL) throws -> CAStore {
        let indexURL = root.appendingPathComponent("index.json")
        guard FileManager.default.fileExists(atPath: indexURL.path) else {
            throw GridCAError(.caNotFound, "no CA was found in this directory", hint: "create one first (vgrid ca init)", location: root.path)
        }
        let index: CAIndex
        do {
            index = try Self.decoder.decode(CAIndex.self, from: Data(try FileIO.readString(indexURL).utf8))
        } catch let error as GridCAError {
            throw error
        } catch {
            throw GridCAError(.invalidStore, "the CA index cannot be read", hint: "restore index.json from a backup", location: indexURL.path, underlying: error)
        }
        let certificateURL = root.appendingPathComponent("cacert.pem")
        let keyURL = root.appendingPathComponent("private/cakey.pem")
        guard let certificate = try PEM.certificates(in: try FileIO.readString(certificateURL), location: certificateURL.path).first else {
            throw GridCAError(.invalidStore, "cacert.pem holds no certificate", hint: "restore it from a backup", location: certificateURL.path)
        }
        try KeyFilePermissions.check(keyURL)
        let key = try PrivateKeyPEM.read(try FileIO.readString(keyURL), location: keyURL.path)
        return CAStore(root: root, ca: try CertificateAuthority(certificate: certificate, privateKey: key), index: index)
    }

    /// All issued certificates, in issue order.
    public func list() -> [CertificateRecord] { index.certificates }

    /// The serial number the next certificate will get.
    public var nextSerial: UInt64 { index.nextSerial }

    /// The cRLNumber of the last published CRL.
    public var crlNumber: Int { index.crlNumber }

    /// A stored issued certificate.
    public func certificate(serial: UInt64) throws -> Certificate {
        let url = certificateURL(serial: serial)
        guard FileManager.default.fileExists(atPath: url.path), let certificate = try PEM.certificates(in: try FileIO.readString(url)).first else {
            throw GridCAError(.certificateNotFound, "no certificate with serial \(serial) was issued by this CA", hint: "list the issued certificates (vgrid ca list)", location: url.path)
        }
        return certificate
    }

    /// The last published CRL.
    public func currentCRL() throws -> RevocationList {
        try RevocationList(pem: try FileIO.readString(crlURL), location: crlURL.path)
    }

    /// Writes `<hash>.0`, `<hash>.signing_policy` and `<hash>.r0` into a trusted-CA directory.
    public func installTrust(into directory: URL) throws {
        try TrustDirectory.install(ca, crl: try currentCRL(), into: directory)
    }

    func save() throws {
        let data = try Self.encoder.encode(index)
        try FileIO.write(String(decoding: data, as: UTF8.self) + "\n", to: indexURL, mode: 0o644)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
