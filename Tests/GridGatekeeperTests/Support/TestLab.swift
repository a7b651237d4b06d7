import Foundation
import GridCA
import GridWire

/// A throwaway lab CA (made once per test run) with the hosts and users the gatekeeper tests need.
final class TestLab: @unchecked Sendable {
    static let shared: TestLab = {
        removeStaleCAs()
        return try! TestLab()
    }()

    /// A static is never deinitialised, so each run's CA stays behind: the next run removes those older than an hour.
    static func removeStaleCAs() {
        let top = "/tmp/vgrid-gatekeeper-tests"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: top)) ?? [] where name.hasPrefix("ca-") {
            let path = top + "/" + name
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
            if Date().timeIntervalSince(modified) > 3600 { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    let root: URL
    let trustDirectory: URL
    let trust: WireTrust

    /// The workernode (gatekeeper, gsiftpd) and the headnode (the fake gwd).
    let node1: GridCredential
    let head: GridCredential
    let ada: GridCredential
    let adaProxy: GridCredential
    let adaLimited: GridCredential
    let adaExpired: GridCredential
    let bobProxy: GridCredential
    /// Verifies, but is not in the grid-mapfile.
    let carolProxy: GridCredential
    let bobIdentity: String
    let carolIdentity: String

    private init() throws {
        root = URL(fileURLWithPath: "/tmp/vgrid-gatekeeper-tests/ca-\(UUID().uuidString)")
        var store = try CAStore.create(at: root.appendingPathComponent("ca"), subject: "/O=Grid/OU=GlobusTest/OU=simpleCA-head.gk.lab/CN=Globus Simple CA")
        node1 = try store.issueHost(dnsNames: ["node1.gk.lab"])
        head = try store.issueHost(dnsNames: ["head.gk.lab"])
        ada = try store.issueUser(name: "Ada Lovelace")
        let bob = try store.issueUser(name: "Bob")
        let carol = try store.issueUser(name: "Carol")
        bobIdentity = bob.subject
        carolIdentity = carol.subject
        trustDirectory = root.appendingPathComponent("certificates")
        try store.installTrust(into: trustDirectory)
        trust = try WireTrust(directory: trustDirectory)

        let options = ProxyOptions(keyBits: 2048)
        adaProxy = try ProxyFactory.create(from: ada, options: options)
        adaLimited = try ProxyFactory.create(from: ada, options: ProxyOptions(policy: .limited, keyBits: 2048))
        adaExpired = try ProxyFactory.create(from: ada, options: ProxyOptions(lifetime: 3600, keyBits: 2048), now: Date() - 2 * 86_400)
        bobProxy = try ProxyFactory.create(from: bob, options: options)
        carolProxy = try ProxyFactory.create(from: carol, options: options)
    }

    /// ada and bob, both mapped to the unprivileged test account (bob shares it on purpose: jobs are
    /// guarded by grid identity, not by account); carol is left out.
    var gridMapText: String {
        var map = GridMapFile()
        map.add(dn: ada.subject, user: TestUser.name)
        map.add(dn: bobIdentity, user: TestUser.name)
        return map.text
    }
}
