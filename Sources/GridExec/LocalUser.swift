#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The local account a grid user is mapped to (grid-mapfile), as `/etc/passwd` has it.
public struct LocalUser: Sendable, Hashable {
    public var name: String
    public var uid: uid_t
    public var gid: gid_t
    public var home: String
    public var shell: String

    public init(name: String, uid: uid_t, gid: gid_t, home: String, shell: String) {
        self.name = name
        self.uid = uid
        self.gid = gid
        self.home = home
        self.shell = shell
    }

    /// Looks `name` up; throws `.unknownUser` when there is no such account and
    /// `.refusedUser` when it is root or in root's group (uid 0 or gid 0): jobs never run as root.
    public static func lookup(_ name: String) throws -> LocalUser {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let status = getpwnam_r(name, &entry, &buffer, buffer.count, &found)
        guard status == 0, let found else {
            throw ExecError(.unknownUser, "the local user '\(name)' does not exist on this host",
                            hint: "add the account, or fix the grid-mapfile line that maps to it",
                            underlying: status == 0 ? nil : SystemCallError("getpwnam_r", errno: status))
        }
        let user = LocalUser(name: String(cString: found.pointee.pw_name), uid: found.pointee.pw_uid,
                             gid: found.pointee.pw_gid, home: String(cString: found.pointee.pw_dir),
                             shell: String(cString: found.pointee.pw_shell))
        try user.checkNotRoot()
        return user
    }

    /// Throws `.refusedUser` for uid 0 or gid 0.
    public func checkNotRoot() throws {
        if uid == 0 {
            throw ExecError(.refusedUser, "the local user '\(name)' is root (uid 0); jobs never run as root",
                            hint: "map grid users to unprivileged accounts in the grid-mapfile")
        }
        if gid == 0 {
            throw ExecError(.refusedUser, "the local user '\(name)' has root's group (gid 0); jobs never run with it",
                            hint: "give the account its own primary group")
        }
    }
}
