import Foundation

/// Reading an open file as a download stream.
enum FileStreaming {
    static let chunkBytes = 256 * 1024

    /// The file's bytes from its current offset to its end, read as the consumer asks for them.
    static func chunks(of handle: FileHandle) -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream<Data, any Error>(unfolding: {
            let data = try handle.read(upToCount: chunkBytes) ?? Data()
            if data.isEmpty {
                try? handle.close()
                return nil
            }
            return data
        })
    }
}
