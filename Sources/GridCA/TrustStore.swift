import Foundation
import X509

/// Trusted CA certificates and their CRLs, as found in an `X509_CERT_DIR` (`<hash>.0`, `<hash>.r0`).
public struct TrustStore: Sendable {
    /// The trusted CA certificates.
    public var anchors: [Certificate]
    /// CRLs of the trusted CAs (and of intermediates).
    public var crls: [RevocationList]

    /// Creates a store from certificates and CRLs in memory.
    public init(anchors: [Certificate], crls: [RevocationList] = []) {
        self.anchors = anchors
        self.crls = crls
    }

    /// The trusted-CA directory GSI uses: `$X509_CERT_DIR`, else `~/.globus/certificates`, else `/etc/grid-security/certificates`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["X509_CERT_DIR"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        let personal = home.appendingPathComponent(".globus/certificates")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: personal.path, isDirectory: &isDirectory), isDirectory.boolValue { return personal }
        return URL(fileURLWithPath: "/etc/grid-security/certificates")
    }

    /// Loads every `<8 hex>.<digit>` certificate and `<8 hex>.r<digit>` CRL of a directory.
    public static func load(directory: URL) throws -> TrustStore {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw GridCAError(
                .fileUnreadable, "cannot list the trusted CA directory", hint: "set X509_CERT_DIR to a directory holding <hash>.0 files",
                location: directory.path, underlying: error)
        }
        var store = TrustStore(anchors: [])
        for name in names {
            let parts = name.split(separator: ".")
            guard parts.count == 2, parts[0].count == 8, parts[0].allSatisfy(\.isHexDigit) else { continue }
            let url = directory.appendingPathComponent(name)
            if parts[1].allSatisfy(\.isNumber) {
                store.anchors += try PEM.certificates(in: try FileIO.readString(url), location: url.path)
            } else if parts[1].first == "r", parts[1].dropFirst().allSatisfy(\.isNumber), parts[1].count > 1 {
                store.crls.append(try RevocationList(pem: try FileIO.readString(url), location: url.path))
            }
        }
        return store
    }

    /// Trusted certificates whose subject is `name`.
    func anchors(named name: DistinguishedName) -> [Certificate] {
        anchors.filter { namesMatch($0.subject, name) }
    }

    /// CRLs issued under `name`.
    func crls(issuedBy name: DistinguishedName) -> [RevocationList] {
        crls.filter { namesMatch($0.issuer, name) }
    }
}

/// Name equality as OpenSSL's `X509_NAME_cmp`: by canonical encoding (case and spacing folded).
func namesMatch(_ a: DistinguishedName, _ b: DistinguishedName) -> Bool {
    a == b || SubjectHash.canonicalEncoding(a) == SubjectHash.canonicalEncoding(b)
}
