import Foundation
import GridCA
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
@testable import GridWire

/// A bare NIOSSL client with a chosen TLS version range, to check what the server accepts.
enum TLSProbe {
    /// Whether a handshake with the server at 127.0.0.1:`port` completes (no wire protocol after it).
    static func handshake(port: Int, credential: GridCredential, maximumVersion: TLSVersion) async throws -> Bool {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv1
        configuration.maximumTLSVersion = maximumVersion
        configuration.certificateVerification = .none
        configuration.certificateChain = try WireTLS.certificateSources(credential)
        configuration.privateKey = try WireTLS.privateKeySource(credential)
        let context = try NIOSSLContext(configuration: configuration)
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: Bool.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: "head.intro.lab"))
                    try channel.pipeline.syncOperations.addHandler(Outcome(promise: promise))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let completed = try await promise.futureResult.get()
        try? await channel.close()
        return completed
    }

    private final class Outcome: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let promise: EventLoopPromise<Bool>

        init(promise: EventLoopPromise<Bool>) { self.promise = promise }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls { promise.succeed(true) }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) { promise.succeed(false) }
        func channelInactive(context: ChannelHandlerContext) { promise.succeed(false) }
    }
}
