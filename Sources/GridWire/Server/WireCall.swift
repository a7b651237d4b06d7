import Foundation

/// One request as a server's handler receives it.
public struct WireCall: Sendable {
    /// The request's id on its connection.
    public var id: UInt64
    public var request: WireRequest
    /// The bytes the client streams after the request (stage-in), when it sent `stream: true`.
    public var upload: WireChunkStream?
}

/// A handler's answer: the response, and optionally bytes to stream after it (stage-out).
public struct WireReply: Sendable {
    public var response: WireResponse
    /// Sent as `chunk` frames after the response, split to the server's chunk size.
    public var download: AsyncThrowingStream<Data, any Error>?

    public init(_ response: WireResponse, download: AsyncThrowingStream<Data, any Error>? = nil) {
        self.response = response
        self.download = download
    }
}

extension WireReply {
    /// A reply that streams `data` after the response (for tests and small files).
    public static func streaming(_ response: WireResponse, data: Data) -> WireReply {
        WireReply(response, download: AsyncThrowingStream { continuation in
            continuation.yield(data)
            continuation.finish()
        })
    }
}
