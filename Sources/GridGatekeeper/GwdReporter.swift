import Foundation
import GridWire

/// Tells gwd what happens on this host, over its own connection with the host certificate.
///
/// Job reports go out in order, each retried (reconnecting, with a growing pause) until gwd acknowledges
/// it: gwd may be restarting, and a lost `done` would leave a job running forever in its view. A host
/// report (heartbeat) goes out every `heartbeat`, and at once when asked; it is made fresh when it is
/// sent and always after the job reports queued before it, so gwd never sees a job gone from the host
/// before it has seen the job end.
actor GwdReporter {
    /// Makes the host report at the moment it is sent.
    typealias HostReportSource = @Sendable () async -> HostReport

    private let endpoint: WireEndpoint
    private let client: WireClient
    private let heartbeat: Duration
    private let hostReport: HostReportSource
    private let log: ServiceLog
    private let doorbell = Doorbell()
    private var queue: [JobStateReport] = []
    private var hostReportDue = true
    private var connection: WireConnection?
    private var reachable = true
    private var loop: Task<Void, Never>?
    private var stopping = false

    static let firstPause: Duration = .milliseconds(200)
    static let longestPause: Duration = .seconds(5)

    init(endpoint: WireEndpoint, client: WireClient, heartbeat: Duration, log: ServiceLog, hostReport: @escaping HostReportSource) {
        self.endpoint = endpoint
        self.client = client
        self.heartbeat = heartbeat
        self.log = log
        self.hostReport = hostReport
    }

    func start() {
        guard loop == nil else { return }
        loop = Task { await self.run() }
    }

    /// Queues a job report; it is sent after the ones before it.
    func send(_ report: JobStateReport) {
        queue.append(report)
        doorbell.ring()
    }

    /// Sends a host report as soon as the queued job reports are out.
    func hostChanged() {
        hostReportDue = true
        doorbell.ring()
    }

    /// Job reports not yet acknowledged.
    var pending: [JobStateReport] { queue }

    /// Tries for up to `grace` to deliver what is queued, then stops.
    func stop(grace: Duration) async {
        let deadline = ContinuousClock.now + grace
        while !queue.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        stopping = true
        loop?.cancel()
        doorbell.ring()
        await loop?.value
        await connection?.close()
        connection = nil
        if !queue.isEmpty { log("reporter", "stopping with \(queue.count) report(s) gwd has not acknowledged") }
    }

    private func run() async {
        var pause = Self.firstPause
        var nextHeartbeat = ContinuousClock.now
        while !stopping, !Task.isCancelled {
            if ContinuousClock.now >= nextHeartbeat { hostReportDue = true }
            guard let work = nextWork() else {
                await doorbell.wait(timeout: nextHeartbeat - ContinuousClock.now)
                continue
            }
            if await deliver(work) {
                pause = Self.firstPause
                if case .host = work { nextHeartbeat = ContinuousClock.now + heartbeat }
            } else {
                await doorbell.wait(timeout: pause)
                pause = min(pause * 2, Self.longestPause)
            }
        }
    }

    private enum Work {
        case job(JobStateReport)
        case host
    }

    private func nextWork() -> Work? {
        if let first = queue.first { return .job(first) }
        return hostReportDue ? .host : nil
    }

    /// One attempt to deliver; true when gwd answered (acknowledged, or refused the report for good).
    private func deliver(_ work: Work) async -> Bool {
        do {
            let connection = try await connected()
            switch work {
            case .job(let report):
                try await connection.reportJobState(report)
                log("reporter", "gwd acknowledged job \(report.job.jobID).\(report.job.attempt) \(report.state)")
                queue.removeFirst()
            case .host:
                hostReportDue = false
                let report = await hostReport()
                try await connection.reportHost(report)
            }
            return true
        } catch let error as WireError where error.code == .remote {
            // gwd answered: retrying the same report would get the same answer.
            log("reporter", "gwd refused a report: \(error.message)")
            if case .job = work { queue.removeFirst() }
            return true
        } catch {
            if case .host = work { hostReportDue = true }
            if stopping || Task.isCancelled { return false }
            await lost(error)
            return false
        }
    }

    private func connected() async throws -> WireConnection {
        if let connection, connection.isOpen { return connection }
        let fresh = try await client.connect(to: endpoint)
        connection = fresh
        if !reachable { log("reporter", "connected to gwd at \(endpoint) again") }
        reachable = true
        return fresh
    }

    private func lost(_ error: any Error) async {
        if reachable {
            let reason = (error as? WireError)?.message ?? "\(error)"
            log("reporter", "cannot reach gwd at \(endpoint): \(reason); retrying (\(queue.count) job report(s) queued)")
        }
        reachable = false
        await connection?.close()
        connection = nil
    }
}
