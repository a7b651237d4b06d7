import Foundation
import NIOCore

/// Turns envelopes into length-prefixed frames and frame payloads back into envelopes.
struct FrameCodec: Sendable {
    /// The largest payload accepted or sent.
    var maxFrameBytes: Int

    /// `length (UInt32 big-endian)` + JSON; refuses payloads over `maxFrameBytes` before anything is sent.
    func encode<Content>(_ envelope: Envelope<Content>, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        let json: Data
        do {
            json = try Self.makeEncoder().encode(envelope)
        } catch {
            throw WireError(.malformedFrame, "a '\(envelope.content.type)' message cannot be encoded", hint: "this is a bug in vgrid; report it", underlying: error)
        }
        guard json.count <= maxFrameBytes else {
            throw Self.tooLarge(json.count, limit: maxFrameBytes, type: envelope.content.type)
        }
        var buffer = allocator.buffer(capacity: 4 + json.count)
        buffer.writeInteger(UInt32(json.count))
        buffer.writeBytes(json)
        return buffer
    }

    /// Decodes one frame payload (without its length prefix).
    func decode<Content>(_ content: Content.Type, from payload: ByteBuffer) throws -> Envelope<Content> {
        do {
            return try Self.makeDecoder().decode(Envelope<Content>.self, from: Data(payload.readableBytesView))
        } catch let error as WireError {
            throw error
        } catch {
            throw WireError(
                .malformedFrame, "a frame is not a valid message envelope", hint: "the peer must send {\"v\":1,\"id\":n,\"type\":...,\"body\":...}",
                underlying: error)
        }
    }

    /// The `id` of a frame that could not be decoded in full, to address the error reply; 0 when unknown.
    static func id(of payload: ByteBuffer) -> UInt64 {
        struct Header: Decodable { var id: UInt64? }
        return (try? JSONDecoder().decode(Header.self, from: Data(payload.readableBytesView)).id) ?? 0
    }

    static func tooLarge(_ bytes: Int, limit: Int, type: String? = nil) -> WireError {
        WireError(
            .frameTooLarge, "a \(type.map { "'\($0)' " } ?? "")frame of \(bytes) bytes exceeds the limit of \(limit) bytes",
            hint: "send large files as streamed chunks (stage-in/stage-out), not in one message")
    }

    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// Splits the byte stream into frame payloads; refuses a frame as soon as its length prefix exceeds the limit.
struct FrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    let maxFrameBytes: Int

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return .needMoreData }
        guard Int(length) <= maxFrameBytes else { throw FrameCodec.tooLarge(Int(length), limit: maxFrameBytes) }
        guard buffer.readableBytes >= 4 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 4)
        context.fireChannelRead(wrapInboundOut(buffer.readSlice(length: Int(length))!))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
