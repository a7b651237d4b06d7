import Foundation
import GridCA
import NIOCore
import NIOPosix
import NIOSSL

/// Connects to wire servers with one credential: a user's proxy chain, or a host credential
/// (gwd calling gatekeepers, gatekeepers calling gwd).
public struct WireClient: Sendable {
    /// Time limits and sizes of a client.
    public struct Options: Sendable {
        /// TCP connect, TLS handshake and the hello exchange together.
        public var connectTimeout: Duration
        /// The default time limit of one request (until its response; a download's chunks are not limited).
        public var requestTimeout: Duration
        public var maxFrameBytes: Int
        /// The data size of each `chunk` frame of an upload.
        public var chunkBytes: Int
        /// How many download chunks may wait for a slow reader before the connection stops reading.
        public var downloadBufferChunks: Int
        /// The program name sent in `Hello` (`gwsubmit`, `gwd`).
        public var clientName: String

        public init(
            connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60), maxFrameBytes: Int = WireProtocol.defaultMaxFrameBytes,
            chunkBytes: Int = WireProtocol.defaultChunkBytes, downloadBufferChunks: Int = 16, clientName: String = "vgrid"
        ) {
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maxFrameBytes = maxFrameBytes
            self.chunkBytes = chunkBytes
            self.downloadBufferChunks = downloadBufferChunks
            self.clientName = clientName
        }
    }

    /// The proxy chain or host credential presented to servers (nil presents none; servers refuse that).
    public let credential: GridCredential?
    /// The trusted CAs and CRLs server certificates are verified against.
    public let trust: WireTrust
    public let options: Options
    let context: NIOSSLContext

    /// Prepares a client; fails if the credential cannot be used for TLS.
    public init(credential: GridCredential?, trust: WireTrust, options: Options = Options()) throws {
        self.credential = credential
        self.trust = trust
        self.options = options
        self.context = try WireTLS.clientContext(credential: credential, trust: trust.trustStore)
    }

    /// Connects to one server with a proxy or host credential.
    public static func connect(
        host: String, port: Int, address: String? = nil, credential: GridCredential, trust: WireTrust, options: Options = Options()
    ) async throws -> WireConnection {
        try await WireClient(credential: credential, trust: trust, options: options)
            .connect(to: WireEndpoint(host: host, port: port, address: address))
    }

    /// Connects, completes mutual TLS (checking the server's host certificate and name) and says hello.
    public func connect(to endpoint: WireEndpoint, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> WireConnection {
        let outcome = OutcomeBox<VerifiedIdentity>()
        let channel = try await open(endpoint, outcome: outcome, group: group)
        let core = await ClientCore.start(channel, endpoint: endpoint, options: options)
        do {
            let response = try await core.call(.hello(Hello(client: options.clientName)), timeout: options.connectTimeout).response
            guard case .welcome(let welcome) = response else {
                throw WireError(.unexpectedMessage, "\(endpoint) answered hello with '\(response.type)'", hint: "is this a vgrid server?", location: endpoint.description)
            }
            guard case .success(let server)? = outcome.result else {
                throw WireError(.tlsFailed, "the server's certificate was not verified", hint: "this is a bug in vgrid", location: endpoint.description)
            }
            let version = try? await core.channel.nioSSL_tlsVersion().get()
            return WireConnection(core: core, welcome: welcome, server: server, tlsVersion: version.flatMap { $0 }.map { Self.name(of: $0) })
        } catch {
            await core.close()
            throw Self.connectError(error, outcome: outcome, endpoint: endpoint)
        }
    }

    private func open(
        _ endpoint: WireEndpoint, outcome: OutcomeBox<VerifiedIdentity>, group: any EventLoopGroup
    ) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let context = self.context
        let verifier = ServerChainVerifier(trust: trust, expectedName: endpoint.host)
        let serverName = Self.isIPAddress(endpoint.host) ? nil : endpoint.host
        let maxFrameBytes = options.maxFrameBytes
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(options.connectTimeout))
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .connect(host: endpoint.address ?? endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.addHandler(NIOSSLClientHandler(
                            context: context, serverHostname: serverName, customVerificationCallback: verifier.callback(outcome: outcome)))
                        try sync.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameBytes: maxFrameBytes)))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            let timedOut = "\(error)".lowercased().contains("timeout") || "\(error)".lowercased().contains("timed out")
            throw WireError(
                timedOut ? .connectTimeout : .connectFailed, "cannot connect to \(endpoint)\(endpoint.address.map { " at \($0)" } ?? "")",
                hint: "check that the daemon runs there and that the name resolves", location: endpoint.description, underlying: error)
        }
    }

    /// The most useful error for a failed connection: our verdict on the server, the server's verdict on us, or the cause.
    static func connectError(_ error: any Error, outcome: OutcomeBox<VerifiedIdentity>, endpoint: WireEndpoint) -> WireError {
        if let refusal = outcome.failure { return refusal }
        let wireError = error as? WireError
            ?? WireError(.tlsFailed, "the connection to \(endpoint) failed", hint: "see the underlying error", location: endpoint.description, underlying: error)
        switch wireError.code {
        case .requestTimeout:
            return WireError(
                .connectTimeout, "\(endpoint) did not complete the handshake in time", hint: "check that a vgrid daemon listens there",
                location: endpoint.description, underlying: wireError)
        case .connectionClosed, .tlsFailed:
            // TLS 1.3: the client's handshake is done before the server has checked the client's chain.
            guard outcome.result != nil else { return wireError }
            return WireError(
                .rejectedByServer, "\(endpoint) refused this client's credential",
                hint: "check the proxy with grid-proxy-info (expired? from the lab CA?); the server's log says why",
                location: endpoint.description, underlying: wireError.underlying ?? wireError)
        default:
            return wireError
        }
    }

    static func name(of version: TLSVersion) -> String {
        switch version {
        case .tlsv13: return "TLSv1.3"
        case .tlsv12: return "TLSv1.2"
        default: return "\(version)"
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}
