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
    }

    /// The current store.
    public var trustStore: TrustStore { lock.withLock { store } }

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
