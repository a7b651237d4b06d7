import CLibvirt

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local file opened for reading in chunks (the source of a volume upload).
struct LocalFile {
    let path: String
    let descriptor: Int32
    /// Size in bytes when opened.
    let size: UInt64

    /// Opens `path`; throws a `LibvirtError` with operation `"open"` and the errno text.
    init(readingAt path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.systemError("open", path: path) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = Self.systemError("fstat", path: path)
            close(descriptor)
            throw error
        }
        self.path = path
        self.descriptor = descriptor
        self.size = UInt64(status.st_size)
    }

    /// Calls `body` with successive chunks of at most `size` bytes until end of file, then closes.
    func forEachChunk(size: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.systemError("read", path: path)
            }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    private static func systemError(_ operation: String, path: String) -> LibvirtError {
        let reason = String(cString: strerror(errno))
        return LibvirtError(
            code: LibvirtError.Code.systemError, domain: Int32(VIR_FROM_NONE.rawValue),
            message: "cannot \(operation) '\(path)': \(reason)", operation: operation)
    }
}
