import Foundation
import GridCA
import Testing

@Suite struct KeyFilePermissionsTests {
    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o700 | 0o004])
    func refusesKeysReadableByGroupOrOthers(mode: Int) throws {
        let directory = TestDirectory()
        let key = directory.write(PrivateKeyPEM.pkcs1(Fixtures.host.privateKey), to: "hostkey.pem", mode: mode)
        do {
            try KeyFilePermissions.check(key)
            Issue.record("mode \(String(mode, radix: 8)) accepted")
        } catch let error as GridCAError {
            #expect(error.code == .keyPermissionsTooOpen)
            #expect(error.message.contains("permissions are too open"))
            #expect(error.hint.contains("chmod 400"))
        }
    }

    @Test(arguments: [0o400, 0o600])
    func acceptsOwnerOnlyKeys(mode: Int) throws {
        let directory = TestDirectory()
        let key = directory.write(PrivateKeyPEM.pkcs1(Fixtures.host.privateKey), to: "hostkey.pem", mode: mode)
        #expect(try KeyFilePermissions.readCheckedKey(key).derRepresentation == Fixtures.host.privateKey.derRepresentation)
    }

    @Test func userKeyReadableByOthersIsRefusedBeforeDecryption() throws {
        let directory = TestDirectory()
        let key = directory.write(try Fixtures.user.encryptedKeyPEM(passphrase: Fixtures.passphrase), to: "userkey.pem", mode: 0o644)
        #expect(errorCode { _ = try KeyFilePermissions.readCheckedKey(key, passphrase: Fixtures.passphrase) } == .keyPermissionsTooOpen)
    }
}

@Suite struct KeyFilePermissionsLinkTests {
    @Test func judgesASymlinkedKeyByItsTarget() throws {
        let directory = TestDirectory()
        let key = directory.write(PrivateKeyPEM.pkcs1(Fixtures.host.privateKey), to: "hostkey.pem", mode: 0o400)
        let link = directory.file("link.pem")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: key)
        #expect(throws: Never.self) { try KeyFilePermissions.check(link) }
        #expect(errorCode { try KeyFilePermissions.check(directory.file("missing.pem")) } == .fileUnreadable)
    }
}
