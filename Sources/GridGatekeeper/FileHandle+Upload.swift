import Foundation
import GridWire

extension FileHandle {
    /// Writes every chunk of an upload and closes the handle; returns the byte count. On a
    /// failure the handle is closed too and the error is rethrown for the caller to describe.
    func write(upload: WireChunkStream) async throws -> Int64 {
        var bytes: Int64 = 0
        do {
            for try await chunk in upload {
                try write(contentsOf: chunk)
                bytes += Int64(chunk.count)
            }
            try close()
            return bytes
        } catch {
            try? close()
            throw UploadError(bytes: bytes, underlying: error)
        }
    }
}

/// An upload that stopped after `bytes` bytes.
struct UploadError: Error {
    var bytes: Int64
    var underlying: any Error
}
