import Foundation
import GridCA
import GridWire

/// A throwaway lab CA (made once per test run): gwd's host certificate for `head.test`, and Ada's
/// proxy file and trust directory, as a student on the headnode has them.
final class GridWayTestLab: @unchecked Sendable {
    static let shared: GridWayTestLab = try! GridWayTestLab()

    let root: URL
    let trustDirectory: URL
    let trust: WireTrust
    let head: GridCredential
    let proxyFile: URL
    /// The proxy file's text, which gwsubmit must forward.
    let proxyText: String

    private init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("gridcommands-\(UUID().uuidString)")
        var store = try CAStore.create(at: root.appendingPathComponent("ca"), subject: "/O=Grid/OU=GlobusTest/OU=simpleCA-head.test/CN=Globus Simple CA", keyBits: 2048)
        head = try store.issueHost(dnsNames: ["head.test"], keyBits: 2048)
        let ada = try store.issueUser(name: "Ada Lovelace", keyBits: 2048)
        trustDirectory = root.appendingPathComponent("certificates")
        try store.installTrust(into: trustDirectory)
        trust = try WireTrust(directory: trustDirectory)
        let proxy = try ProxyFactory.create(from: ada, options: ProxyOptions(keyBits: 2048))
        proxyFile = root.appendingPathComponent("x509up_u1000")
        try ProxyFile.write(proxy, to: proxyFile)
        proxyText = try String(contentsOf: proxyFile, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}
