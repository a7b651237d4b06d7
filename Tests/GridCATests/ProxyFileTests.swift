import Foundation
import GridCA
import Testing

@Suite struct ProxyFileTests {
    @Test func readsTheDefaultPathFromTheEnvironment() {
        #expect(ProxyFile.defaultPath(environment: ["X509_USER_PROXY": "/tmp/p"]).path == "/tmp/p")
        #expect(ProxyFile.defaultPath(environment: [:]).path == "/tmp/x509up_u\(getuid())")
    }

    @Test func rejectsAFileWithoutAKey() {
        #expect(errorCode { _ = try ProxyFile.parse(Fixtures.proxy.certificatePEM) } == .invalidProxyFile)
        #expect(errorCode { _ = try ProxyFile.parse("") } == .invalidProxyFile)
    }

    @Test func rejectsAKeyThatDoesNotMatchTheCertificate() {
        let text = Fixtures.proxy.certificatePEM + Fixtures.user.keyPEM
        #expect(errorCode { _ = try ProxyFile.parse(text) } == .keyMismatch)
    }

    @Test func loadsUserCredentialsWithThePassphrase() throws {
        let directory = TestDirectory()
        let cert = directory.write(Fixtures.user.certificatePEM, to: "usercert.pem")
        let key = directory.write(try Fixtures.user.encryptedKeyPEM(passphrase: Fixtures.passphrase), to: "userkey.pem", mode: 0o400)
        let credential = try GridCredential.load(certificateFile: cert, keyFile: key, passphrase: Fixtures.passphrase)
        #expect(credential.subject == Fixtures.user.subject)
    }
}

@Suite struct CredentialPermissionTests {
    @Test func refusesAUserKeyReadableByOthersWhenLoadingCredentials() throws {
        let directory = TestDirectory()
        let cert = directory.write(Fixtures.user.certificatePEM, to: "usercert.pem")
        let key = directory.write(try Fixtures.user.encryptedKeyPEM(passphrase: Fixtures.passphrase), to: "userkey.pem", mode: 0o644)
        #expect(errorCode { _ = try GridCredential.load(certificateFile: cert, keyFile: key, passphrase: Fixtures.passphrase) } == .keyPermissionsTooOpen)
    }

    @Test func refusesAProxyFileReadableByOthers() throws {
        let directory = TestDirectory()
        let file = directory.write(ProxyFile.text(of: Fixtures.proxy), to: "x509up", mode: 0o644)
        #expect(errorCode { _ = try ProxyFile.read(file) } == .keyPermissionsTooOpen)
        #expect(try ProxyFile.read(file, checkPermissions: false).certificate == Fixtures.proxy.certificate)
    }

    @Test func realGridProxyInitAlsoRefusesAnOpenUserKey() throws {
        guard let tool = ExternalTool.require("grid-proxy-init", hint: ExternalTool.globusInstallHint) else { return }
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory)
        let cert = directory.write(Fixtures.user.certificatePEM, to: "usercert.pem")
        let key = directory.write(try Fixtures.user.encryptedKeyPEM(passphrase: Fixtures.passphrase), to: "userkey.pem", mode: 0o644)
        let result = try ExternalTool.run(
            tool, ["-cert", cert.path, "-key", key.path, "-out", directory.file("p").path, "-pwstdin"],
            environment: ["X509_CERT_DIR": trust.path], stdin: Fixtures.passphrase + "\n")
        #expect(result.status != 0, "\(result.output)")
    }
}
