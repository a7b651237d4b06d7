import Foundation
import NIOCore

/// One client connection's machinery: the read loop that routes frames to waiting calls, and the writer.
final class ClientCore: @unchecked Sendable {
    let channel: any Channel
    let endpoint: WireEndpoint
    let options: WireClient.Options
    let codec: FrameCodec
    let pending = PendingCalls()
    private let lock = NSLock()
    private var writer: FrameWriter<ClientFrame>?
    private var readTask: Task<Void, Never>?

    private init(channel: any Channel, endpoint: WireEndpoint, options: WireClient.Options) {
        self.channel = channel
        self.endpoint = endpoint
        self.options = options
        self.codec = FrameCodec(maxFrameBytes: options.maxFrameBytes)
    }

    /// Starts the read loop; returns once the writer is ready.
    static func start(_ asyncChannel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, endpoint: WireEndpoint, options: WireClient.Options) async -> ClientCore {
        let core = ClientCore(channel: asyncChannel.channel, endpoint: endpoint, options: options)
        // Also when the read loop is held up by a download nobody reads: fail every call once the socket is gone.
        // Not at once: an answer that came just before the close (a draining server answers its last call,
        // then closes) still waits in the inbound buffer, and the read loop delivers it (then fails the rest
        // itself) unless a download holds it up.
        asyncChannel.channel.closeFuture.whenComplete { _ in
            Task {
                try? await Task.sleep(for: .milliseconds(500))
                core.pending.closeAll(WireError(
                    .connectionClosed, "the connection to \(endpoint) closed", hint: "reconnect; if it repeats, check the server's log",
                    location: endpoint.description))
            }
        }
        await withCheckedContinuation { (ready: CheckedContinuation<Void, Never>) in
            let task = Task {
                do {
                    try await asyncChannel.executeThenClose { inbound, outbound in
                        core.lock.withLock {
                            core.writer = FrameWriter(outbound: outbound, codec: core.codec, allocator: asyncChannel.channel.allocator)
                        }
                        ready.resume()
                        try await core.readLoop(inbound)
                    }
                    core.pending.closeAll(WireError(
                        .connectionClosed, "\(endpoint) closed the connection", hint: "reconnect; if it repeats, check the server's log",
                        location: endpoint.description))
                } catch {
                    core.pending.closeAll(error as? WireError ?? WireError(
                        .connectionClosed, "the connection to \(endpoint) failed", hint: "reconnect; if it repeats, check the server's log",
                        location: endpoint.description, underlying: error))
                }
            }
            core.lock.withLock { core.readTask = task }
        }
        return core
    }

    private func readLoop(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>) async throws {
        let location = endpoint.description
        for try await payload in inbound {
            let envelope: Envelope<ServerFrame>
            do {
                envelope = try codec.decode(ServerFrame.self, from: payload)
            } catch {
                pending.fail(FrameCodec.id(of: payload), error)
                continue
            }
            switch envelope.content {
            case .response(let response):
                pending.deliver(envelope.id, response: response, streams: envelope.stream)
            case .error(let body) where envelope.id == 0:
                // A connection-level error (e.g. frameTooLarge): the server closes next.
                pending.closeAll(WireError(remote: body, location: location))
            case .error(let body):
                pending.fail(envelope.id, WireError(remote: body, location: location))
            case .chunk(let chunk):
                await pending.downloadPipe(envelope.id, last: chunk.last)?.send(chunk)
            }
        }
    }

    /// Sends a request (and its upload) and waits for the response; a download's chunks come through the returned stream.
    func call(
        _ request: WireRequest, timeout: Duration? = nil, upload: AsyncThrowingStream<Data, any Error>? = nil, download: Bool = false
    ) async throws -> (response: WireResponse, download: WireChunkStream?) {
        guard let writer = lock.withLock({ writer }) else {
            throw WireError(.connectionClosed, "the connection to \(endpoint) is not open", hint: "connect again", location: endpoint.description)
        }
        let pipe = download ? ChunkPipe(capacity: options.downloadBufferChunks) : nil
        let id = try pending.register(download: pipe)
        var requestSent = false
        do {
            try await writer.send(.request(request), id: id, stream: upload != nil)
            requestSent = true
            if let upload { try await send(upload, id: id, writer: writer) }
        } catch {
            pending.discard(id)
            // A partly sent upload leaves the server's handler waiting for more chunks.
            if requestSent { cancelRemotely(id) }
            throw error
        }
        armTimer(id, timeout: timeout ?? options.requestTimeout, type: request.type)
        let response = try await withTaskCancellationHandler {
            try await pending.wait(id)
        } onCancel: {
            if pending.fail(id, CancellationError()) { cancelRemotely(id) }
        }
        return (response, pipe.map(WireChunkStream.init))
    }

    private func send(_ upload: AsyncThrowingStream<Data, any Error>, id: UInt64, writer: FrameWriter<ClientFrame>) async throws {
        let size = max(1, options.chunkBytes)
        var seq = 0
        for try await data in upload {
            var offset = data.startIndex
            while offset < data.endIndex {
                let end = data.index(offset, offsetBy: size, limitedBy: data.endIndex) ?? data.endIndex
                try await writer.send(.chunk(WireChunk(seq: seq, data: data[offset..<end], last: false)), id: id)
                seq += 1
                offset = end
            }
        }
        try await writer.send(.chunk(WireChunk(seq: seq, data: Data(), last: true)), id: id)
    }

    private func armTimer(_ id: UInt64, timeout: Duration, type: String) {
        let error = WireError(
            .requestTimeout, "no answer to '\(type)' from \(endpoint) within \(timeout)", hint: "the server may be overloaded; retry, or raise the time limit",
            location: endpoint.description)
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { [self] in
            if pending.fail(id, error) { cancelRemotely(id) }
        }
        pending.setTimer(id, timer)
    }

    /// Tells the server to stop working on `id` (best effort).
    private func cancelRemotely(_ id: UInt64) {
        guard let writer = lock.withLock({ writer }) else { return }
        Task { try? await writer.send(.cancel, id: id) }
    }

    /// Sends raw bytes (tests of the server's frame checks).
    func sendRaw(_ bytes: ByteBuffer) async throws {
        guard let writer = lock.withLock({ writer }) else { return }
        try await writer.outbound.write(bytes)
    }

    /// Closes the connection; calls still waiting fail with `connectionClosed`.
    func close() async {
        try? await channel.close()
        let task = lock.withLock { readTask }
        await task?.value
    }

    var isOpen: Bool { channel.isActive }
}
