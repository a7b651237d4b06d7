import Foundation
import GridCA
import Testing
import X509

@Suite struct CAStoreTests {
    static let subject = "/O=Grid/OU=GlobusTest/OU=simpleCA-store/CN=Globus Simple CA"

    func makeStore(_ directory: TestDirectory) throws -> CAStore {
        try CAStore.create(at: directory.file("ca"), subject: Self.subject)
    }

    func mode(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    @Test func createsTheLayoutWithAPrivateKeyReadableByTheOwnerOnly() throws {
        let directory = TestDirectory()
        let store = try makeStore(directory)
        let root = directory.file("ca")
        #expect(try mode(root.appendingPathComponent("private/cakey.pem")) == 0o600)
        #expect(try mode(root.appendingPathComponent("cacert.pem")) == 0o644)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("index.json").path))
        #expect(try store.currentCRL().crlNumber == 1)
        #expect(store.ca.subjectOneLine == Self.subject)
    }

    @Test func refusesToCreateOverAnExistingCA() throws {
        let directory = TestDirectory()
        _ = try makeStore(directory)
        #expect(errorCode { _ = try makeStore(directory) } == .caAlreadyExists)
        #expect(errorCode { _ = try CAStore.open(at: directory.file("nothing")) } == .caNotFound)
    }

    @Test func serialsAreUniqueAndIncreasingAcrossReopen() throws {
        let directory = TestDirectory()
        var store = try makeStore(directory)
        let a = try store.issueUser(name: "student01")
        let b = try store.issueHost(dnsNames: ["node1.store.lab"])
        var reopened = try CAStore.open(at: directory.file("ca"))
        let c = try reopened.issueUser(name: "student02")
        let serials = [a, b, c].map { $0.certificate.serialNumber }
        #expect(serials == [.init(UInt64(1)), .init(UInt64(2)), .init(UInt64(3))])
        #expect(reopened.list().map(\.serial) == [1, 2, 3])
        #expect(reopened.list().map(\.kind) == [.user, .host, .user])
        #expect(reopened.list()[1].subject == "/O=Grid/OU=GlobusTest/OU=simpleCA-store/CN=host/node1.store.lab")
        #expect(reopened.nextSerial == 4)
        #expect(reopened.ca.certificate == store.ca.certificate)
        #expect(try reopened.certificate(serial: 2) == b.certificate)
    }

    @Test func revokingBySerialPublishesANewCRLWithTheEntry() throws {
        let directory = TestDirectory()
        var store = try makeStore(directory)
        let user = try store.issueUser(name: "student01")
        let record = try store.revoke(serial: 1)
        #expect(record.status == .revoked && record.revocationDate != nil)
        let crl = try CAStore.open(at: directory.file("ca")).currentCRL()
        #expect(crl.crlNumber == 2)
        #expect(crl.isRevoked(serial: user.certificate.serialNumber))
        #expect(errorCode { try store.revoke(serial: 1) } == .alreadyRevoked)
        #expect(errorCode { try store.revoke(serial: 99) } == .certificateNotFound)
    }

    @Test func revokingByDNMatchesCaseInsensitively() throws {
        let directory = TestDirectory()
        var store = try makeStore(directory)
        let user = try store.issueUser(name: "Student01")
        _ = try store.issueUser(name: "student02")
        let revoked = try store.revoke(subject: user.subject.lowercased())
        #expect(revoked.map(\.serial) == [1])
        #expect(store.list().map(\.status) == [.revoked, .valid])
    }

    @Test func revokedCertificateFailsVerificationThroughTheInstalledTrustDirectory() throws {
        let directory = TestDirectory()
        var store = try makeStore(directory)
        let user = try store.issueUser(name: "student01")
        let trust = directory.file("certificates")
        try store.installTrust(into: trust)
        #expect(try GSIVerifier(trustDirectory: trust).verify(credential: user).identity == user.subject)
        try store.revoke(serial: 1)
        try store.installTrust(into: trust)
        #expect(errorCode { _ = try GSIVerifier(trustDirectory: trust).verify(credential: user) } == .certificateRevoked)
    }

    @Test func renewalKeepsSubjectAndKeyWithANewSerial() throws {
        let directory = TestDirectory()
        var store = try makeStore(directory)
        let host = try store.issueHost(dnsNames: ["node1.store.lab", "node1"], now: Date() - 86_400)
        let renewed = try store.renew(serial: 1, lifetime: 30 * 86_400)
        #expect(renewed.subject == host.certificate.subject)
        #expect(renewed.publicKey == host.certificate.publicKey)
        #expect(renewed.serialNumber == .init(UInt64(2)))
        #expect(try renewed.extensions.subjectAlternativeNames.map(Array.init) == [.dnsName("node1.store.lab"), .dnsName("node1")])
        #expect(renewed.notValidAfter > host.certificate.notValidAfter - 400 * 86_400)
        #expect(store.list().last?.renewalOf == 1)
        // The holder's existing key works with the renewed certificate.
        #expect(throws: Never.self) { _ = try GridCredential(certificate: renewed, privateKey: host.privateKey) }
    }

    @Test func recordsKnowWhenTheyExpire() throws {
        let directory = TestDirectory()
        var store = try makeStore(directory)
        _ = try store.issueUser(name: "short", lifetime: 3600)
        #expect(store.list()[0].isExpired(at: Date() + 7200))
        #expect(!store.list()[0].isExpired())
    }

    @Test func refusesToOpenAStoreWhoseKeyIsGroupReadable() throws {
        let directory = TestDirectory()
        _ = try makeStore(directory)
        let key = directory.file("ca/private/cakey.pem")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: key.path)
        #expect(errorCode { _ = try CAStore.open(at: directory.file("ca")) } == .keyPermissionsTooOpen)
    }
}

@Suite struct CAStoreBatchTests {
    @Test func issuesAClassWithSerialsInNameOrderAndDistinctKeys() throws {
        let directory = TestDirectory()
        var store = try CAStore.create(at: directory.file("ca"), subject: CAStoreTests.subject)
        let users = try store.issueUsers(names: ["s1", "s2", "s3"])
        let hosts = try store.issueHosts([["n1.lab"], ["n2.lab", "n2"]])
        #expect(users.map(\.subject) == ["s1", "s2", "s3"].map { "/O=Grid/OU=GlobusTest/OU=simpleCA-store/OU=local/CN=\($0)" })
        #expect(store.list().map(\.serial) == [1, 2, 3, 4, 5])
        #expect(hosts[1].subject == "/O=Grid/OU=GlobusTest/OU=simpleCA-store/CN=host/n2.lab")
        #expect(Set((users + hosts).map { $0.certificate.publicKey }).count == 5)
        let verifier = GSIVerifier(trust: TrustStore(anchors: [store.ca.certificate], crls: [try store.currentCRL()]))
        for credential in users + hosts {
            #expect(try verifier.verify(credential: credential).proxyDepth == 0)
        }
    }
}
