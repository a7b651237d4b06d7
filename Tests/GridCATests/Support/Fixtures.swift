import Foundation
import GridCA
import X509
import _CryptoExtras

/// Shared credentials, made once per test run (RSA key generation is the slow part).
enum Fixtures {
    static let caSubject = "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/CN=Globus Simple CA"
    static let passphrase = "correct horse"

    static let ca: CertificateAuthority = try! CertificateAuthority.create(subject: caSubject)
    static let otherCA: CertificateAuthority = try! CertificateAuthority.create(subject: "/O=Grid/OU=Elsewhere/CN=Other CA")
    static let user: GridCredential = try! ca.issueUser(name: "Ada Lovelace", serial: 2)
    static let host: GridCredential = try! ca.issueHost(dnsNames: ["node1.intro.lab", "node1"], serial: 3)
    static let proxy: GridCredential = try! ProxyFactory.create(from: user)

    /// A trust directory holding `ca` (certificate, signing policy, empty CRL).
    static func trustDirectory(_ directory: TestDirectory, crlEntries: [RevocationList.Entry] = []) throws -> URL {
        let trust = directory.file("certificates")
        let crl = try RevocationList.sign(by: ca, entries: crlEntries, crlNumber: 1, thisUpdate: Date() - 60, nextUpdate: Date() + 86_400)
        try TrustDirectory.install(ca, crl: crl, into: trust)
        return trust
    }

    static func verifier(crlEntries: [RevocationList.Entry] = []) throws -> GSIVerifier {
        let crl = try RevocationList.sign(by: ca, entries: crlEntries, crlNumber: 1, thisUpdate: Date() - 60, nextUpdate: Date() + 86_400)
        return GSIVerifier(trust: TrustStore(anchors: [ca.certificate], crls: [crl]))
    }
}

/// Whether `body` throws a GridCAError with `code`.
func throwsCode(_ code: GridCAError.Code, _ body: () throws -> Void) -> Bool {
    do {
        try body()
        return false
    } catch let error as GridCAError {
        return error.code == code
    } catch {
        return false
    }
}

/// The GridCAError code `body` throws, or nil.
func errorCode(_ body: () throws -> Void) -> GridCAError.Code? {
    do {
        try body()
        return nil
    } catch let error as GridCAError {
        return error.code
    } catch {
        return nil
    }
}
