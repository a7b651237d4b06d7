import Foundation
import GridCA
import NIOCore

/// An open, authenticated connection to a wire server. Many requests may be in flight at once.
public final class WireConnection: Sendable {
    let core: ClientCore
    /// The server's answer to hello: its name and how it sees this client.
    public let welcome: Welcome
    /// The server's verified host certificate.
    public let server: VerifiedIdentity
    /// The negotiated protocol, `TLSv1.3`.
    public let tlsVersion: String?

    init(core: ClientCore, welcome: Welcome, server: VerifiedIdentity, tlsVersion: String?) {
        self.core = core
        self.welcome = welcome
        self.server = server
        self.tlsVersion = tlsVersion
    }

    /// Where this connection goes.
    public var endpoint: WireEndpoint { core.endpoint }

    /// False once the connection has closed.
    public var isOpen: Bool { core.isOpen }

    /// Sends a request and waits for its response (`timeout` defaults to the client's request timeout).
    /// A failure the server reports arrives as a `WireError` (`.remote` with the server's code, or a WireError code).
    public func send(_ request: WireRequest, timeout: Duration? = nil) async throws -> WireResponse {
        try await core.call(request, timeout: timeout).response
    }

    /// Sends a request followed by the bytes of `data` as chunk frames (stage-in), then waits for the response.
    public func upload(_ request: WireRequest, data: AsyncThrowingStream<Data, any Error>, timeout: Duration? = nil) async throws -> WireResponse {
        try await core.call(request, timeout: timeout, upload: data).response
    }

    /// Sends a request whose response is followed by streamed bytes (stage-out).
    /// Read the returned stream to its end (or `abandon()` it): until then its chunks hold up the connection.
    public func download(_ request: WireRequest, timeout: Duration? = nil) async throws -> (response: WireResponse, data: WireChunkStream) {
        let (response, stream) = try await core.call(request, timeout: timeout, download: true)
        guard let stream else {
            throw WireError(.unexpectedMessage, "no download stream came with '\(response.type)'", hint: "this is a bug in vgrid")
        }
        return (response, stream)
    }

    /// Closes the connection; requests still waiting fail with `connectionClosed`.
    public func close() async {
        await core.close()
    }
}

extension AsyncThrowingStream where Element == Data, Failure == any Error {
    /// A stream of one piece of data (small uploads and tests).
    public static func of(_ data: Data) -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream { continuation in
            continuation.yield(data)
            continuation.finish()
        }
    }
}
