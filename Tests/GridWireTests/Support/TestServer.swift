import Foundation
import GridCA
import NIOCore
@testable import GridWire

/// Collects a server's log events.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [WireLogEvent] = []

    var log: WireLog { WireLog { event in self.lock.withLock { self.recorded.append(event) } } }

    var events: [WireLogEvent] { lock.withLock { recorded } }

    /// The first event of `kind` (matching `predicate`), waiting for it up to `timeout`.
    func first(_ kind: WireLogEvent.Kind, timeout: Duration = .seconds(5), where predicate: (WireLogEvent) -> Bool = { _ in true }) async -> WireLogEvent? {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if let event = events.first(where: { $0.kind == kind && predicate($0) }) { return event }
            try? await Task.sleep(for: .milliseconds(10))
        } while ContinuousClock.now < deadline
        return nil
    }
}

/// Records the peers and requests a handler saw.
final class CallRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(VerifiedPeer, WireRequest)] = []

    func record(_ peer: VerifiedPeer, _ request: WireRequest) { lock.withLock { recorded.append((peer, request)) } }
    var peers: [VerifiedPeer] { lock.withLock { recorded.map(\.0) } }
    var count: Int { lock.withLock { recorded.count } }
}

/// A WireServer on 127.0.0.1 (a free port) running in a task, with its log.
final class TestServer: @unchecked Sendable {
    let server: WireServer
    let log: LogRecorder
    let calls: CallRecorder
    private let task: Task<Void, Never>

    var port: Int { server.port }

    private init(server: WireServer, log: LogRecorder, calls: CallRecorder) {
        self.server = server
        self.log = log
        self.calls = calls
        self.task = Task { await server.run() }
    }

    static func start(
        credential: GridCredential = TestLab.shared.head, policy: WireAccessPolicy = .users(),
        configure: (inout WireServerConfiguration) -> Void = { _ in }, handler: WireServer.Handler? = nil
    ) async throws -> TestServer {
        let log = LogRecorder()
        let calls = CallRecorder()
        var configuration = WireServerConfiguration(
            host: "127.0.0.1", port: 0, credential: credential, trust: TestLab.shared.trust, policy: policy, log: log.log)
        configure(&configuration)
        let respond = handler ?? TestHandlers.echo
        let server = try await WireServer.bind(configuration) { peer, call in
            calls.record(peer, call.request)
            return try await respond(peer, call)
        }
        return TestServer(server: server, log: log, calls: calls)
    }

    /// Where a client dials: `host` (checked against the certificate) at 127.0.0.1.
    func endpoint(_ host: String = "head.intro.lab") -> WireEndpoint {
        WireEndpoint(host: host, port: port, address: "127.0.0.1")
    }

    func connect(
        _ credential: GridCredential?, host: String = "head.intro.lab", trust: WireTrust = TestLab.shared.trust,
        options: WireClient.Options = WireClient.Options(connectTimeout: .seconds(10), requestTimeout: .seconds(20))
    ) async throws -> WireConnection {
        try await WireClient(credential: credential, trust: trust, options: options).connect(to: endpoint(host))
    }

    func stop() async {
        await server.shutdown(gracePeriod: .seconds(2))
        await task.value
    }
}

/// Starts a server, runs `body`, and stops the server even when `body` throws.
func withServer<T>(
    credential: GridCredential = TestLab.shared.head, policy: WireAccessPolicy = .users(),
    configure: (inout WireServerConfiguration) -> Void = { _ in }, handler: WireServer.Handler? = nil,
    _ body: (TestServer) async throws -> T
) async throws -> T {
    let server = try await TestServer.start(credential: credential, policy: policy, configure: configure, handler: handler)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

enum TestHandlers {
    /// Answers submit with the template's number as the job id, listJobs with the peer's view, and acks reports.
    static let echo: WireServer.Handler = { peer, call in
        switch call.request {
        case .submit(let submit):
            return WireReply(.submitted(SubmitResult(jobIDs: [Int(submit.template) ?? -1])))
        case .listJobs:
            let job = JobInfo(id: peer.proxyDepth, user: peer.identity, name: peer.localUser ?? "", state: peer.isLimited ? "limited" : "full")
            return WireReply(.jobs(JobList(jobs: [job])))
        case .jobState, .hostReport, .cancelJob, .cleanUp:
            return WireReply(.ack(Ack()))
        default:
            throw WireError.remote("unsupported", "'\(call.request.type)' is not handled by the echo server", hint: "use another handler")
        }
    }
}

/// The WireError a body throws, or nil.
func wireError(_ body: () async throws -> Void) async -> WireError? {
    do {
        try await body()
        return nil
    } catch let error as WireError {
        return error
    } catch {
        return WireError(.remote, "not a WireError: \(error)", hint: "")
    }
}

/// The GridCAError code under a logged WireError.
func gridCACode(_ event: WireLogEvent?) -> GridCAError.Code? {
    (event?.error?.underlying as? GridCAError)?.code
}
