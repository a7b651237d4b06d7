import Foundation
import GridCA
import GridTools
import Testing

@Suite struct GridProxyInitTests {
    static let validUntil = "Your proxy is valid until: [A-Z][a-z]{2} [A-Z][a-z]{2} [ 123][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9] 20[0-9]{2}"

    @Test func writesTheDefaultProxyPrivatelyAndPrintsTheGlobusLines() throws {
        let lab = try Lab()
        let result = lab.makeProxy()
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "Your identity: \(Fixtures.userSubject)")
        #expect(lines.dropFirst().first.map { matches($0, "Creating proxy \\.+ Done") } == true)
        #expect(lines.last.map { matches($0, Self.validUntil) } == true, "\(lines)")
        #expect(result.stderr.isEmpty)
        #expect(lab.directory.mode(of: "tmp/x509up_u\(Lab.uid)") == 0o600)

        let proxy = try ProxyFile.read(URL(fileURLWithPath: lab.defaultProxy))
        #expect(proxy.chain == [Fixtures.user.certificate])
        #expect(proxy.certificate.issuer == Fixtures.user.certificate.subject)
        let expectedEnd = Date() + 12 * 3600
        #expect(abs(proxy.certificate.notValidAfter.timeIntervalSince(expectedEnd)) < 30)
        // The printed date is the proxy's notAfter in asctime form.
        #expect(lines.last == "Your proxy is valid until: " + GlobusTime.asctime(proxy.certificate.notValidAfter))
    }

    @Test func realGridProxyInfoReadsTheProxyWithTheRightIdentityAndType() throws {
        guard let tool = ExternalTool.require("grid-proxy-info") else { return }
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        let result = try ExternalTool.run(tool, ["-file", lab.defaultProxy], environment: lab.processEnvironment)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("identity : \(Fixtures.userSubject)\n"))
        #expect(result.stdout.contains("issuer   : \(Fixtures.userSubject)\n"))
        #expect(result.stdout.contains("type     : RFC 3820 compliant impersonation proxy\n"))
        #expect(result.stdout.contains("strength : 2048 bits\n"))
    }

    @Test func opensslVerifiesTheProxyChain() throws {
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        let result = try ExternalTool.openssl([
            "verify", "-allow_proxy_certs", "-CApath", lab.trustDirectory, "-untrusted", lab.userCertificate, lab.defaultProxy,
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains(": OK"))
    }

    @Test func limitedProxyIsLimitedForBothTools() throws {
        guard let tool = ExternalTool.require("grid-proxy-info") else { return }
        let lab = try Lab()
        #expect(lab.makeProxy(["-limited"]).status == 0)
        let real = try ExternalTool.run(tool, ["-file", lab.defaultProxy, "-type"], environment: lab.processEnvironment)
        #expect(real.stdout == "RFC 3820 compliant limited proxy\n", "\(real.output)")
        let ours = lab.run(["grid-proxy-info", "-type"])
        #expect(ours.stdout == real.stdout)
    }

    @Test func independentProxyIsItsOwnIdentityForBothTools() throws {
        guard let tool = ExternalTool.require("grid-proxy-info") else { return }
        let lab = try Lab()
        #expect(lab.makeProxy(["-independent", "-path-length", "1"]).status == 0)
        let real = try ExternalTool.run(tool, ["-file", lab.defaultProxy, "-type", "-identity", "-subject"], environment: lab.processEnvironment)
        let ours = lab.run(["grid-proxy-info", "-type", "-identity", "-subject"])
        #expect(ours.stdout == real.stdout, "\(real.output)")
        #expect(ours.stdout.hasPrefix("RFC 3820 compliant independent proxy\n\(Fixtures.userSubject)/CN="))
        let proxy = try ProxyFile.read(URL(fileURLWithPath: lab.defaultProxy))
        #expect(try ProxyCertInfo.of(proxy.certificate)?.info.pathLengthConstraint == 1)
    }

    @Test func wrongPassphraseFailsCleanlyWithoutWritingAProxy() throws {
        let lab = try Lab()
        let result = lab.run(["grid-proxy-init", "-pwstdin"], stdin: ["not the passphrase"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: Couldn't read user key: Bad passphrase for key in \(lab.userKey)\n"), "\(result.stderr)")
        #expect(result.stderr.contains("hint: "))
        #expect(!result.stdout.contains("Creating proxy"))
        #expect(!lab.directory.exists("tmp/x509up_u\(Lab.uid)"))
    }

    @Test func keyReadableByOthersIsRefusedBeforeAskingForThePassphrase() throws {
        let lab = try Lab(keyMode: 0o644)
        lab.terminalAnswer = Fixtures.passphrase
        let result = lab.run(["grid-proxy-init"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Error: Couldn't find valid credentials to generate a proxy."))
        #expect(result.stderr.contains("permissions are too open"))
        #expect(result.stderr.contains("chmod 400 \(lab.userKey)"))
        #expect(lab.prompts.isEmpty)
        #expect(!lab.directory.exists("tmp/x509up_u\(Lab.uid)"))
    }

    @Test func asksOnTheTerminalWithTheGlobusPrompt() throws {
        let lab = try Lab()
        lab.terminalAnswer = Fixtures.passphrase
        let result = lab.run(["grid-proxy-init"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(lab.prompts == ["Enter GRID pass phrase for this identity:"])
    }

    @Test func withoutATerminalOrPwstdinItSaysHowToPipeThePassphrase() throws {
        let lab = try Lab()
        let result = lab.run(["grid-proxy-init"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("-pwstdin"))
        let empty = lab.run(["grid-proxy-init", "-pwstdin"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("Failed to read pass-phrase from stdin"))
    }

    @Test func userCertificateFromAnUntrustedCAIsRefused() throws {
        let lab = try Lab(trust: Fixtures.otherCA)
        let result = lab.makeProxy()
        #expect(result.status == 1)
        #expect(result.stderr.contains("Couldn't verify your certificate against the trusted CAs in \(lab.trustDirectory)"), "\(result.stderr)")
        #expect(result.stderr.contains("is not a trusted CA"))
    }

    @Test func validAndHoursSetTheLifetime() throws {
        let lab = try Lab()
        #expect(lab.makeProxy(["-valid", "1:30", "-q"]).stdout.isEmpty)
        let proxy = try ProxyFile.read(URL(fileURLWithPath: lab.defaultProxy))
        #expect(abs(proxy.certificate.notValidAfter.timeIntervalSinceNow - 90 * 60) < 30)
        #expect(lab.makeProxy(["-hours", "2"]).status == 0)
        let second = try ProxyFile.read(URL(fileURLWithPath: lab.defaultProxy))
        #expect(abs(second.certificate.notValidAfter.timeIntervalSinceNow - 2 * 3600) < 30)
    }

    @Test func aCertificateEndingFirstGivesGlobusWarningAndTheShorterProxy() throws {
        let lab = try Lab(user: Fixtures.shortLivedUser)
        let result = lab.makeProxy()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Warning: your certificate and proxy will expire"))
        #expect(!result.stdout.contains("Your proxy is valid until"))
        let proxy = try ProxyFile.read(URL(fileURLWithPath: lab.defaultProxy))
        #expect(proxy.certificate.notValidAfter == Fixtures.shortLivedUser.certificate.notValidAfter)
    }

    @Test func environmentAndOptionsChooseTheFiles() throws {
        let lab = try Lab()
        let moved = lab.directory.write(Fixtures.user.certificatePEM, to: "elsewhere/cert.pem")
        let movedKey = lab.directory.write(Fixtures.encryptedUserKey, to: "elsewhere/key.pem", mode: 0o600)
        try FileManager.default.removeItem(atPath: lab.userCertificate)
        let viaEnvironment = lab.run(
            ["grid-proxy-init", "-pwstdin"], stdin: [Fixtures.passphrase],
            extra: ["X509_USER_CERT": moved, "X509_USER_KEY": movedKey, "X509_USER_PROXY": lab.directory.path("env-proxy")])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
        #expect(lab.directory.mode(of: "env-proxy") == 0o600)
        let viaOptions = lab.makeProxy(["-cert", moved, "-key", movedKey, "-out", lab.directory.path("out-proxy")])
        #expect(viaOptions.status == 0, "\(viaOptions.stderr)")
        #expect(lab.directory.exists("out-proxy"))
        #expect(!lab.directory.exists("tmp/x509up_u\(Lab.uid)"))
    }

    @Test func missingCertificateNamesTheFileAndTheFix() throws {
        let lab = try Lab()
        try FileManager.default.removeItem(atPath: lab.userCertificate)
        let result = lab.makeProxy()
        #expect(result.status == 1)
        #expect(result.stderr.contains("the user certificate \(lab.userCertificate) does not exist"))
        #expect(result.stderr.contains("X509_USER_CERT"))
    }

    @Test func badOptionsPrintTheShortUsage() throws {
        let lab = try Lab()
        for (arguments, message) in [
            (["-valid", "abc"], "option -valid : value must be in the format: H:M"),
            (["-bits", "1024"], "option -bits : must be 2048, 3072 or 4096"),
            (["-old"], "option -old : not supported"),
            (["-limited", "-independent"], "option -independent : cannot be combined with -limited"),
            (["-frobnicate"], "option -frobnicate : unrecognized option"),
        ] {
            let result = lab.run(["grid-proxy-init"] + arguments)
            #expect(result.status == 1)
            #expect(result.stderr.contains("ERROR: " + message), "\(result.stderr)")
            #expect(result.stderr.contains("Syntax: grid-proxy-init [-help][-pwstdin][-limited][-valid H:M] ..."))
        }
        let help = lab.run(["grid-proxy-init", "-help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("-pwstdin"))
        #expect(help.stdout.contains("-valid <h:m>"))
    }

    @Test func verifyOptionChecksTheNewProxy() throws {
        let lab = try Lab()
        let result = lab.makeProxy(["-verify"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Proxy Verify OK\n"))
    }
}
