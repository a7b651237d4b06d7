import Foundation
import GridCA

/// The trusted CAs and CRLs a server or client verifies peers against; replaceable while running,
/// so a daemon can pick up a new CRL (`reload()` after `vgrid ca revoke`) without a restart.
public final class WireTrust: @unchecked Sendable {
    private let lock = NSLock()
    private var store: TrustStore
    /// The `X509_CERT_DIR` the store was read from, if any.
    public let directory: URL?

    /// Trust from certificates and CRLs in memory.
    public init(_ store: TrustStore) {
        self.store = store
        self.directory = nil
    }

    /// Trust from a trusted-CA directory (`<hash>.0`, `<hash>.r0`).
    public init(directory: URL) throws {
        self.store = try TrustStore.load(directory: directory)
        self.directory = directory
        self.stamp = Self.stamp(of: directory)
        self.lastCheck = Date()
    }

    /// The current store. A directory is looked at again (at most once a second) and re-read when a
    /// file in it changed: a CRL that `vgrid ca revoke` pushes to a running node applies to the
    /// next handshake, without restarting the daemon.
    public var trustStore: TrustStore {
        refreshIfChanged()
        return lock.withLock { store }
    }

    private var lastCheck = Date.distantPast
    private var stamp: [String]?

    private func refreshIfChanged() {
        guard let directory else { return }
        let now = Date()
        let due: Bool = lock.withLock {
            guard now.timeIntervalSince(lastCheck) >= 1 else { return false }
            lastCheck = now
            return true
        }
        guard due else { return }
        let current = Self.stamp(of: directory)
        let previous = lock.withLock { stamp }
        guard let current, current != previous else { return }
        // A directory caught half-written keeps the previous store; the next check tries again.
        guard let fresh = try? TrustStore.load(directory: directory) else { return }
        lock.withLock {
            store = fresh
            stamp = current
        }
    }

    /// Name, size and modification time of every file in the directory.
    private static func stamp(of directory: URL) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return nil }
        return names.sorted().map { name in
            var info = stat()
            guard stat(directory.path + "/" + name, &info) == 0 else { return name }
            return "\(name) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
    }

    /// A verifier over the current store.
    public var verifier: GSIVerifier { GSIVerifier(trust: trustStore) }

    /// Replaces the store; connections made from now on use it.
    public func update(_ store: TrustStore) {
        lock.withLock { self.store = store }
    }

    /// Reads the directory again (no-op for in-memory trust).
    public func reload() throws {
        guard let directory else { return }
        update(try TrustStore.load(directory: directory))
    }
}

/// A value set once on the event loop (the handshake outcome) and read later from async code.
final class OutcomeBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<Value, WireError>?

    func set(_ result: Result<Value, WireError>) {
        lock.withLock { if value == nil { value = result } }
    }

    var result: Result<Value, WireError>? { lock.withLock { value } }

    var failure: WireError? {
        if case .failure(let error) = result { return error }
        return nil
    }
}
