import Foundation
import GridCA
import GridWire

/// Stands in for gwd: admits node1's gatekeeper by its host certificate and records what it reports.
final class FakeGwd: @unchecked Sendable {
    let server: WireServer
    let recorder: Recorder
    private let serving: Task<Void, Never>

    var port: Int { server.port }

    actor Recorder {
        var jobReports: [JobStateReport] = []
        var hostReports: [HostReport] = []

        func record(_ request: WireRequest) {
            switch request {
            case .jobState(let report): jobReports.append(report)
            case .hostReport(let report): hostReports.append(report)
            default: break
            }
        }

        func reports(for jobID: Int) -> [JobStateReport] { jobReports.filter { $0.job.jobID == jobID } }
    }

    private init(server: WireServer, recorder: Recorder) {
        self.server = server
        self.recorder = recorder
        serving = Task { await server.run() }
    }

    static func start(port: Int = 0, lab: TestLab = .shared) async throws -> FakeGwd {
        let recorder = Recorder()
        let configuration = WireServerConfiguration(
            host: "127.0.0.1", port: port, credential: lab.head, trust: lab.trust, policy: .services(["node1.gk.lab"]))
        let server = try await WireServer.bind(configuration) { _, call in
            await recorder.record(call.request)
            return WireReply(.ack(Ack()))
        }
        return FakeGwd(server: server, recorder: recorder)
    }

    func stop() async {
        await server.shutdown(gracePeriod: .seconds(1))
        await serving.value
    }

    /// The reports of a job once `count` of them arrived (nil if they did not within the time).
    func reports(for jobID: Int, count: Int, within seconds: Double = 20) async -> [JobStateReport]? {
        let recorder = recorder
        guard await eventually(within: seconds, { await recorder.reports(for: jobID).count >= count }) else { return nil }
        return await recorder.reports(for: jobID)
    }

    /// A free port on 127.0.0.1 (nothing listens on it when this returns).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
