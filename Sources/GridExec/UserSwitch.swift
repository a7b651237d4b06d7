#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How the root gatekeeper starts a job's program as the mapped user.
///
/// The gatekeeper never calls setuid itself (it is multi-threaded, and Swift cannot safely
/// run code between fork and exec). It `posix_spawn`s a small tool that drops to the user
/// and then execs the program in the same process, so the pid it gets is the job's pid and
/// the job's process group:
///
/// - `setpriv` (util-linux, Debian's `/usr/bin/setpriv`):
///   `setpriv --reuid=UID --regid=GID --init-groups -- PROGRAM ARGS...`.
///   BusyBox's own `setpriv` applet cannot change ids (1.35 has only --nnp and caps).
/// - `busyboxSu` (the guest image: `/bin/busybox` with the `su` applet and `sh`):
///   `busybox su -m -s /bin/sh -c 'exec "$0" "$@"' -- USER PROGRAM ARGS...`.
///   As root, busybox su asks for no password, calls initgroups/setgid/setuid, keeps the
///   environment (`-m`) and the working directory, and execs the shell, which execs the
///   program: no extra process stays behind, and the arguments are passed as positional
///   parameters, never re-parsed by the shell. (util-linux `su`/`runuser` are not used:
///   they go through PAM and keep a parent process.)
public struct UserSwitch: Sendable, Hashable {
    public enum Tool: Sendable, Hashable {
        case setpriv
        /// `shell` is the shell that busybox su runs to exec the program.
        case busyboxSu(shell: String)
    }

    public var tool: Tool
    /// The executable that is spawned (`/usr/bin/setpriv`, `/bin/busybox`).
    public var path: String

    /// util-linux `setpriv`.
    public static func setpriv(at path: String = "/usr/bin/setpriv") -> UserSwitch {
        UserSwitch(tool: .setpriv, path: path)
    }

    /// BusyBox's `su` applet, called through the busybox binary itself (so that a `/bin/su`
    /// from another package is never picked by mistake).
    public static func busyboxSu(busybox path: String = "/bin/busybox", shell: String = "/bin/sh") -> UserSwitch {
        UserSwitch(tool: .busyboxSu(shell: shell), path: path)
    }

    public init(tool: Tool, path: String) {
        self.tool = tool
        self.path = path
    }

    /// The argument vector to spawn (argv[0] is `path`) that runs `program` as `user`.
    public func command(user: LocalUser, program: String, arguments: [String]) -> [String] {
        switch tool {
        case .setpriv:
            return [path, "--reuid=\(user.uid)", "--regid=\(user.gid)", "--init-groups", "--", program] + arguments
        case .busyboxSu(let shell):
            return [path, "su", "-m", "-s", shell, "-c", "exec \"$0\" \"$@\"", "--", user.name, program] + arguments
        }
    }

    /// The first usable tool on this host: util-linux setpriv (a real binary, not a busybox
    /// applet link), else busybox's su; nil when there is neither.
    public static func detect() -> UserSwitch? {
        for candidate in ["/usr/bin/setpriv", "/bin/setpriv"] {
            if let real = resolved(candidate), !real.hasSuffix("/busybox") {
                return .setpriv(at: candidate)
            }
        }
        for candidate in ["/bin/busybox", "/usr/bin/busybox"] where access(candidate, X_OK) == 0 {
            return .busyboxSu(busybox: candidate)
        }
        return nil
    }

    private static func resolved(_ path: String) -> String? {
        guard access(path, X_OK) == 0, let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }
}
