import Foundation
import GridTools
import GridWire
#if canImport(Glibc)
import Glibc
#endif

/// Moves one file's bytes from a source URL to a destination URL, streaming (never the whole file in memory).
struct URLCopier: Sendable {
    var source: TransferURL
    var destination: TransferURL
    var client: WireClient?
    var address: @Sendable (String) -> String?

    init(source: TransferURL, destination: TransferURL, client: WireClient?, address: @escaping @Sendable (String) -> String?) {
        self.source = source
        self.destination = destination
        self.client = client
        self.address = address
    }

    /// Copies; the bytes written.
    func copy() async throws -> Int64 {
        var connections: [WireConnection] = []
        let result: Result<Int64, any Error>
        do {
            let (bytes, mode) = try await open(source, keeping: &connections)
            result = .success(try await write(bytes, mode: mode, to: destination, keeping: &connections))
        } catch {
            result = .failure(error)
        }
        for connection in connections { await connection.close() }
        return try result.get()
    }

    private func connect(_ host: String, _ port: Int, keeping connections: inout [WireConnection]) async throws -> WireConnection {
        guard let client else {
            throw GridToolsError("no credentials to reach \(host)", hint: "create a proxy with grid-proxy-init")
        }
        let connection = try await client.connect(to: WireEndpoint(host: host, port: port, address: address(host)))
        connections.append(connection)
        return connection
    }

    /// The source's bytes as a stream, and its permission bits when known.
    private func open(_ url: TransferURL, keeping connections: inout [WireConnection]) async throws -> (AsyncThrowingStream<Data, any Error>, Int?) {
        switch url {
        case .local(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw GridToolsError("cannot open \(path) for reading", hint: "check that the file exists and that you may read it")
            }
            let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
            return (Self.chunks(of: handle), mode)
        case .remote(let host, let port, let path):
            let connection = try await connect(host, port, keeping: &connections)
            let (opened, data) = try await connection.readFile(path)
            return (Self.relay(data), opened.mode)
        }
    }

    private func write(_ bytes: AsyncThrowingStream<Data, any Error>, mode: Int?, to url: TransferURL,
                       keeping connections: inout [WireConnection]) async throws -> Int64 {
        switch url {
        case .local(let path):
            let permissions = mode_t((mode ?? 0o644) & 0o777)
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
            guard fd >= 0 else {
                throw GridToolsError("cannot open \(path) for writing: \(String(cString: strerror(errno)))",
                                     hint: "check that the directory exists and that you may write there")
            }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            var total: Int64 = 0
            for try await chunk in bytes {
                try handle.write(contentsOf: chunk)
                total += Int64(chunk.count)
            }
            try handle.close()
            return total
        case .remote(let host, let port, let path):
            let connection = try await connect(host, port, keeping: &connections)
            return try await connection.writeFile(WriteFile(path: path, mode: mode), data: bytes).bytes
        }
    }

    static func chunks(of handle: FileHandle) -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream<Data, any Error>(unfolding: {
            let data = try handle.read(upToCount: 256 * 1024) ?? Data()
            if data.isEmpty {
                try? handle.close()
                return nil
            }
            return data
        })
    }

    /// A download as an upload's source.
    static func relay(_ stream: WireChunkStream) -> AsyncThrowingStream<Data, any Error> {
        let reader = Reader(iterator: stream.makeAsyncIterator())
        return AsyncThrowingStream<Data, any Error>(unfolding: { try await reader.next() })
    }

    /// The download's iterator, read by one consumer (the upload) at a time.
    private final class Reader: @unchecked Sendable {
        var iterator: WireChunkStream.AsyncIterator
        init(iterator: WireChunkStream.AsyncIterator) { self.iterator = iterator }
        func next() async throws -> Data? { try await iterator.next() }
    }
}
