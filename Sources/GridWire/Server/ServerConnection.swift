import Foundation
import NIOCore

/// The requests in flight on one server connection, and whether it is draining for shutdown.
final class ServerConnection: @unchecked Sendable {
    private struct Call {
        var task: Task<Void, Never>?
        var upload: ChunkPipe?
    }

    let channel: any Channel
    private let lock = NSLock()
    private var calls: [UInt64: Call] = [:]
    private var draining = false

    init(channel: any Channel) {
        self.channel = channel
    }

    var isDraining: Bool { lock.withLock { draining } }

    /// Records a new call; false if the id is already in flight.
    func register(_ id: UInt64, upload: ChunkPipe?) -> Bool {
        lock.withLock {
            guard calls[id] == nil else { return false }
            calls[id] = Call(task: nil, upload: upload)
            return true
        }
    }

    func attach(_ id: UInt64, task: Task<Void, Never>) {
        lock.withLock { if calls[id] != nil { calls[id]?.task = task } }
    }

    func upload(for id: UInt64) -> ChunkPipe? {
        lock.withLock { calls[id]?.upload }
    }

    /// The client abandoned the call.
    func cancel(_ id: UInt64) {
        let task = lock.withLock { calls[id]?.task }
        task?.cancel()
    }

    /// The call ended; a draining connection closes with its last call.
    func finish(_ id: UInt64) {
        let closeNow = lock.withLock {
            calls[id] = nil
            return draining && calls.isEmpty
        }
        if closeNow { channel.close(promise: nil) }
    }

    /// Takes no new requests; closes now if idle, else after the last call in flight.
    func drain() {
        let closeNow = lock.withLock {
            draining = true
            return calls.isEmpty
        }
        if closeNow { channel.close(promise: nil) }
    }

    /// The socket closed: uploads still expected will not come (this also frees a read loop waiting on a full upload).
    func connectionClosed() {
        let uploads = lock.withLock { calls.values.compactMap(\.upload) }
        for upload in uploads {
            upload.fail(WireError(.connectionClosed, "the client closed the connection during an upload", hint: "the client must stage the file again"))
        }
    }

    /// Cancels every call (the connection is gone) and waits for them to end.
    func cancelAll() async {
        let tasks = lock.withLock { calls.values.compactMap(\.task) }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}

/// The server's live connections, for draining at shutdown.
final class ConnectionRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var connections: [ObjectIdentifier: ServerConnection] = [:]
    private var draining = false

    /// Adds a connection; false (and the connection is drained) when the server is shutting down.
    func add(_ connection: ServerConnection) -> Bool {
        let accepted = lock.withLock {
            if !draining { connections[ObjectIdentifier(connection)] = connection }
            return !draining
        }
        if !accepted { connection.drain() }
        return accepted
    }

    func remove(_ connection: ServerConnection) {
        _ = lock.withLock { connections.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    /// Marks the server draining and returns the connections open now.
    func beginDraining() -> [ServerConnection] {
        lock.withLock {
            draining = true
            return Array(connections.values)
        }
    }

    var open: [ServerConnection] { lock.withLock { Array(connections.values) } }
}
