extension HostProbe {
    /// From `/proc/cpuinfo`: the model (`model name`, else `cpu model`, `Model`, `Hardware`,
    /// `cpu`), the clock (`cpu MHz`, `clock`) and the number of `processor` entries.
    static func parseCPUInfo(_ text: String) -> (model: String?, mhz: Int?, processors: Int) {
        var fields: [String: String] = [:]
        var processors = 0
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]).trimmed
            let value = String(line[line.index(after: colon)...]).trimmed
            if key == "processor" { processors += 1 }
            if fields[key] == nil, !value.isEmpty { fields[key] = value }
        }
        let model = ["model name", "cpu model", "Model", "Hardware", "cpu"].lazy.compactMap { fields[$0] }.first
        let clock = ["cpu MHz", "clock"].lazy.compactMap { fields[$0] }.first
        let mhz = clock.flatMap { Double($0.filter { $0.isNumber || $0 == "." }) }.map { Int($0.rounded()) }
        return (model, mhz, processors)
    }

    /// From `/proc/meminfo` (kB): MemTotal and MemAvailable (before Linux 3.14:
    /// MemFree + Buffers + Cached), in MiB.
    static func parseMemInfo(_ text: String) -> (totalMB: Int, availableMB: Int)? {
        var kB: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == ":" })
            if words.count >= 2, let value = Int(words[1]) { kB[String(words[0])] = value }
        }
        guard let total = kB["MemTotal"] else { return nil }
        let available = kB["MemAvailable"] ?? ((kB["MemFree"] ?? 0) + (kB["Buffers"] ?? 0) + (kB["Cached"] ?? 0))
        return (total / 1024, available / 1024)
    }

    /// From `/proc/stat`'s `cpu` line: idle (idle + iowait) and total jiffies (user to steal).
    static func parseCPUTimes(_ text: String) -> (idle: UInt64, total: UInt64)? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let values = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard values.count >= 4 else { return nil }
        let counted = values.prefix(8)
        return (values[3] + (values.count > 4 ? values[4] : 0), counted.reduce(0, +))
    }

    /// The idle share between two samples (or of one since boot), 0...100.
    static func cpuFreePercent(from first: (idle: UInt64, total: UInt64)?, to second: (idle: UInt64, total: UInt64)) -> Int {
        let idle = second.idle &- (first?.idle ?? 0)
        let total = second.total &- (first?.total ?? 0)
        guard total > 0, idle <= total else { return 100 }
        return Int((Double(idle) * 100 / Double(total)).rounded())
    }
}
