import Foundation
import Testing
@testable import Libvirt

/// The chunked reader behind `StorageVolume.upload(fileAt:)`.
@Suite struct LocalFileTests {
    @Test func readsFileInChunksOfAtMostTheGivenSize() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("image.bin").path
        let content = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(content).write(to: URL(fileURLWithPath: path))

        let file = try LocalFile(readingAt: path)
        #expect(file.size == 10_000)
        var sizes: [Int] = []
        var received: [UInt8] = []
        try file.forEachChunk(size: 4096) { chunk in
            sizes.append(chunk.count)
            received.append(contentsOf: chunk)
        }
        #expect(sizes == [4096, 4096, 1808])
        #expect(received == content)
    }

    @Test func emptyFileYieldsNoChunks() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("empty").path
        try Data().write(to: URL(fileURLWithPath: path))
        var calls = 0
        try LocalFile(readingAt: path).forEachChunk(size: 16) { _ in calls += 1 }
        #expect(calls == 0)
    }

    @Test func errorFromChunkHandlerStopsReading() throws {
        struct Stop: Error {}
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("data").path
        try Data(repeating: 7, count: 100).write(to: URL(fileURLWithPath: path))
        var calls = 0
        #expect(throws: Stop.self) {
            try LocalFile(readingAt: path).forEachChunk(size: 10) { _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1)
    }

    @Test func directoryCannotBeRead() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect {
            try LocalFile(readingAt: directory.path).forEachChunk(size: 16) { _ in }
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return error.operation == "read" && error.message.contains("Is a directory")
        }
    }
}
