import Foundation
import GridCA
import GridCommands
import GridTools
import GridWire

/// A test gwd: a real WireServer on 127.0.0.1 (a free port) whose handler answers with fixed data,
/// recording every request; and the `$GW_LOCATION` directory whose `var/gwd.port` points at it.
final class FakeGwd: @unchecked Sendable {
    typealias Answer = @Sendable (WireRequest) throws -> WireResponse

    let server: WireServer
    let location: URL
    private let task: Task<Void, Never>
    private let lock = NSLock()
    private var recorded: [WireRequest] = []

    private init(server: WireServer, location: URL) {
        self.server = server
        self.location = location
        task = Task { await server.run() }
    }

    /// Starts a server answering with `answer` (throw `WireError.remote` to refuse a request).
    static func start(_ answer: @escaping Answer) async throws -> FakeGwd {
        let lab = GridWayTestLab.shared
        let box = RequestSink()
        let configuration = WireServerConfiguration(host: "127.0.0.1", port: 0, credential: lab.head, trust: lab.trust, policy: .users())
        let server = try await WireServer.bind(configuration) { _, call in
            box.gwd?.record(call.request)
            return WireReply(try answer(call.request))
        }
        let location = FileManager.default.temporaryDirectory.appendingPathComponent("gw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: location.appendingPathComponent("var"), withIntermediateDirectories: true)
        try GwdLocation.portFileText(host: "head.test", port: server.port, address: "127.0.0.1")
            .write(to: location.appendingPathComponent("var/gwd.port"), atomically: true, encoding: .utf8)
        let gwd = FakeGwd(server: server, location: location)
        box.gwd = gwd
        return gwd
    }

    private func record(_ request: WireRequest) { lock.withLock { recorded.append(request) } }

    /// Every request so far except the hello of each connection.
    var requests: [WireRequest] {
        lock.withLock { recorded.filter { if case .hello = $0 { return false } else { return true } } }
    }

    var submissions: [SubmitRequest] { requests.compactMap { if case .submit(let body) = $0 { return body } else { return nil } } }
    var jobQueries: [JobQuery] { requests.compactMap { if case .listJobs(let body) = $0 { return body } else { return nil } } }
    var waits: [WaitRequest] { requests.compactMap { if case .wait(let body) = $0 { return body } else { return nil } } }
    var signals: [SignalRequest] { requests.compactMap { if case .signal(let body) = $0 { return body } else { return nil } } }
    var hostQueries: [HostQuery] { requests.compactMap { if case .listHosts(let body) = $0 { return body } else { return nil } } }

    /// The environment of a student pointing at this gwd.
    var environment: [String: String] {
        let lab = GridWayTestLab.shared
        return ["GW_LOCATION": location.path, "X509_USER_PROXY": lab.proxyFile.path, "X509_CERT_DIR": lab.trustDirectory.path, "TZ": "UTC"]
    }

    func stop() async {
        await server.shutdown(gracePeriod: .seconds(2))
        await task.value
        try? FileManager.default.removeItem(at: location)
    }

    /// Starts a gwd, runs `body`, stops the gwd even when `body` throws.
    static func with<T>(_ answer: @escaping Answer, _ body: (FakeGwd) async throws -> T) async throws -> T {
        let gwd = try await start(answer)
        do {
            let result = try await body(gwd)
            await gwd.stop()
            return result
        } catch {
            await gwd.stop()
            throw error
        }
    }
}

/// Lets the handler (made before the FakeGwd exists) reach it.
private final class RequestSink: @unchecked Sendable {
    var gwd: FakeGwd?
}

/// A request the test gwd does not expect.
func unexpected(_ request: WireRequest) -> WireError {
    WireError.remote("unsupported", "the test gwd does not answer '\(request.type)'", hint: "add it to the test's handler")
}
