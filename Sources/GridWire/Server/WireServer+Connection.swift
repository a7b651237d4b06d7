import Foundation
import NIOCore
import NIOSSL

extension WireServer {
    /// Serves one accepted connection until it closes, then cancels what still runs on it.
    func serve(_ accepted: Accepted) async {
        let connection = ServerConnection(channel: accepted.channel.channel)
        guard registry.add(connection) else {
            try? await accepted.channel.executeThenClose { _, _ in }
            return
        }
        defer { registry.remove(connection) }
        accepted.channel.channel.closeFuture.whenComplete { _ in connection.connectionClosed() }
        do {
            try await accepted.channel.executeThenClose { inbound, outbound in
                let writer = FrameWriter<ServerFrame>(outbound: outbound, codec: codec, allocator: accepted.channel.channel.allocator)
                try await readLoop(inbound, writer: writer, connection: connection, accepted: accepted)
            }
        } catch {
            reportEnd(error, accepted: accepted)
        }
        await connection.cancelAll()
    }

    private func readLoop(
        _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, writer: FrameWriter<ServerFrame>, connection: ServerConnection, accepted: Accepted
    ) async throws {
        do {
            for try await payload in inbound {
                // Frames only arrive after the handshake, which only completes when verification succeeded.
                guard case .success(let peer)? = accepted.outcome.result else { return }
                await handleFrame(payload, peer: peer, writer: writer, connection: connection)
            }
        } catch let error as WireError where error.code == .frameTooLarge {
            configuration.log(.connectionFailed, .warning, "closing the connection: \(error.message)", address: accepted.address, error: error)
            try? await writer.send(.error(WireErrorBody(error)), id: 0)
        }
    }

    private func handleFrame(_ payload: ByteBuffer, peer: VerifiedPeer, writer: FrameWriter<ServerFrame>, connection: ServerConnection) async {
        let envelope: Envelope<ClientFrame>
        do {
            envelope = try codec.decode(ClientFrame.self, from: payload)
        } catch {
            let wireError = error as? WireError ?? WireError(.malformedFrame, "a frame cannot be decoded", hint: "check the client", underlying: error)
            configuration.log(.requestFailed, .warning, "refused a frame: \(wireError.message)", address: peer.address, identity: peer.identity, error: wireError)
            try? await writer.send(.error(WireErrorBody(wireError)), id: FrameCodec.id(of: payload))
            return
        }
        switch envelope.content {
        case .request(let request):
            await startCall(envelope.id, request: request, stream: envelope.stream, peer: peer, writer: writer, connection: connection)
        case .chunk(let chunk):
            await connection.upload(for: envelope.id)?.send(chunk)
        case .cancel:
            connection.cancel(envelope.id)
        }
    }

    private func startCall(
        _ id: UInt64, request: WireRequest, stream: Bool, peer: VerifiedPeer, writer: FrameWriter<ServerFrame>, connection: ServerConnection
    ) async {
        if let refusal = refusal(of: request, from: peer, draining: connection.isDraining) {
            try? await writer.send(.error(WireErrorBody(refusal)), id: id)
            return
        }
        if case .hello = request {
            try? await writer.send(.response(.welcome(welcome(for: peer))), id: id)
            return
        }
        let upload = stream ? ChunkPipe(capacity: configuration.uploadBufferChunks) : nil
        guard connection.register(id, upload: upload) else {
            let error = WireError(.malformedFrame, "request id \(id) is already in flight on this connection", hint: "number requests uniquely")
            try? await writer.send(.error(WireErrorBody(error)), id: id)
            return
        }
        let call = WireCall(id: id, request: request, upload: upload.map(WireChunkStream.init))
        let task = Task { await runCall(call, peer: peer, writer: writer, connection: connection) }
        connection.attach(id, task: task)
    }

    /// Requests refused before the handler sees them.
    private func refusal(of request: WireRequest, from peer: VerifiedPeer, draining: Bool) -> WireError? {
        if draining {
            return WireError(.shuttingDown, "\(configuration.serverName) is shutting down", hint: "retry once the daemon is back")
        }
        if peer.isLimited, !request.allowedForLimitedProxy {
            return WireError(
                .peerNotAuthorized, "a limited proxy may not make '\(request.type)' requests",
                hint: "create a full proxy with grid-proxy-init (without -limited)")
        }
        return nil
    }

    private func welcome(for peer: VerifiedPeer) -> Welcome {
        Welcome(
            server: configuration.serverName, identity: peer.identity, isLimited: peer.isLimited, localUser: peer.localUser,
            serviceHost: peer.serviceHost)
    }

    private func runCall(_ call: WireCall, peer: VerifiedPeer, writer: FrameWriter<ServerFrame>, connection: ServerConnection) async {
        defer {
            call.upload?.abandon()
            connection.finish(call.id)
        }
        do {
            let reply = try await handler(peer, call)
            try Task.checkCancellation()
            try await writer.send(.response(reply.response), id: call.id, stream: reply.download != nil)
            if let download = reply.download {
                try await send(download, id: call.id, writer: writer)
            }
        } catch is CancellationError where Task.isCancelled {
            // The client cancelled the request or the connection closed: nobody waits for an answer.
        } catch {
            let body = WireErrorBody(error)
            configuration.log(
                .requestFailed, .warning, "'\(call.request.type)' failed: \(body.message)", address: peer.address, identity: peer.identity,
                error: error as? WireError ?? WireError(.remote, body.message, hint: body.hint, remoteCode: body.code, underlying: error))
            try? await writer.send(.error(body), id: call.id)
        }
    }

    /// Streams a download as chunk frames of at most `chunkBytes`, ending with an empty `last` chunk.
    private func send(_ download: AsyncThrowingStream<Data, any Error>, id: UInt64, writer: FrameWriter<ServerFrame>) async throws {
        let size = max(1, configuration.chunkBytes)
        var seq = 0
        for try await data in download {
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

    /// Logs why a connection ended with an error: a handshake refusal (unless the callback logged it already) or a failure.
    private func reportEnd(_ error: any Error, accepted: Accepted) {
        if accepted.outcome.failure != nil { return }
        guard accepted.outcome.result == nil else {
            configuration.log(
                .connectionFailed, .info, "connection ended: \(error)", address: accepted.address,
                error: WireError(.connectionClosed, "the connection ended with an error", hint: "check the client", underlying: error))
            return
        }
        let text = "\(error)"
        if text.contains("SSLV3_ALERT_") || text.contains("TLSV1_ALERT_") {
            // The client ended the handshake: it does not trust this server (CA, CRL, or name).
            configuration.log(
                .connectionFailed, .info, "a client ended the handshake; it may not trust this server's host certificate or name",
                address: accepted.address,
                error: WireError(.tlsFailed, "the client sent a TLS alert", hint: "check the host certificate's CA and DNS names", underlying: error))
            return
        }
        let wireError: WireError
        if text.contains("PEER_DID_NOT_RETURN_A_CERTIFICATE") {
            wireError = WireError(
                .peerNotTrusted, "the client presented no certificate", hint: "create a proxy with grid-proxy-init before connecting",
                location: accepted.address, underlying: error)
        } else {
            wireError = WireError(
                .tlsFailed, "the TLS handshake failed", hint: "the client must speak TLS 1.3 and present a proxy chain",
                location: accepted.address, underlying: error)
        }
        configuration.log(.rejected, .warning, "refused a client: \(wireError.message)", address: accepted.address, error: wireError)
    }
}
