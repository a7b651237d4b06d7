import Foundation
import Testing
@testable import GridWire

@Suite struct ChunkPipeTests {
    func chunk(_ seq: Int, _ bytes: [UInt8], last: Bool = false) -> WireChunk {
        WireChunk(seq: seq, data: Data(bytes), last: last)
    }

    @Test func deliversChunksInOrderAndEnds() async throws {
        let pipe = ChunkPipe(capacity: 4)
        await pipe.send(chunk(0, [1]))
        await pipe.send(chunk(1, [2, 3]))
        await pipe.send(chunk(2, [], last: true))
        #expect(try await WireChunkStream(pipe: pipe).collect() == Data([1, 2, 3]))
    }

    @Test func suspendsTheSenderWhileTheQueueIsFull() async throws {
        let pipe = ChunkPipe(capacity: 2)
        let sent = Counter()
        let sender = Task {
            for seq in 0..<5 {
                await pipe.send(chunk(seq, [UInt8(seq)], last: seq == 4))
                sent.increment()
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(sent.value == 1, "the second send waits while 2 chunks are queued")
        #expect(try await WireChunkStream(pipe: pipe).collect() == Data([0, 1, 2, 3, 4]))
        await sender.value
        #expect(sent.value == 5)
    }

    @Test func failsOnAChunkOutOfOrder() async {
        let pipe = ChunkPipe(capacity: 4)
        await pipe.send(chunk(0, [1]))
        await pipe.send(chunk(2, [2]))
        await #expect(throws: WireError.self) { _ = try await WireChunkStream(pipe: pipe).collect() }
    }

    @Test func releasesTheSenderWhenTheReceiverAbandons() async {
        let pipe = ChunkPipe(capacity: 2)
        await pipe.send(chunk(0, [1]))
        let released = Flag()
        let sender = Task {
            await pipe.send(chunk(1, [2]))
            released.set()
        }
        try? await Task.sleep(for: .milliseconds(100))
        #expect(!(await released.wait(timeout: .zero)), "the queue is full: the sender waits")
        WireChunkStream(pipe: pipe).abandon()
        #expect(await released.wait())
        await sender.value
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
