import Foundation
import GridCA
import X509

/// Credentials made once per test run (RSA key generation is the slow part).
enum Fixtures {
    // Every key is 2048 bits: swift-certificates refuses to parse certificates with smaller RSA keys.
    static let caSubject = "/O=Grid/OU=GlobusTest/OU=simpleCA-tools/CN=Globus Simple CA"
    static let userSubject = "/O=Grid/OU=GlobusTest/OU=simpleCA-tools/OU=local/CN=Ada Lovelace"
    static let passphrase = "correct horse"

    static let ca: CertificateAuthority = try! CertificateAuthority.create(subject: caSubject)
    static let otherCA: CertificateAuthority = try! CertificateAuthority.create(subject: "/O=Grid/OU=Elsewhere/CN=Other CA")
    static let user: GridCredential = try! ca.issueUser(name: "Ada Lovelace", serial: 2)
    /// A user whose certificate ends in two hours (shorter than a default proxy).
    static let shortLivedUser: GridCredential = try! ca.issueUser(name: "Brief Visitor", serial: 3, lifetime: 2 * 3600)
    /// The user's key as an encrypted PKCS#8 file, as `vgrid` installs it.
    static let encryptedUserKey: String = try! user.encryptedKeyPEM(passphrase: passphrase)
}

/// A fresh temporary directory, removed when the value is deinitialized.
final class TestDirectory {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gridtools-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` with `mode` and returns its path.
    @discardableResult
    func write(_ text: String, to name: String, mode: Int = 0o644) -> String {
        let target = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! text.write(to: target, atomically: true, encoding: .utf8)
        try! FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target.path)
        return target.path
    }

    func mode(of name: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path(name))[.posixPermissions] as? NSNumber)?.intValue
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
}
