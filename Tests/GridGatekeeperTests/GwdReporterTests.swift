import Foundation
import GridWire
import Testing
@testable import GridGatekeeper

@Suite struct GwdReporterTests {
    @Test func reportsWaitForGwdAndArriveInOrderOnceItIsUp() async throws {
        try await withFixture(gwdUp: false) { fixture in
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            try await ScriptJob(id: 30, script: "exit 5").start(on: connection)
            try await ScriptJob(id: 31, script: "echo ok").start(on: connection)
            // Both jobs end while gwd is down: their reports wait in the queue.
            let queued = await eventually { await fixture.gatekeeper.pendingReports().filter { $0.state == "done" }.count == 2 }
            #expect(queued)

            let gwd = try await fixture.startGwd()
            let first = try #require(await gwd.reports(for: 30, count: 2))
            let second = try #require(await gwd.reports(for: 31, count: 2))
            #expect(first.map(\.state) == ["actv", "done"])
            #expect(first.last?.exitCode == 5)
            #expect(second.map(\.state) == ["actv", "done"])
            #expect(await eventually { await fixture.gatekeeper.pendingReports().isEmpty })
            // A host report follows the job reports.
            #expect(await eventually { await !gwd.recorder.hostReports.isEmpty })
            await connection.close()
        }
    }
}
