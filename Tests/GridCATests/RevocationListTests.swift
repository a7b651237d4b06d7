import Foundation
import GridCA
import Testing
import X509

@Suite struct RevocationListTests {
    static let revokedSerial: UInt64 = 2

    func crl(number: Int = 7) throws -> RevocationList {
        try RevocationList.sign(
            by: Fixtures.ca, entries: [.init(serial: Self.revokedSerial, revocationDate: Date() - 30), .init(serial: 300, revocationDate: Date() - 20)],
            crlNumber: number, thisUpdate: Date() - 60, nextUpdate: Date() + 86_400)
    }

    @Test func opensslReadsTheCRLWithItsNumberAndEntries() throws {
        let directory = TestDirectory()
        let file = directory.write(try crl().pemString, to: "crl.pem")
        let ca = directory.write(Fixtures.ca.certificatePEM, to: "ca.pem")
        let result = try ExternalTool.openssl(["crl", "-in", file.path, "-noout", "-text", "-CAfile", ca.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("verify OK"), "\(result.output)")
        #expect(result.stdout.contains("X509v3 CRL Number") && result.stdout.contains("7"))
        #expect(result.stdout.contains("Serial Number: 02") && result.stdout.contains("Serial Number: 012C"))
        #expect(result.stdout.contains("Issuer: O = Grid, OU = GlobusTest, OU = simpleCA-intro, CN = Globus Simple CA"))
    }

    @Test func parsesItsOwnCRLBack() throws {
        let original = try crl()
        let parsed = try RevocationList(pem: original.pemString)
        #expect(parsed.crlNumber == 7)
        #expect(parsed.issuer == Fixtures.ca.certificate.subject)
        #expect(parsed.isRevoked(serial: .init(Self.revokedSerial)))
        #expect(!parsed.isRevoked(serial: .init(UInt64(3))))
        #expect(parsed.isSignedBy(Fixtures.ca.certificate.publicKey))
        #expect(!parsed.isSignedBy(Fixtures.otherCA.certificate.publicKey))
    }

    @Test func parsesACRLMadeByOpenSSL() throws {
        let directory = TestDirectory()
        let ca = directory.write(Fixtures.ca.certificatePEM, to: "ca.pem")
        let key = directory.write(PrivateKeyPEM.pkcs1(Fixtures.ca.privateKey), to: "ca.key", mode: 0o600)
        let index = directory.write("R\t300101000000Z\t240101000000Z\t05\tunknown\t/CN=x\n", to: "index.txt")
        let config = directory.write("""
            [ca]
            default_ca = local
            [local]
            database = \(index.path)
            crlnumber = \(directory.write("0A\n", to: "crlnumber").path)
            default_md = sha256
            default_crl_days = 5
            """, to: "ca.cnf")
        let out = directory.file("openssl.crl")
        let result = try ExternalTool.openssl(["ca", "-gencrl", "-config", config.path, "-cert", ca.path, "-keyfile", key.path, "-out", out.path])
        #expect(result.status == 0, "\(result.output)")
        let parsed = try RevocationList(pem: try String(contentsOf: out, encoding: .utf8))
        #expect(parsed.crlNumber == 10)
        #expect(parsed.isRevoked(serial: .init(UInt64(5))))
        #expect(parsed.isSignedBy(Fixtures.ca.certificate.publicKey))
    }

    @Test func opensslCRLCheckRejectsTheRevokedCertificateOnly() throws {
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory, crlEntries: [.init(serial: Self.revokedSerial, revocationDate: Date() - 30)])
        let user = directory.write(Fixtures.user.certificatePEM, to: "user.pem")
        let host = directory.write(Fixtures.host.certificatePEM, to: "host.pem")
        let revoked = try ExternalTool.openssl(["verify", "-crl_check", "-CApath", trust.path, user.path])
        #expect(revoked.status != 0)
        #expect(revoked.output.contains("certificate revoked"), "\(revoked.output)")
        let fine = try ExternalTool.openssl(["verify", "-crl_check", "-CApath", trust.path, host.path])
        #expect(fine.status == 0, "\(fine.output)")
    }

    @Test func rejectsGarbage() {
        #expect(errorCode { _ = try RevocationList(pem: "not a crl") } == .invalidCRL)
        #expect(errorCode { _ = try RevocationList(der: [0x30, 0x03, 0x02, 0x01, 0x01]) } == .invalidCRL)
    }
}
