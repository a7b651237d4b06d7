import Foundation

/// Talks the QEMU guest agent protocol (the same one `virsh qemu-agent-command` speaks) to a
/// node, through whatever transport `send` provides (libvirt's agent command in vgrid).
public struct GuestAgent: Sendable {
    /// Sends one JSON command and returns the JSON reply; the Int is a timeout in seconds.
    public typealias Transport = @Sendable (_ json: String, _ timeoutSeconds: Int) throws -> String

    public struct ExecStatus: Sendable, Equatable {
        public var exited: Bool
        public var exitCode: Int32?
        public var signal: Int32?
        public var stdout: [UInt8]
        public var stderr: [UInt8]
    }

    let node: String
    let send: Transport

    public init(node: String, transport: @escaping Transport) {
        self.node = node
        self.send = transport
    }

    /// One round trip; the guest image starts the agent only once the seed is applied, so
    /// an answer means the node is ready.
    public func ping(timeoutSeconds: Int = 5) throws {
        _ = try call("guest-ping", [:], timeout: timeoutSeconds)
    }

    public func hostname() throws -> String {
        let reply = try call("guest-get-host-name", [:])
        return (reply as? [String: Any])?["host-name"] as? String ?? ""
    }

    /// Starts a program in the guest (PATH is searched) and returns its pid.
    public func exec(_ argv: [String], input: [UInt8]? = nil, captureOutput: Bool = true) throws -> Int {
        precondition(!argv.isEmpty)
        var arguments: [String: Any] = ["path": argv[0], "arg": Array(argv.dropFirst()),
                                        "capture-output": captureOutput]
        if let input { arguments["input-data"] = Data(input).base64EncodedString() }
        guard let pid = (try call("guest-exec", arguments) as? [String: Any])?["pid"] as? Int else {
            throw agentError("guest-exec returned no pid")
        }
        return pid
    }

    public func execStatus(pid: Int) throws -> ExecStatus {
        guard let reply = try call("guest-exec-status", ["pid": pid]) as? [String: Any] else {
            throw agentError("guest-exec-status returned no status")
        }
        func bytes(_ key: String) -> [UInt8] {
            (reply[key] as? String).flatMap { Data(base64Encoded: $0) }.map { Array($0) } ?? []
        }
        return ExecStatus(exited: reply["exited"] as? Bool ?? false,
                          exitCode: (reply["exitcode"] as? Int).map(Int32.init),
                          signal: (reply["signal"] as? Int).map(Int32.init),
                          stdout: bytes("out-data"), stderr: bytes("err-data"))
    }

    /// Runs a command to completion and returns its status with all output.
    public func run(_ argv: [String], timeoutSeconds: Double = 60) throws -> ExecStatus {
        let pid = try exec(argv)
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var delay = 0.02
        while true {
            let status = try execStatus(pid: pid)
            if status.exited { return status }
            if Date() > deadline { throw agentError("'\(argv.joined(separator: " "))' did not finish in \(Int(timeoutSeconds)) s") }
            Thread.sleep(forTimeInterval: delay)
            delay = min(delay * 2, 0.25)
        }
    }

    /// The guest's interfaces with their MAC and IPv4 addresses (`guest-network-get-interfaces`).
    public func networkInterfaces() throws -> [(mac: String, ipv4: [String])] {
        guard let list = try call("guest-network-get-interfaces", [:]) as? [[String: Any]] else { return [] }
        return list.compactMap { entry in
            guard let mac = entry["hardware-address"] as? String else { return nil }
            let addresses = (entry["ip-addresses"] as? [[String: Any]] ?? [])
                .filter { $0["ip-address-type"] as? String == "ipv4" }
                .compactMap { $0["ip-address"] as? String }
            return (mac, addresses)
        }
    }

    /// Writes a whole file in the guest (used to push /etc/hosts to running nodes).
    public func writeFile(_ path: String, contents: [UInt8]) throws {
        guard let handle = try call("guest-file-open", ["path": path, "mode": "w"]) as? Int else {
            throw agentError("guest-file-open returned no handle for \(path)")
        }
        defer { _ = try? call("guest-file-close", ["handle": handle]) }
        _ = try call("guest-file-write", ["handle": handle, "buf-b64": Data(contents).base64EncodedString()])
    }

    // MARK: - protocol

    func call(_ command: String, _ arguments: [String: Any], timeout: Int = 10) throws -> Any {
        var request: [String: Any] = ["execute": command]
        if !arguments.isEmpty { request["arguments"] = arguments }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: request, options: [.sortedKeys]), as: UTF8.self)
        let replyText = try send(json, timeout)
        guard let reply = try? JSONSerialization.jsonObject(with: Data(replyText.utf8)) as? [String: Any] else {
            throw agentError("unreadable reply to \(command): \(replyText.prefix(200))")
        }
        if let error = reply["error"] as? [String: Any] {
            throw agentError("\(command) failed: \(error["desc"] as? String ?? "\(error)")")
        }
        return reply["return"] ?? [:]
    }

    func agentError(_ message: String) -> ProvisioningError {
        ProvisioningError(.agent, "\(node): guest agent: \(message)", subject: node)
    }
}
