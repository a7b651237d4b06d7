import CFileSystemIDs
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Opens files on behalf of a grid user, with the kernel checking that user's permissions.
///
/// The daemons run as root, yet a job's files on the headnode (INPUT_FILES read, OUTPUT_FILES and
/// streams written) and gsiftp:// paths must be touched only as the mapped account could: a student
/// must not get `/etc/shadow` by naming it, nor overwrite a file of another student. Linux's
/// file-system ids are per thread, so the open runs on the calling thread between `setfsuid(user)`
/// and `setfsuid(0)` with no suspension point in between; the descriptor then works as any other.
/// (Supplementary groups stay root's: a file readable only through such a group is refused.)
public enum UserFileAccess {
    /// Opens `path` for reading as `user`. Refuses anything but a regular file.
    public static func openForReading(_ path: String, as user: LocalUser) throws -> FileHandle {
        let fd = try open(path, flags: O_RDONLY, mode: 0, as: user)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            Glibc.close(fd)
            throw ExecError(.io, "\(path) is not a regular file", hint: "name a file, not a directory or device", path: path)
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Creates or truncates `path` for writing as `user` (the file belongs to the user).
    public static func openForWriting(_ path: String, as user: LocalUser, mode: mode_t = 0o644) throws -> FileHandle {
        let fd = try open(path, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: mode, as: user)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            Glibc.close(fd)
            throw ExecError(.io, "\(path) is not a regular file", hint: "name a file, not a directory or device", path: path)
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Reads a whole file as `user`.
    public static func read(_ path: String, as user: LocalUser) throws -> Data {
        let handle = try openForReading(path, as: user)
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw ExecError(.io, "cannot read \(path)", path: path, underlying: error)
        }
    }

    /// Writes a whole file as `user`.
    public static func write(_ data: Data, to path: String, as user: LocalUser, mode: mode_t = 0o644) throws {
        let handle = try openForWriting(path, as: user, mode: mode)
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw ExecError(.io, "cannot write \(path)", path: path, underlying: error)
        }
    }

    private static func open(_ path: String, flags: Int32, mode: mode_t, as user: LocalUser) throws -> Int32 {
        guard path.hasPrefix("/") else {
            throw ExecError(.unsafePath, "'\(path)' is not an absolute path", path: path)
        }
        let asRoot = getuid() == 0
        if asRoot, user.uid != 0 {
            // setfsgid first: after setfsuid to a user we could not change the group any more.
            _ = vgrid_setfsgid(user.gid)
            _ = vgrid_setfsuid(user.uid)
        }
        let fd = Glibc.open(path, flags | O_CLOEXEC | O_NOCTTY, mode)
        let code = errno
        if asRoot, user.uid != 0 {
            _ = vgrid_setfsuid(0)
            _ = vgrid_setfsgid(0)
        }
        guard fd >= 0 else {
            let reason = SystemCalls.errorText(code)
            let hint: String? = code == EACCES || code == EPERM
                ? "\(user.name) may not \(flags & O_WRONLY != 0 ? "write" : "read") it: check its permissions"
                : (code == ENOENT ? "check the path (relative paths start at the template's directory)" : nil)
            throw ExecError(code == ENOENT && flags & O_CREAT == 0 ? .missingInput : .io,
                            "cannot open \(path) as \(user.name): \(reason)", hint: hint, path: path)
        }
        return fd
    }
}
