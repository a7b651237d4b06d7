import NIOCore

/// Encodes envelopes and writes them to a connection; safe to use from many tasks at once.
struct FrameWriter<Content: EnvelopeContent>: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let codec: FrameCodec
    let allocator: ByteBufferAllocator

    func send(_ content: Content, id: UInt64, stream: Bool = false) async throws {
        let frame = try codec.encode(Envelope(id: id, stream: stream, content: content), allocator: allocator)
        try await outbound.write(frame)
    }
}
