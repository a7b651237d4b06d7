import Foundation
import GridCA
import NIOCore
import NIOPosix
import NIOSSL

/// A mutual-TLS 1.3 server of the wire protocol (gwd on 6725, a gatekeeper on 2119).
///
/// Clients are verified during the handshake: GSI chain verification (proxies, CA, CRL) and the
/// access policy; a refused client gets a TLS alert and the reason is logged. Each request runs
/// the handler in its own task, so one connection carries many requests at once.
///
/// ```swift
/// let server = try await WireServer.bind(configuration) { peer, call in ... }
/// async let serving: Void = server.run()
/// ...
/// await server.shutdown()
/// ```
public final class WireServer: Sendable {
    /// Answers one request from a verified peer; a thrown error is sent to the client as an `error` frame.
    public typealias Handler = @Sendable (VerifiedPeer, WireCall) async throws -> WireReply

    struct Accepted: Sendable {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        let outcome: OutcomeBox<VerifiedPeer>
        let address: String?
    }

    public let configuration: WireServerConfiguration
    /// The bound address (with the real port when `configuration.port` was 0).
    public let localAddress: SocketAddress?
    let handler: Handler
    let listener: NIOAsyncChannel<Accepted, Never>
    let codec: FrameCodec
    let registry = ConnectionRegistry()
    let lifecycle = ServerLifecycle()

    /// The port the server listens on.
    public var port: Int { localAddress?.port ?? configuration.port }

    private init(configuration: WireServerConfiguration, listener: NIOAsyncChannel<Accepted, Never>, handler: @escaping Handler) {
        self.configuration = configuration
        self.listener = listener
        self.localAddress = listener.channel.localAddress
        self.handler = handler
        self.codec = FrameCodec(maxFrameBytes: configuration.maxFrameBytes)
    }

    /// Opens the listening socket; serving starts with `run()`.
    public static func bind(
        _ configuration: WireServerConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        handler: @escaping Handler
    ) async throws -> WireServer {
        let context = try WireTLS.serverContext(credential: configuration.credential, trust: configuration.trust.trustStore)
        let verifier = ClientChainVerifier(trust: configuration.trust, policy: configuration.policy, log: configuration.log)
        let maxFrameBytes = configuration.maxFrameBytes
        let handshakeTimeout = TimeAmount(configuration.handshakeTimeout)
        let location = "\(configuration.host):\(configuration.port)"
        do {
            let listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let address = channel.remoteAddress.map(describe)
                        let outcome = OutcomeBox<VerifiedPeer>()
                        let callback = verifier.callback(outcome: outcome, address: address)
                        let sync = channel.pipeline.syncOperations
                        try sync.addHandler(NIOSSLServerHandler(context: context, customVerificationCallback: callback))
                        try sync.addHandler(HandshakeTimeoutHandler(timeout: handshakeTimeout))
                        try sync.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameBytes: maxFrameBytes)))
                        let asyncChannel = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                        return Accepted(channel: asyncChannel, outcome: outcome, address: address)
                    }
                }
            return WireServer(configuration: configuration, listener: listener, handler: handler)
        } catch {
            throw WireError(
                .bindFailed, "cannot listen on \(location)", hint: "check that no other daemon holds the port and that the address is on this machine",
                location: location, underlying: error)
        }
    }

    /// Opens the listening socket for a handler that answers with a response only (no streaming).
    public static func bind(
        _ configuration: WireServerConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        respond: @escaping @Sendable (VerifiedPeer, WireRequest) async throws -> WireResponse
    ) async throws -> WireServer {
        try await bind(configuration, group: group) { peer, call in WireReply(try await respond(peer, call.request)) }
    }

    /// Accepts and serves connections until `shutdown()`; returns once every connection has ended.
    public func run() async {
        guard lifecycle.start() else { return }
        configuration.log(.listening, .info, "listening on \(configuration.host):\(port)")
        do {
            try await listener.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await accepted in inbound {
                        group.addTask { await self.serve(accepted) }
                    }
                }
            }
        } catch {
            configuration.log(
                .connectionFailed, .error, "the listener failed",
                error: WireError(.bindFailed, "the listening socket failed", hint: "restart the daemon", underlying: error))
        }
        lifecycle.finish()
    }

    /// Stops accepting, lets requests in flight finish for up to `gracePeriod`, then closes what is left.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        let connections = registry.beginDraining()
        configuration.log(.shuttingDown, .info, "shutting down: \(connections.count) connection(s) to drain")
        try? await listener.channel.close()
        for connection in connections { connection.drain() }
        if await lifecycle.waitUntilFinished(within: gracePeriod) { return }
        for connection in registry.open { connection.channel.close(promise: nil) }
        _ = await lifecycle.waitUntilFinished(within: .seconds(5))
    }
}

/// `ip:port` of a socket address.
func describe(_ address: SocketAddress) -> String {
    guard let ip = address.ipAddress else { return "\(address)" }
    let host = ip.contains(":") ? "[\(ip)]" : ip
    return address.port.map { "\(host):\($0)" } ?? host
}

/// Whether a server's accept loop runs.
final class ServerLifecycle: @unchecked Sendable {
    private enum State { case idle, running, finished }
    private let lock = NSLock()
    private var state = State.idle

    /// Moves idle to running; false if the server already ran or was shut down.
    func start() -> Bool {
        lock.withLock {
            guard state == .idle else { return false }
            state = .running
            return true
        }
    }

    func finish() { lock.withLock { state = .finished } }

    /// Waits (polling) until the accept loop has ended; a server that never ran counts as ended.
    func waitUntilFinished(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let done = lock.withLock {
                if state == .idle { state = .finished }
                return state == .finished
            }
            if done { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return lock.withLock { state == .finished }
    }
}
