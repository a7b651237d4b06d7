import Foundation
import GridCA
@testable import GridWire

/// A lab CA made once per test run in a temporary directory, with the hosts and users the tests need.
final class TestLab: @unchecked Sendable {
    static let shared: TestLab = try! TestLab()

    let root: URL
    let trustDirectory: URL
    let trust: WireTrust
    let caSubject = "/O=Grid/OU=GlobusTest/OU=simpleCA-head.intro.lab/CN=Globus Simple CA"

    let head: GridCredential
    let node1: GridCredential
    let node2: GridCredential
    let ada: GridCredential
    let adaProxy: GridCredential
    let adaProxyOfProxy: GridCredential
    let adaLimited: GridCredential
    let adaExpired: GridCredential
    let bob: GridCredential
    let bobProxy: GridCredential
    /// A user whose certificate the CA revoked (its serial is on the CRL in the trust directory).
    let malloryProxy: GridCredential
    /// A user and a host of another lab's CA, which this lab does not trust.
    let foreignProxy: GridCredential
    let foreignHead: GridCredential

    private init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("gridwire-\(UUID().uuidString)")
        var store = try CAStore.create(at: root.appendingPathComponent("ca"), subject: caSubject)
        head = try store.issueHost(dnsNames: ["head.intro.lab", "head"])
        node1 = try store.issueHost(dnsNames: ["node1.intro.lab"])
        node2 = try store.issueHost(dnsNames: ["node2.intro.lab"])
        ada = try store.issueUser(name: "Ada Lovelace")
        bob = try store.issueUser(name: "Bob")
        let mallory = try store.issueUser(name: "Mallory")
        try store.revoke(serial: store.list().first { $0.subject == mallory.subject }!.serial)
        trustDirectory = root.appendingPathComponent("certificates")
        try store.installTrust(into: trustDirectory)
        trust = try WireTrust(directory: trustDirectory)

        let small = ProxyOptions(keyBits: 2048)
        adaProxy = try ProxyFactory.create(from: ada, options: small)
        adaProxyOfProxy = try ProxyFactory.create(from: adaProxy, options: small)
        adaLimited = try ProxyFactory.create(from: ada, options: ProxyOptions(policy: .limited, keyBits: 2048))
        adaExpired = try ProxyFactory.create(from: ada, options: ProxyOptions(lifetime: 3600, keyBits: 2048), now: Date() - 2 * 86_400)
        bobProxy = try ProxyFactory.create(from: bob, options: small)
        malloryProxy = try ProxyFactory.create(from: mallory, options: small)

        var foreign = try CAStore.create(at: root.appendingPathComponent("foreign-ca"), subject: "/O=Grid/OU=OtherLab/CN=Other Simple CA")
        foreignProxy = try ProxyFactory.create(from: try foreign.issueUser(name: "Ada Lovelace"), options: small)
        foreignHead = try foreign.issueHost(dnsNames: ["head.intro.lab"])
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// A grid-mapfile mapping Ada only.
    var gridMap: GridMapFile {
        var map = GridMapFile()
        map.add(dn: ada.subject, user: "ada")
        return map
    }
}
