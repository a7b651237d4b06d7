import Foundation
import GridCA
import GridTools
import Testing

@Suite struct GridCertInfoTests {
    @Test func fieldsMatchTheRealGridCertInfo() throws {
        guard let tool = ExternalTool.require("grid-cert-info") else { return }
        let lab = try Lab()
        let fields = ["-subject", "-issuer", "-startdate", "-enddate", "-issuerhash"]
        let real = try ExternalTool.run(tool, ["-file", lab.userCertificate] + fields, environment: lab.processEnvironment)
        #expect(real.status == 0, "\(real.output)")
        let ours = lab.run(["grid-cert-info", "-file", lab.userCertificate] + fields)
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.stdout == real.stdout)
        #expect(ours.stdout.hasPrefix(Fixtures.userSubject + "\n" + Fixtures.caSubject + "\n"))
    }

    @Test func defaultsToTheUserCertificateInHome() throws {
        let lab = try Lab()
        let result = lab.run(["grid-cert-info", "-s", "-ed"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == Fixtures.userSubject)
        #expect(lines.last.map { matches($0, "[A-Z][a-z]{2} [ 123][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9] 20[0-9]{2} GMT") } == true)
    }

    @Test func serialMatchesOpenSSL() throws {
        let lab = try Lab()
        let real = try ExternalTool.openssl(["x509", "-noout", "-serial", "-in", lab.userCertificate])
        let ours = lab.run(["grid-cert-info", "-serial"])
        #expect("serial=" + ours.stdout == real.stdout)
    }

    @Test func withoutFieldsItPrintsTheWholeCertificate() throws {
        let lab = try Lab()
        let result = lab.run(["grid-cert-info"])
        #expect(result.stdout.hasPrefix("Certificate:\n"))
        #expect(result.stdout.contains("        Subject: O = Grid, OU = GlobusTest, OU = simpleCA-tools, OU = local, CN = Ada Lovelace\n"))
        #expect(result.stdout.contains("Public-Key: (2048 bit)"))
        #expect(result.stdout.contains("Signature Algorithm: sha256WithRSAEncryption"))
    }

    @Test func missingFileIsAnErrorNamingIt() throws {
        let lab = try Lab()
        let result = lab.run(["grid-cert-info", "-f", lab.directory.path("nope.pem"), "-subject"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nope.pem does not exist"))
    }
}
