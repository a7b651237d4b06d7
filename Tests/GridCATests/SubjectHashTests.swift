import Foundation
import GridCA
import Testing
import X509

@Suite struct SubjectHashTests {
    static let subjects = [
        "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/CN=Globus Simple CA",
        "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/CN=host/node1.intro.lab",
        "/C=ES/O=MiXeD Case Org/CN=UPPER lower",
        "/O=Grid/OU=  Spaces   Inside  /CN=two  spaces   here",
        "/DC=org/DC=Example/CN=Ada Lovelace/emailAddress=Ada@Example.ORG",
        "/CN=single",
    ]

    /// A certificate with `subject` signed by the fixture CA key, written to a file for openssl.
    func certificateFile(_ subject: String, in directory: TestDirectory) throws -> URL {
        let ca = Fixtures.ca
        let certificate = try ca.sign(
            publicKey: Fixtures.user.certificate.publicKey, subject: try DistinguishedName(globusOneLine: subject), profile: .user,
            serial: 99, notBefore: Date() - 60, notAfter: Date() + 3600)
        return directory.write(PEM.certificate(certificate), to: "\(UUID().uuidString).pem")
    }

    @Test(arguments: subjects) func newHashEqualsOpenSSL(subject: String) throws {
        let directory = TestDirectory()
        let file = try certificateFile(subject, in: directory)
        let openssl = try ExternalTool.openssl(["x509", "-hash", "-noout", "-in", file.path])
        #expect(openssl.status == 0, "\(openssl.stderr)")
        #expect(SubjectHash.new(try DistinguishedName(globusOneLine: subject)) == openssl.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(arguments: subjects) func oldHashEqualsOpenSSL(subject: String) throws {
        let directory = TestDirectory()
        let file = try certificateFile(subject, in: directory)
        let openssl = try ExternalTool.openssl(["x509", "-subject_hash_old", "-noout", "-in", file.path])
        #expect(openssl.status == 0, "\(openssl.stderr)")
        #expect(SubjectHash.old(try DistinguishedName(globusOneLine: subject)) == openssl.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func newHashIgnoresCaseAndSpacingButOldHashDoesNot() throws {
        let a = try DistinguishedName(globusOneLine: "/O=Grid/CN=Ada  Lovelace")
        let b = try DistinguishedName(globusOneLine: "/O=grid/CN= ada lovelace ")
        #expect(SubjectHash.new(a) == SubjectHash.new(b))
        #expect(SubjectHash.old(a) != SubjectHash.old(b))
    }

    @Test func hashIsEightLowercaseHexDigits() throws {
        let hash = SubjectHash.new(try DistinguishedName(globusOneLine: Fixtures.caSubject))
        #expect(hash.count == 8 && hash.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }
}
