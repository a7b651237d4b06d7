import Foundation
import NIOCore
import NIOPosix

/// A TCP listener on 127.0.0.1 that accepts connections and never says anything.
struct SilentListener {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    static func start() async throws -> SilentListener {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        return SilentListener(channel: channel)
    }

    func stop() async { try? await channel.close() }
}

/// A plain TCP connection to 127.0.0.1 that sends nothing.
struct RawTCPClient {
    let channel: any Channel

    static func connect(port: Int) async throws -> RawTCPClient {
        RawTCPClient(channel: try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get())
    }

    /// Whether the server closed the connection within `limit` (the client closes it afterwards either way).
    func closedByPeer(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if !channel.isActive { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        try? await channel.close()
        return false
    }
}
