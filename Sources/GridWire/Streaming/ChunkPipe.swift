import Foundation

/// A bounded queue of file chunks between a connection's read loop (one sender) and the code that
/// consumes an upload or a download (one receiver).
///
/// When `capacity` chunks wait, `send` suspends: the read loop stops reading the socket, and TCP
/// slows the peer down. That also holds up the other requests of the connection until the receiver
/// catches up, so large transfers are best given a connection of their own.
final class ChunkPipe: @unchecked Sendable {
    private let lock = NSLock()
    private let capacity: Int
    private var buffer: [Data] = []
    private var head = 0
    /// nil while open; `.success` at a normal end, `.failure` when the stream failed.
    private var end: Result<Void, any Error>?
    /// The receiver gave up: further chunks are dropped.
    private var abandoned = false
    private var receiver: CheckedContinuation<Data?, any Error>?
    private var sender: CheckedContinuation<Void, Never>?
    private(set) var nextSeq = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues a chunk; suspends while the queue is full. Fails the stream if `seq` is out of order.
    func send(_ chunk: WireChunk) async {
        let mustWait: Bool = lock.withLock {
            guard end == nil, !abandoned else { return false }
            guard chunk.seq == nextSeq else {
                finishLocked(.failure(WireError(
                    .malformedFrame, "chunk \(chunk.seq) arrived where chunk \(nextSeq) was expected", hint: "the sender must number chunks 0, 1, 2, ...")))
                return false
            }
            nextSeq += 1
            if !chunk.data.isEmpty { deliverLocked(chunk.data) }
            if chunk.last { finishLocked(.success(())) }
            return end == nil && !abandoned && buffer.count - head >= capacity
        }
        guard mustWait else { return }
        await withCheckedContinuation { continuation in
            let resumeNow: Bool = lock.withLock {
                if end != nil || abandoned || buffer.count - head < capacity { return true }
                sender = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Ends the stream normally (nothing more comes).
    func finish() {
        lock.withLock { finishLocked(.success(())) }
    }

    /// Ends the stream with an error (the peer sent an error frame, or the connection closed).
    func fail(_ error: any Error) {
        lock.withLock { finishLocked(.failure(error)) }
    }

    /// The receiver will read no more: drop queued and future chunks and release the sender.
    func abandon() {
        let waiting: CheckedContinuation<Void, Never>? = lock.withLock {
            abandoned = true
            buffer.removeAll()
            head = 0
            defer { sender = nil }
            return sender
        }
        waiting?.resume()
    }

    /// The next chunk's bytes, or nil at the end of the stream.
    func next() async throws -> Data? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data?, any Error>) in
                let ready: Result<Data?, any Error>? = lock.withLock {
                    if let data = popLocked() { return .success(data) }
                    if let end { return end.map { Data?.none } }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    receiver = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            fail(CancellationError())
        }
    }

    private func popLocked() -> Data? {
        guard head < buffer.count else { return nil }
        let data = buffer[head]
        head += 1
        if head > 64, head * 2 > buffer.count {
            buffer.removeFirst(head)
            head = 0
        }
        if buffer.count - head < capacity, let waiting = sender {
            sender = nil
            waiting.resume()
        }
        return data
    }

    private func deliverLocked(_ data: Data) {
        if let waiting = receiver {
            receiver = nil
            waiting.resume(returning: data)
        } else {
            buffer.append(data)
        }
    }

    private func finishLocked(_ result: Result<Void, any Error>) {
        guard end == nil else { return }
        end = result
        if let waiting = receiver, head >= buffer.count {
            receiver = nil
            waiting.resume(with: result.map { Data?.none })
        }
        if let waiting = sender {
            sender = nil
            waiting.resume()
        }
    }
}

/// The bytes of a streamed file (an upload a handler receives, or a download a client receives).
public struct WireChunkStream: AsyncSequence, Sendable {
    public typealias Element = Data

    let pipe: ChunkPipe

    public struct AsyncIterator: AsyncIteratorProtocol {
        let pipe: ChunkPipe

        public mutating func next() async throws -> Data? { try await pipe.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pipe: pipe) }

    /// Reads the whole stream into memory (for small files and tests).
    public func collect() async throws -> Data {
        var data = Data()
        for try await chunk in self { data.append(chunk) }
        return data
    }

    /// Stops reading: the rest of the stream is discarded.
    public func abandon() { pipe.abandon() }
}
