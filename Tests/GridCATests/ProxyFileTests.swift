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
