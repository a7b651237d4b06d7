import Foundation
import GridCA
import Testing

@Suite struct PrivateKeyPEMTests {
    @Test func encryptedUserKeyIsPBES2PKCS8() throws {
        let pem = try Fixtures.user.encryptedKeyPEM(passphrase: Fixtures.passphrase)
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        #expect(PrivateKeyPEM.isEncrypted(pem))
    }

    @Test func opensslDecryptsTheUserKeyWithThePassphrase() throws {
        let directory = TestDirectory()
        let file = directory.write(try Fixtures.user.encryptedKeyPEM(passphrase: Fixtures.passphrase), to: "userkey.pem", mode: 0o400)
        let result = try ExternalTool.openssl(["pkey", "-in", file.path, "-passin", "pass:\(Fixtures.passphrase)", "-pubout"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = Fixtures.user.privateKey.publicKey.pemRepresentation
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == expected.trimmingCharacters(in: .whitespacesAndNewlines))
        let parameters = try ExternalTool.openssl(["asn1parse", "-in", file.path])
        #expect(parameters.stdout.contains("PBES2") && parameters.stdout.contains("PBKDF2") && parameters.stdout.contains("hmacWithSHA256") && parameters.stdout.contains("aes-256-cbc"))
    }

    @Test func opensslRefusesAWrongPassphrase() throws {
        let directory = TestDirectory()
        let file = directory.write(try Fixtures.user.encryptedKeyPEM(passphrase: Fixtures.passphrase), to: "userkey.pem", mode: 0o400)
        let result = try ExternalTool.openssl(["pkey", "-in", file.path, "-passin", "pass:wrong", "-noout"])
        #expect(result.status != 0)
    }

    @Test func readsItsOwnEncryptedKeyBack() throws {
        let pem = try Fixtures.user.encryptedKeyPEM(passphrase: Fixtures.passphrase)
        let key = try PrivateKeyPEM.read(pem, passphrase: Fixtures.passphrase)
        #expect(key.derRepresentation == Fixtures.user.privateKey.derRepresentation)
    }

    @Test func wrongPassphraseIsReportedAsSuch() throws {
        let pem = try Fixtures.user.encryptedKeyPEM(passphrase: Fixtures.passphrase)
        #expect(errorCode { _ = try PrivateKeyPEM.read(pem, passphrase: "nope") } == .wrongPassphrase)
        #expect(errorCode { _ = try PrivateKeyPEM.read(pem) } == .wrongPassphrase)
    }

    @Test func readsKeysThatOpenSSLEncrypted() throws {
        let directory = TestDirectory()
        let plain = directory.write(PrivateKeyPEM.pkcs1(Fixtures.host.privateKey), to: "plain.pem", mode: 0o600)
        for cipher in ["-aes256", "-aes128"] {
            let out = directory.file("enc\(cipher).pem")
            let result = try ExternalTool.openssl(["pkcs8", "-topk8", "-v2", String(cipher.dropFirst()), "-in", plain.path, "-out", out.path, "-passout", "pass:secret"])
            #expect(result.status == 0, "\(result.stderr)")
            let key = try PrivateKeyPEM.read(try String(contentsOf: out, encoding: .utf8), passphrase: "secret")
            #expect(key.derRepresentation == Fixtures.host.privateKey.derRepresentation)
        }
    }

    @Test func readsPlainPKCS1AndPKCS8() throws {
        let key = Fixtures.host.privateKey
        #expect(PrivateKeyPEM.pkcs1(key).hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        #expect(PrivateKeyPEM.pkcs8(key).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try PrivateKeyPEM.read(PrivateKeyPEM.pkcs1(key)).derRepresentation == key.derRepresentation)
        #expect(try PrivateKeyPEM.read(PrivateKeyPEM.pkcs8(key)).derRepresentation == key.derRepresentation)
    }

    @Test func generatesTheRequestedKeySize() throws {
        #expect(try PrivateKeyPEM.generate(bits: 1024).keySizeInBits == 1024)
        #expect(errorCode { _ = try PrivateKeyPEM.generate(bits: 512) } == .invalidRequest)
    }
}
