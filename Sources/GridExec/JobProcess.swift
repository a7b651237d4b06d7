import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How a job's program ended.
public enum JobExitStatus: Sendable, Hashable, CustomStringConvertible {
    /// It exited with this code.
    case code(Int32)
    /// A signal ended it.
    case signal(Int32)

    /// The EXIT column of gwps: the code, or 128 + the signal number, as a shell shows it.
    public var exitCode: Int {
        switch self {
        case .code(let code): return Int(code)
        case .signal(let signal): return 128 + Int(signal)
        }
    }

    public var description: String {
        switch self {
        case .code(let code): return "exit code \(code)"
        case .signal(let signal): return "signal \(signal)"
        }
    }
}

/// A running job: the process `posix_spawn` started (the user-switch tool, which execs the
/// program in place) and its process group, whose id is the pid.
///
/// The leader is waited for on a thread of its own with `waitid(WNOWAIT)`: when it has
/// exited, what is left of its group is killed *before* the leader is reaped, so the group
/// id cannot have been reused by then. Signals are sent under the same lock and never after
/// the reap.
final class JobProcess: @unchecked Sendable {
    let pid: pid_t
    private let lock = NSLock()
    private var reaped = false

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `argv` (argv[0] is an absolute path) with exactly `environment`, in `directory`,
    /// in a new process group, with default signal handling and an empty signal mask, the
    /// three descriptors as its stdin/stdout/stderr and no other descriptor inherited.
    static func spawn(argv: [String], environment: [String], directory: String,
                      stdin: Int32, stdout: Int32, stderr: Int32) throws -> JobProcess {
        guard let addChdir = SpawnExtensions.addChdir else {
            throw ExecError(.spawnFailed, "this C library has no posix_spawn_file_actions_addchdir_np",
                            hint: "the gatekeeper needs glibc 2.29 or newer")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        _ = directory.withCString { addChdir(&actions, $0) }
        // Everything the gatekeeper opens is close-on-exec; closefrom covers what a library forgot.
        if let addClosefrom = SpawnExtensions.addClosefrom { _ = addClosefrom(&actions, 3) }

        var pid: pid_t = 0
        let status = withCStringArray(argv) { cArguments in
            withCStringArray(environment) { cEnvironment in
                posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
            }
        }
        guard status == 0 else {
            throw ExecError(.spawnFailed, "cannot start '\(argv[0])'", path: argv[0],
                            underlying: SystemCallError("posix_spawn", errno: status))
        }
        return JobProcess(pid: pid)
    }

    /// Sends `signal` to every process of the job's group; false when the job is already reaped.
    @discardableResult
    func signalGroup(_ signal: Int32) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !reaped else { return false }
        kill(-pid, signal)
        return true
    }

    /// True until the job has been reaped.
    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !reaped
    }

    /// Waits for the program to end, kills the rest of its process group and reaps it.
    func waitForExit() async -> JobExitStatus {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: self.blockingWait()) }
            thread.name = "vgrid-job-\(pid)"
            thread.start()
        }
    }

    private func blockingWait() -> JobExitStatus {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        lock.lock()
        defer { lock.unlock() }
        // Background children of the job die with it; the unreaped leader still holds the group id.
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, 0) } while result == -1 && errno == EINTR
        reaped = true
        // Only when someone else reaped our child (a waitpid(-1) elsewhere in the process).
        guard result == pid else { return .code(255) }
        let signal = status & 0x7f
        return signal == 0 ? .code((status >> 8) & 0xff) : .signal(signal)
    }
}

/// glibc's `_np` spawn file actions, which Swift's Glibc module does not import.
enum SpawnExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }
    static let addClosefrom: AddClosefrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddClosefrom.self) }

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        let handle = dlopen(nil, RTLD_NOW)
        return dlsym(handle, name)
    }
}

/// Calls `body` with a NULL-terminated C array of copies of `strings`.
func withCStringArray<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}
