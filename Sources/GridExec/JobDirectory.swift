#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One job's directory, reached only through descriptors.
///
/// Every name from a template has already passed `PathSafety.checkJobRelative` (the lexical
/// check); here each component is opened with `O_NOFOLLOW` relative to its parent's
/// descriptor, so a symbolic link planted by the job (`out.txt -> /etc/shadow`,
/// `results -> /etc`) fails with ELOOP instead of leading out. Files read back for stage-out
/// must also be regular files owned by the job's user, which stops a hard link to a file the
/// user could link but that is not theirs. The directory stays root-owned with mode 0700
/// while the prolog fills it and is handed to the user only at the end (`handOver()`), so
/// the user cannot race the staging.
final class JobDirectory: @unchecked Sendable {
    /// The absolute path (for the process's cwd and the executable's path).
    let path: String
    let fd: FileDescriptor
    let owner: LocalUser

    private init(path: String, fd: FileDescriptor, owner: LocalUser) {
        self.path = path
        self.fd = fd
        self.owner = owner
    }

    /// Makes `<jobs>/<name>` afresh with mode 0700, owned by root until `handOver()`; a
    /// leftover of an earlier attempt is removed first.
    static func create(in jobs: JobsRoot, name: String, owner: LocalUser) throws -> JobDirectory {
        if try SystemCalls.entryStatus(name, in: jobs.fd.raw) != nil {
            try removeTree(name, in: jobs.fd)
        }
        try SystemCalls.retrying("mkdirat \(name)") { mkdirat(jobs.fd.raw, name, 0o700) }
        let fd = try jobs.fd.openAt(name, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
        return JobDirectory(path: jobs.path + "/" + name, fd: fd, owner: owner)
    }

    /// Gives the directory to the job's user (mode 0700).
    func handOver() throws {
        try SystemCalls.retrying("fchown \(path)") { fchown(fd.raw, owner.uid, owner.gid) }
        try SystemCalls.retrying("fchmod \(path)") { fchmod(fd.raw, 0o700) }
    }

    /// The directory holding `relative` (a name checked by PathSafety) and the last component.
    /// With `creating`, missing directories are made (0700, owned by the user).
    func parent(of relative: String, creating: Bool) throws -> (FileDescriptor, String) {
        var components = relative.split(separator: "/").map(String.init)
        let leaf = components.removeLast()
        var current = fd
        for component in components {
            do {
                current = try current.openAt(component, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
            } catch let error as SystemCallError where error.errno == ENOTDIR {
                // O_DIRECTORY reports a link as "not a directory"; say ELOOP for a link.
                let info = try SystemCalls.entryStatus(component, in: current.raw)
                let isLink = info.map { $0.st_mode & S_IFMT == S_IFLNK } ?? false
                throw isLink ? SystemCallError("openat \(component)", errno: ELOOP) : error
            } catch let error as SystemCallError where error.errno == ENOENT && creating {
                try SystemCalls.retrying("mkdirat \(component)") { mkdirat(current.raw, component, 0o700) }
                let made = try current.openAt(component, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
                try SystemCalls.retrying("fchown \(component)") { fchown(made.raw, owner.uid, owner.gid) }
                current = made
            }
        }
        return (current, leaf)
    }

    /// Creates `relative` (which must not exist), read-write, with `mode`, owned by the user.
    func createFile(_ relative: String, mode: mode_t) throws -> FileDescriptor {
        let (directory, leaf) = try parent(of: relative, creating: true)
        let file = try directory.openAt(leaf, flags: O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW, mode: mode)
        try SystemCalls.retrying("fchmod \(relative)") { fchmod(file.raw, mode) }
        try SystemCalls.retrying("fchown \(relative)") { fchown(file.raw, owner.uid, owner.gid) }
        return file
    }

    /// Opens a file the job left behind for reading: no link anywhere on the way, a regular
    /// file, owned by the job's user. `what` names it in the message (`OUTPUT_FILES 'out.txt'`).
    func openOutput(_ relative: String, what: String) throws -> FileDescriptor {
        let file: FileDescriptor
        do {
            let (directory, leaf) = try parent(of: relative, creating: false)
            // O_NONBLOCK: a FIFO left by the job must not hang the gatekeeper.
            file = try directory.openAt(leaf, flags: O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        } catch let error as SystemCallError {
            switch error.errno {
            case ENOENT, ENOTDIR:
                throw ExecError(.missingOutput, "\(what) was not created by the job", path: relative, underlying: error)
            case ELOOP:
                throw ExecError(.unsafePath, "\(what) is or passes through a symbolic link; it is not staged out",
                                hint: "write the output as a regular file inside the job's directory",
                                path: relative, underlying: error)
            default:
                throw ExecError(.io, "\(what) cannot be opened", path: relative, underlying: error)
            }
        }
        let info = try file.status()
        guard SystemCalls.isRegular(info) else {
            throw ExecError(.unsafePath, "\(what) is not a regular file; it is not staged out", path: relative)
        }
        guard info.st_uid == owner.uid else {
            throw ExecError(.unsafePath, "\(what) is owned by uid \(info.st_uid), not by \(owner.name); it is not staged out",
                            hint: "a job may only stage out files it wrote itself (not links to other users' files)",
                            path: relative)
        }
        return file
    }

    /// Removes `name` in `parent` and everything below it, never following a link.
    static func removeTree(_ name: String, in parent: FileDescriptor) throws {
        guard let info = try SystemCalls.entryStatus(name, in: parent.raw) else { return }
        if SystemCalls.isDirectory(info) {
            do {
                let directory = try parent.openAt(name, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
                for entry in try entries(of: directory) {
                    try removeTree(entry, in: directory)
                }
            } catch let error as SystemCallError where error.errno == ELOOP || error.errno == ENOTDIR {
                // Replaced by a link or a file since fstatat: unlink that instead.
                try SystemCalls.retrying("unlinkat \(name)") { unlinkat(parent.raw, name, 0) }
                return
            }
            try SystemCalls.retrying("rmdir \(name)") { unlinkat(parent.raw, name, AT_REMOVEDIR) }
        } else {
            do {
                try SystemCalls.retrying("unlinkat \(name)") { unlinkat(parent.raw, name, 0) }
            } catch let error as SystemCallError where error.errno == ENOENT {
                return
            }
        }
    }

    /// The names in a directory, without `.` and `..`.
    static func entries(of directory: FileDescriptor) throws -> [String] {
        let copy = try SystemCalls.retrying("dup") { dup(directory.raw) }
        guard let stream = fdopendir(copy) else {
            let code = errno
            close(copy)
            throw SystemCallError("fdopendir", errno: code)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

/// The directory that holds every job's directory (`/var/lib/vgrid/gatekeeper/jobs`).
///
/// Made (mode 0711: users reach their own job's directory but cannot list the others) when
/// missing; refused when another user owns it or others may write to it, since a job
/// directory below it would then not be safe.
struct JobsRoot: Sendable {
    let path: String
    let fd: FileDescriptor

    static func open(_ path: String) throws -> JobsRoot {
        guard path.hasPrefix("/") else {
            throw ExecError(.jobDirectory, "the jobs directory '\(path)' is not an absolute path", path: path)
        }
        do {
            try makeDirectories(path)
            let fd = try FileDescriptor.opening(path, flags: O_RDONLY | O_DIRECTORY)
            let info = try fd.status()
            guard info.st_uid == geteuid() else {
                throw ExecError(.jobDirectory, "the jobs directory '\(path)' is owned by uid \(info.st_uid), not by the gatekeeper",
                                hint: "chown root \(path)", path: path)
            }
            guard info.st_mode & 0o022 == 0 else {
                throw ExecError(.jobDirectory, "the jobs directory '\(path)' may be written by other users",
                                hint: "chmod 0711 \(path)", path: path)
            }
            return JobsRoot(path: path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path, fd: fd)
        } catch let error as SystemCallError {
            throw ExecError(.jobDirectory, "the jobs directory '\(path)' cannot be made or opened", path: path, underlying: error)
        }
    }

    /// `mkdir -p`: parents 0755, the last one 0711.
    private static func makeDirectories(_ path: String) throws {
        var prefix = ""
        let components = path.split(separator: "/")
        for (index, component) in components.enumerated() {
            prefix += "/" + component
            let mode: mode_t = index == components.count - 1 ? 0o711 : 0o755
            if mkdir(prefix, mode) != 0 && errno != EEXIST {
                throw SystemCallError("mkdir \(prefix)", errno: errno)
            }
        }
    }
}
