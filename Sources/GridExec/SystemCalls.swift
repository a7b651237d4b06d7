#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Thin, throwing wrappers over the few system calls GridExec needs.
enum SystemCalls {
    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// Runs `body` until it stops failing with EINTR; throws a `SystemCallError` on -1.
    @discardableResult
    static func retrying<T: BinaryInteger>(_ call: String, _ body: () -> T) throws -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemCallError(call, errno: code)
        }
    }

    /// `fstat` of an open descriptor.
    static func status(of fd: Int32) throws -> stat {
        var info = stat()
        try retrying("fstat") { fstat(fd, &info) }
        return info
    }

    /// `lstat`-like status of `name` in `directory` (links are not followed); nil when absent.
    static func entryStatus(_ name: String, in directory: Int32) throws -> stat? {
        var info = stat()
        if fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 { return info }
        if errno == ENOENT { return nil }
        throw SystemCallError("fstatat \(name)", errno: errno)
    }

    static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    static func isRegular(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = try retrying("write") { write(fd, bytes.baseAddress! + offset, bytes.count - offset) }
            offset += written
        }
    }

    /// `gethostname`, or "localhost" when it fails.
    static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// An open file descriptor, closed when the last reference goes away.
final class FileDescriptor: @unchecked Sendable {
    let raw: Int32

    init(_ raw: Int32) { self.raw = raw }

    deinit { close(raw) }

    /// Opens an absolute path (the jobs directory, a host file); follows links.
    static func opening(_ path: String, flags: Int32, mode: mode_t = 0) throws -> FileDescriptor {
        let fd = try SystemCalls.retrying("open \(path)") { open(path, flags | O_CLOEXEC, mode) }
        return FileDescriptor(fd)
    }

    /// Opens `name` (one component) relative to this directory.
    func openAt(_ name: String, flags: Int32, mode: mode_t = 0) throws -> FileDescriptor {
        let fd = try SystemCalls.retrying("openat \(name)") { openat(raw, name, flags | O_CLOEXEC, mode) }
        return FileDescriptor(fd)
    }

    func status() throws -> stat { try SystemCalls.status(of: raw) }
}
