import Foundation
import GridCA
import GridWire

/// The users' forwarded proxies, by identity: gwd presents them to the gatekeepers so that each
/// gatekeeper authenticates the user, not gwd.
///
/// Kept in memory and in `var/proxies/<hash>.pem` (0600, root) so that a restarted gwd can finish
/// the jobs it had; the newest proxy of a user replaces the older one.
final class ProxyVault: @unchecked Sendable {
    private let lock = NSLock()
    private var proxies: [String: GridCredential] = [:]
    private let directory: String
    private let trust: WireTrust

    init(directory: String, trust: WireTrust) {
        self.directory = directory
        self.trust = trust
    }

    /// Checks that `text` is a proxy file whose chain verifies to `identity`, then keeps it.
    func accept(_ text: String, for identity: String, now: Date = Date()) throws {
        let credential: GridCredential
        do {
            credential = try ProxyFile.parse(text, location: "the forwarded proxy")
            let verified = try trust.verifier.verify(chain: [credential.certificate] + credential.chain, at: now)
            guard verified.identity == identity else {
                throw Refusal.make("proxyMismatch", "the forwarded proxy belongs to \(verified.identity), not to \(identity)",
                                   hint: "submit with your own proxy (grid-proxy-init)")
            }
            guard !verified.isLimited else {
                throw Refusal.make("limitedProxy", "a limited proxy cannot run jobs",
                                   hint: "create a full proxy with grid-proxy-init (without -limited)")
            }
        } catch let error as WireError {
            throw error
        } catch {
            throw Refusal.make("badProxy", "the forwarded proxy is not usable: \(error)", hint: "create a new proxy with grid-proxy-init")
        }
        lock.withLock { proxies[identity] = credential }
        let path = file(for: identity)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        try? ProxyFile.write(credential, to: URL(fileURLWithPath: path))
    }

    /// The proxy of `identity`, from memory or from the file a previous gwd wrote.
    func proxy(for identity: String) -> GridCredential? {
        if let proxy = lock.withLock({ proxies[identity] }) { return proxy }
        guard let proxy = try? ProxyFile.read(URL(fileURLWithPath: file(for: identity))) else { return nil }
        lock.withLock { proxies[identity] = proxy }
        return proxy
    }

    private func file(for identity: String) -> String {
        // The DN may hold any character: name the file by a stable hash of it.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in identity.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return directory + "/" + String(hash, radix: 16) + ".pem"
    }
}
