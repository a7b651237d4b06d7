import Foundation
import GridMiddleware
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Measures the host attributes a workernode publishes for gwhost and REQUIREMENTS/RANK.
///
/// Reads only `/proc` (cpuinfo, meminfo, stat) and system calls (`uname`, `statvfs`,
/// `sysconf`), so it works the same in a busybox guest; the CPU clock falls back to
/// `/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq` when cpuinfo has no MHz line.
public struct HostProbe: Sendable {
    public var hostname: String
    /// The file system whose size and free space are SIZE_DISK_MB / FREE_DISK_MB (the jobs
    /// directory; its nearest existing parent when it does not exist yet).
    public var diskPath: String
    /// The shortest window CPU_FREE is measured over: between two reports at least this far
    /// apart (the previous value is repeated for closer ones); zero uses the averages since boot.
    public var cpuSampleInterval: Duration
    public var procRoot: String
    /// The previous `/proc/stat` reading. Measuring between reports instead of sleeping keeps a
    /// report, and the job reports queued behind it, from waiting for a CPU sample.
    private let cpuWindow = CPUWindow()

    public init(hostname: String? = nil, diskPath: String = JobRunnerConfiguration.defaultJobsDirectory,
                cpuSampleInterval: Duration = .milliseconds(250), procRoot: String = "/proc") {
        self.hostname = hostname ?? SystemCalls.hostname()
        self.diskPath = diskPath
        self.cpuSampleInterval = cpuSampleInterval
        self.procRoot = procRoot
    }

    /// HOSTNAME, ARCH, OS_NAME, OS_VERSION, CPU_MODEL, CPU_MHZ, CPU_FREE, CPU_SMP,
    /// SIZE_MEM_MB, FREE_MEM_MB, SIZE_DISK_MB, FREE_DISK_MB, and the fork "queue":
    /// LRMS_NAME, LRMS_TYPE, QUEUE_NAME, NODECOUNT, QUEUE_NODECOUNT, QUEUE_FREENODECOUNT,
    /// QUEUE_MAXRUNNINGJOBS from `slots`. A value that cannot be read is left out.
    public func attributes(slots: Slots) async -> HostAttributes {
        var a = HostAttributes()
        let system = Self.systemNames()
        a["HOSTNAME"] = .string(hostname)
        a["ARCH"] = .string(system.machine)
        a["OS_NAME"] = .string(system.sysname)
        a["OS_VERSION"] = .string(system.release)

        let cpu = Self.parseCPUInfo(read("cpuinfo") ?? "")
        a["CPU_MODEL"] = .string(cpu.model ?? system.machine)
        if let mhz = cpu.mhz ?? Self.maxFrequencyMHz() { a["CPU_MHZ"] = .integer(mhz) }
        let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        a["CPU_SMP"] = .integer(cpu.processors > 0 ? cpu.processors : max(1, online))
        if let free = await cpuFree() { a["CPU_FREE"] = .integer(free) }

        if let memory = Self.parseMemInfo(read("meminfo") ?? "") {
            a["SIZE_MEM_MB"] = .integer(memory.totalMB)
            a["FREE_MEM_MB"] = .integer(memory.availableMB)
        }
        if let disk = Self.disk(diskPath) {
            a["SIZE_DISK_MB"] = .integer(disk.sizeMB)
            a["FREE_DISK_MB"] = .integer(disk.freeMB)
        }
        a["LRMS_NAME"] = "fork"
        a["LRMS_TYPE"] = "fork"
        a["QUEUE_NAME"] = "default"
        a["NODECOUNT"] = .integer(slots.total)
        a["QUEUE_NODECOUNT"] = .integer(slots.total)
        a["QUEUE_FREENODECOUNT"] = .integer(slots.free)
        a["QUEUE_MAXRUNNINGJOBS"] = .integer(slots.total)
        return a
    }

    private func read(_ name: String) -> String? {
        try? String(contentsOfFile: procRoot + "/" + name, encoding: .utf8)
    }

    /// Percent of CPU time idle since the previous measurement (or since boot for the first).
    private func cpuFree() async -> Int? {
        guard let now = Self.parseCPUTimes(read("stat") ?? "") else { return nil }
        guard cpuSampleInterval > .zero else { return Self.cpuFreePercent(from: nil, to: now) }
        return cpuWindow.free(now: now, at: ContinuousClock.now, minimumWindow: cpuSampleInterval)
    }

    private static func maxFrequencyMHz() -> Int? {
        let path = "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let kHz = Int(text.trimmed) else { return nil }
        return kHz / 1000
    }

    /// `uname`'s system name, release and machine.
    static func systemNames() -> (sysname: String, release: String, machine: String) {
        var names = utsname()
        guard uname(&names) == 0 else { return ("Linux", "", "") }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return (text(names.sysname), text(names.release), text(names.machine))
    }

    static func disk(_ path: String) -> (sizeMB: Int, freeMB: Int)? {
        var candidate = path
        var info = statvfs()
        while statvfs(candidate, &info) != 0 {
            guard errno == ENOENT, candidate != "/", !candidate.isEmpty else { return nil }
            candidate = (candidate as NSString).deletingLastPathComponent
        }
        let unit = UInt64(info.f_frsize)
        return (Int((UInt64(info.f_blocks) * unit) >> 20), Int((UInt64(info.f_bavail) * unit) >> 20))
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// The last CPU reading and value, shared by the copies of one probe.
private final class CPUWindow: @unchecked Sendable {
    private let lock = NSLock()
    private var start: (times: (idle: UInt64, total: UInt64), at: ContinuousClock.Instant)?
    private var last: Int?

    func free(now: (idle: UInt64, total: UInt64), at instant: ContinuousClock.Instant, minimumWindow: Duration) -> Int? {
        lock.withLock {
            guard let start else {
                self.start = (now, instant)
                last = HostProbe.cpuFreePercent(from: nil, to: now)
                return last
            }
            guard instant - start.at >= minimumWindow else { return last }
            last = HostProbe.cpuFreePercent(from: start.times, to: now) ?? last
            self.start = (now, instant)
            return last
        }
    }
}
