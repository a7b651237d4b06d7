import Foundation
@testable import Provisioning

/// A guest-agent transport for tests: records every request and answers from a closure
/// (canned replies, like swift-nio's embedded channel answers without a network).
final class RecordingTransport: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(json: String, timeout: Int)] = []
    private let answer: @Sendable (_ request: [String: Any]) -> String

    init(answer: @escaping @Sendable (_ request: [String: Any]) -> String) { self.answer = answer }

    /// Answers every request with the same reply.
    convenience init(reply: String) { self.init(answer: { _ in reply }) }

    var requests: [String] { lock.withLock { recorded.map(\.json) } }
    var timeouts: [Int] { lock.withLock { recorded.map(\.timeout) } }

    /// The requests as JSON objects.
    var decoded: [[String: Any]] {
        requests.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:] }
    }

    func agent(node: String = "intro-head") -> GuestAgent {
        GuestAgent(node: node) { [self] json, timeout in
            lock.withLock { recorded.append((json, timeout)) }
            let request = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
            return answer(request)
        }
    }
}

/// Encodes `{"return": value}` the way the agent does.
func agentReturn(_ value: Any) -> String {
    let data = try! JSONSerialization.data(withJSONObject: ["return": value], options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

let agentErrorReply = #"{"error":{"class":"GenericError","desc":"boom"}}"#

/// A small in-memory guest: runs "programs" that append to files over a few status polls,
/// and serves guest-exec, guest-exec-status and guest-file-open/seek/read/close.
final class FakeGuest: @unchecked Sendable {
    /// What the started shell does: one step per guest-exec-status poll.
    struct Program {
        /// Per poll, what is appended to stdout and stderr.
        var steps: [(out: String, err: String)]
        var exitCode: Int?
        var signal: Int?
        /// Never exits (for timeouts).
        var hangs = false
    }

    struct GuestProcess {
        var argv: [String]
        var base: String?
        var polls = 0
        var exited = false
        var killed = false
    }

    private let lock = NSLock()
    private let program: Program
    private(set) var processes: [Int: GuestProcess] = [:]
    private(set) var files: [String: [UInt8]] = [:]
    private(set) var handles: [Int: (path: String, position: Int)] = [:]
    private(set) var commands: [String] = []
    private var nextPID = 100
    private var nextHandle = 1000
    /// Largest read the guest answers at once (QEMU caps reads too).
    let maxRead: Int

    init(program: Program, maxRead: Int = 48 * 1024) {
        self.program = program
        self.maxRead = maxRead
    }

    var openHandles: Int { lock.withLock { handles.count } }
    var executed: [[String]] { lock.withLock { processes.sorted { $0.key < $1.key }.map(\.value.argv) } }
    var streamingPID: Int? { lock.withLock { processes.first { $0.value.base != nil }?.key } }
    func hasExited(_ pid: Int) -> Bool { lock.withLock { processes[pid]?.exited ?? false } }
    func file(_ path: String) -> [UInt8]? { lock.withLock { files[path] } }

    func agent() -> GuestAgent {
        GuestAgent(node: "intro-worker1") { [self] json, _ in
            let request = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
            return lock.withLock { handle(request) }
        }
    }

    private func handle(_ request: [String: Any]) -> String {
        let command = request["execute"] as? String ?? ""
        let arguments = request["arguments"] as? [String: Any] ?? [:]
        commands.append(command)
        switch command {
        case "guest-exec": return exec(arguments)
        case "guest-exec-status": return status(pid: arguments["pid"] as? Int ?? -1)
        case "guest-file-open":
            let path = arguments["path"] as? String ?? ""
            guard files[path] != nil else {
                return #"{"error":{"class":"GenericError","desc":"No such file or directory"}}"#
            }
            nextHandle += 1
            handles[nextHandle] = (path, 0)
            return agentReturn(nextHandle)
        case "guest-file-seek":
            guard let id = arguments["handle"] as? Int, handles[id] != nil,
                  let offset = arguments["offset"] as? Int, arguments["whence"] as? String == "set" else {
                return #"{"error":{"class":"GenericError","desc":"bad seek"}}"#
            }
            handles[id]!.position = offset
            return agentReturn(["position": offset, "eof": false])
        case "guest-file-read":
            guard let id = arguments["handle"] as? Int, let open = handles[id] else {
                return #"{"error":{"class":"GenericError","desc":"bad handle"}}"#
            }
            let contents = files[open.path] ?? []
            let wanted = min(arguments["count"] as? Int ?? 4096, maxRead)
            let end = min(contents.count, open.position + wanted)
            let chunk = open.position < end ? Array(contents[open.position..<end]) : []
            handles[id]!.position = max(end, open.position)
            return agentReturn(["count": chunk.count, "buf-b64": Data(chunk).base64EncodedString(),
                                "eof": end >= contents.count])
        case "guest-file-close":
            guard let id = arguments["handle"] as? Int, handles.removeValue(forKey: id) != nil else {
                return #"{"error":{"class":"GenericError","desc":"bad handle"}}"#
            }
            return agentReturn([String: Any]())
        default:
            return #"{"error":{"class":"CommandNotFound","desc":"unknown command"}}"#
        }
    }

    private func exec(_ arguments: [String: Any]) -> String {
        let argv = [arguments["path"] as? String ?? ""] + (arguments["arg"] as? [String] ?? [])
        nextPID += 1
        var process = GuestProcess(argv: argv)
        if argv.first == "/bin/sh", argv.count == 3, argv[1] == "-c",
           let range = argv[2].range(of: "/run/vgrid/exec/") {
            // The streaming wrapper: `: >BASE.out; : >BASE.err` creates both files first.
            let token = argv[2][range.upperBound...].prefix { $0 != "." && $0 != ";" && $0 != " " }
            let base = "/run/vgrid/exec/" + token
            process.base = base
            files[base + ".out"] = []
            files[base + ".err"] = []
        } else if argv.first == "/bin/rm" {
            for path in argv.dropFirst() where !path.hasPrefix("-") { files.removeValue(forKey: path) }
            process.exited = true
        } else if argv.first == "/bin/kill", let target = argv.last.flatMap(Int.init) {
            processes[target]?.killed = true
            process.exited = true
        }
        processes[nextPID] = process
        return agentReturn(["pid": nextPID])
    }

    private func status(pid: Int) -> String {
        guard var process = processes[pid] else {
            return #"{"error":{"class":"GenericError","desc":"Invalid parameter 'pid'"}}"#
        }
        guard let base = process.base else { return agentReturn(["exited": true, "exitcode": 0]) }
        if process.killed {
            process.exited = true
            processes[pid] = process
            return agentReturn(["exited": true, "signal": 9])
        }
        if process.polls < program.steps.count {
            let step = program.steps[process.polls]
            files[base + ".out", default: []] += Array(step.out.utf8)
            files[base + ".err", default: []] += Array(step.err.utf8)
        }
        process.polls += 1
        // Exits on the poll that writes the last step, so the reader must drain after exit.
        process.exited = !program.hangs && process.polls >= program.steps.count
        processes[pid] = process
        guard process.exited else { return agentReturn(["exited": false]) }
        var reply: [String: Any] = ["exited": true]
        if let code = program.exitCode { reply["exitcode"] = code }
        if let signal = program.signal { reply["signal"] = signal }
        return agentReturn(reply)
    }
}
