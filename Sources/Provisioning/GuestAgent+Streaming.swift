import Foundation

extension GuestAgent {
    /// Runs a command in the guest and hands its output over while it runs. The agent only
    /// returns captured output at exit, so the command writes to files under /run/vgrid/exec
    /// that are read as they grow.
    public func runStreaming(_ argv: [String], user: String? = nil, input: [UInt8]? = nil, timeoutSeconds: Double? = nil,
                             stdout: (ArraySlice<UInt8>) -> Void,
                             stderr: (ArraySlice<UInt8>) -> Void) throws -> Int32 {
        let token = "\(UInt64(Date().timeIntervalSince1970 * 1000))-\(UInt32.random(in: 0...UInt32.max))"
        let base = "/run/vgrid/exec/\(token)"
        let command = argv.map(GuestAgent.shellQuote).joined(separator: " ")
        let inner = user.map { "exec su -s /bin/sh \($0) -c \(GuestAgent.shellQuote(command))" } ?? "exec \(command)"
        let script = "mkdir -p /run/vgrid/exec; : >\(base).out; : >\(base).err; (\(inner)) >\(base).out 2>\(base).err"
        let pid = try exec(["/bin/sh", "-c", script], input: input, captureOutput: false)
        defer { _ = try? exec(["/bin/rm", "-f", "\(base).out", "\(base).err"], captureOutput: false) }

        var out = GuestFileTail(agent: self, path: "\(base).out")
        var err = GuestFileTail(agent: self, path: "\(base).err")
        defer { out.close(); err.close() }
        let deadline = timeoutSeconds.map { Date().addingTimeInterval($0) }
        var delay = 0.02
        while true {
            let status = try execStatus(pid: pid)
            let gotOut = try out.readNew(into: stdout)
            let gotErr = try err.readNew(into: stderr)
            if status.exited {
                // The files are complete once the shell has exited: drain what is left.
                while try out.readNew(into: stdout) || err.readNew(into: stderr) {}
                if let signal = status.signal { return 128 + signal }
                return status.exitCode ?? 1
            }
            if let deadline, Date() > deadline {
                _ = try? exec(["/bin/kill", "-9", String(pid)], captureOutput: false)
                throw agentError("'\(argv.joined(separator: " "))' did not finish in \(Int(timeoutSeconds!)) s")
            }
            delay = (gotOut || gotErr) ? 0.02 : min(delay * 1.5, 0.2)
            Thread.sleep(forTimeInterval: delay)
        }
    }

    static func shellQuote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:@%+,".contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Follows a growing file in the guest through guest-file-open/seek/read.
struct GuestFileTail {
    let agent: GuestAgent
    let path: String
    var handle: Int?
    var offset = 0

    init(agent: GuestAgent, path: String) {
        self.agent = agent
        self.path = path
    }

    /// Reads what was appended since the last call; true when something was read.
    mutating func readNew(into sink: (ArraySlice<UInt8>) -> Void) throws -> Bool {
        if handle == nil {
            handle = try? agent.call("guest-file-open", ["path": path, "mode": "r"]) as? Int
            guard handle != nil else { return false }
        }
        // Seeking to where we are clears the stream's end-of-file mark, so growth is seen.
        _ = try agent.call("guest-file-seek", ["handle": handle!, "offset": offset, "whence": "set"])
        guard let reply = try agent.call("guest-file-read", ["handle": handle!, "count": 65536]) as? [String: Any],
              let count = reply["count"] as? Int, count > 0,
              let data = (reply["buf-b64"] as? String).flatMap({ Data(base64Encoded: $0) }) else { return false }
        offset += count
        sink(Array(data)[...])
        return true
    }

    mutating func close() {
        if let handle { _ = try? agent.call("guest-file-close", ["handle": handle]) }
        handle = nil
    }
}
