import Foundation
import GridCA
import GridWire
@testable import GridGatekeeper

/// A gatekeeper and a transfer service of `node1.gk.lab` on 127.0.0.1, reporting to a fake gwd, in a
/// scratch directory removed at the end.
final class GatekeeperFixture: @unchecked Sendable {
    let lab = TestLab.shared
    let base: String
    let gridMapPath: String
    let configuration: GatekeeperConfiguration
    let gatekeeper: Gatekeeper
    let transfer: TransferService
    /// nil while gwd is "down" (see `startGwd`).
    private(set) var gwd: FakeGwd?
    let gwdPort: Int

    /// With `gwdUp: false` nothing listens at gwd's port until `startGwd()`.
    init(gwdUp: Bool = true, slots: Int = 4) async throws {
        try TestUser.ensure()
        let top = "/tmp/vgrid-gatekeeper-tests"
        mkdir(top, 0o755)
        chmod(top, 0o755)
        base = top + "/" + UUID().uuidString
        mkdir(base, 0o755)
        gridMapPath = base + "/grid-mapfile"
        try lab.gridMapText.write(toFile: gridMapPath, atomically: true, encoding: .utf8)
        if gwdUp {
            let fake = try await FakeGwd.start()
            gwd = fake
            gwdPort = fake.port
        } else {
            gwdPort = try FakeGwd.freePort()
        }
        configuration = GatekeeperConfiguration(
            listenHost: "127.0.0.1", port: 0, transferPort: 0, gridMapFile: gridMapPath, jobsDirectory: base + "/jobs",
            spoolDirectory: base + "/spool", slots: slots, hostname: "node1.gk.lab",
            gwd: WireEndpoint(host: "head.gk.lab", port: gwdPort, address: "127.0.0.1"), heartbeat: .seconds(1),
            killGracePeriod: .milliseconds(500))
        let security = ServiceSecurity(hostCredential: lab.node1, trust: lab.trust, gridMap: GridMapWatcher(path: gridMapPath))
        gatekeeper = try await Gatekeeper.start(configuration, security: security, log: ProcessInfo.processInfo.environment["GK_TEST_LOG"] == nil ? .none : .standardError)
        transfer = try await TransferService.start(configuration, security: security)
    }

    /// Brings the fake gwd up at the port the gatekeeper reports to.
    func startGwd() async throws -> FakeGwd {
        let fake = try await FakeGwd.start(port: gwdPort)
        gwd = fake
        return fake
    }

    func stop() async {
        await gatekeeper.shutdown(gracePeriod: .seconds(1))
        await transfer.shutdown(gracePeriod: .seconds(1))
        await gwd?.stop()
        try? FileManager.default.removeItem(atPath: base)
    }

    func connect(_ credential: GridCredential) async throws -> WireConnection {
        try await WireClient(credential: credential, trust: lab.trust).connect(to: WireEndpoint(host: "node1.gk.lab", port: gatekeeper.port, address: "127.0.0.1"))
    }

    func connectTransfer(_ credential: GridCredential) async throws -> WireConnection {
        try await WireClient(credential: credential, trust: lab.trust).connect(to: WireEndpoint(host: "node1.gk.lab", port: transfer.port, address: "127.0.0.1"))
    }

    /// The attempt spools on disk now.
    func spools() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: configuration.spoolDirectory)) ?? []
    }
}

/// A job for the gatekeeper: a /bin/sh script staged as `job.sh`, more staged inputs, more template lines.
struct ScriptJob {
    var id: Int
    var script: String
    var inputs: [String: String] = [:]
    var extra: String = ""
    var attempt = 0

    var key: JobAttempt { JobAttempt(jobID: id, attempt: attempt) }

    var template: String {
        """
        EXECUTABLE = job.sh
        STDOUT_FILE = stdout.\(id)
        STDERR_FILE = stderr.\(id)
        \(extra)
        """
    }

    /// Stages the script and the inputs, then starts the job.
    @discardableResult
    func start(on connection: WireConnection, interactive: Bool = false) async throws -> JobStarted {
        _ = try await connection.stageIn(FileTransfer(job: key, path: "job.sh", mode: 0o755), data: .of(Data("#!/bin/sh\n\(script)\n".utf8)))
        for (name, text) in inputs {
            _ = try await connection.stageIn(FileTransfer(job: key, path: name), data: .of(Data(text.utf8)))
        }
        return try await connection.startJob(StartJob(
            job: key, template: template, variables: JobVariables(jobID: id), inputs: ["job.sh"] + inputs.keys.sorted(), interactive: interactive))
    }
}

extension WireConnection {
    /// A kept output's text.
    func output(_ job: JobAttempt, _ name: String) async throws -> String {
        let (_, data) = try await stageOut(FileTransfer(job: job, path: name))
        return String(decoding: try await data.collect(), as: UTF8.self)
    }
}

/// Runs `body` with a fresh fixture and stops it afterwards, also when `body` throws.
func withFixture(gwdUp: Bool = true, _ body: (GatekeeperFixture) async throws -> Void) async throws {
    let fixture = try await GatekeeperFixture(gwdUp: gwdUp)
    do {
        try await body(fixture)
    } catch {
        await fixture.stop()
        throw error
    }
    await fixture.stop()
}
