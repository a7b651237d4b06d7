import Foundation
import GridWire
import Testing
@testable import GridGatekeeper

@Suite struct GatekeeperJobTests {
    @Test func runsAStagedJobAsTheMappedUserAndKeepsItsOutputsUntilCleanUp() async throws {
        try await withFixture { fixture in
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            let job = ScriptJob(id: 7, script: "id -un; id -u; cat in.txt > out.txt; echo oops >&2",
                                inputs: ["in.txt": "hello grid\n"], extra: "INPUT_FILES = in.txt\nOUTPUT_FILES = out.txt")
            let started = try await job.start(on: connection)
            #expect(started.job == job.key)

            let reports = try #require(await fixture.gwd?.reports(for: 7, count: 2))
            #expect(reports.map(\.state) == ["actv", "done"])
            let done = reports[1]
            #expect(done.exitCode == 0)
            #expect(done.host == "node1.gk.lab")
            #expect(Set(done.outputs.map(\.name)) == ["stdout.7", "stderr.7", "out.txt"])
            #expect(done.outputs.first { $0.name == "out.txt" }?.size == 11)

            #expect(try await connection.output(job.key, "stdout.7") == "\(TestUser.name)\n\(TestUser.uid)\n")
            #expect(try await connection.output(job.key, "stderr.7") == "oops\n")
            #expect(try await connection.output(job.key, "out.txt") == "hello grid\n")
            #expect(fixture.spools().count == 1)

            try await connection.cleanUp(CleanUpJob(job: job.key))
            #expect(fixture.spools().isEmpty)
            await #expect(throws: WireError.self) { _ = try await connection.output(job.key, "out.txt") }
            await connection.close()
        }
    }

    @Test func aNonZeroExitIsDoneWithThatCode() async throws {
        try await withFixture { fixture in
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            try await ScriptJob(id: 8, script: "echo partial; exit 3").start(on: connection)
            let reports = try #require(await fixture.gwd?.reports(for: 8, count: 2))
            #expect(reports.last?.state == "done")
            #expect(reports.last?.exitCode == 3)
            #expect(try await connection.output(JobAttempt(jobID: 8), "stdout.8") == "partial\n")
            await connection.close()
        }
    }

    @Test func aMissingOutputFailsTheJobNamingTheFile() async throws {
        try await withFixture { fixture in
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            try await ScriptJob(id: 9, script: "true", extra: "OUTPUT_FILES = result.dat").start(on: connection)
            let reports = try #require(await fixture.gwd?.reports(for: 9, count: 2))
            let end = try #require(reports.last)
            #expect(end.state == "fail")
            #expect(end.exitCode == nil)
            #expect(end.message?.contains("result.dat") == true, "message: \(end.message ?? "nil")")
            // Nothing to fetch: the failed attempt's spool is gone.
            #expect(await eventually { fixture.spools().isEmpty })
            await connection.close()
        }
    }

    @Test func cancellingARunningJobEndsItAsFailedCancelled() async throws {
        try await withFixture { fixture in
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            try await ScriptJob(id: 10, script: "sleep 60").start(on: connection)
            let running = try #require(await fixture.gwd?.reports(for: 10, count: 1))
            #expect(running.first?.state == "actv")
            let started = Date()
            try await connection.cancelJob(CancelJob(job: JobAttempt(jobID: 10), reason: "kill"))
            let reports = try #require(await fixture.gwd?.reports(for: 10, count: 2))
            #expect(reports.last?.state == "fail")
            #expect(reports.last?.message == "cancelled")
            #expect(Date().timeIntervalSince(started) < 10)
            await connection.close()
        }
    }

    @Test func pathTraversalInOutputsOrInputsFailsTheJobAsUnsafe() async throws {
        try await withFixture { fixture in
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            try await ScriptJob(id: 11, script: "echo x > x", extra: "OUTPUT_FILES = ../../etc/x").start(on: connection)
            try await ScriptJob(id: 12, script: "true", inputs: ["in.txt": "x"], extra: "INPUT_FILES = in.txt ../../escaped").start(on: connection)
            for id in [11, 12] {
                let reports = try #require(await fixture.gwd?.reports(for: id, count: 1))
                #expect(reports.map(\.state) == ["fail"], "job \(id) never ran")
                #expect(reports[0].message?.contains("'..'") == true, "message: \(reports[0].message ?? "nil")")
            }
            #expect(!FileManager.default.fileExists(atPath: fixture.base + "/escaped"))
            #expect(!FileManager.default.fileExists(atPath: fixture.base + "/etc/x"))
            await connection.close()
        }
    }

    @Test func stagingKeysAreNeverPaths() async throws {
        try await withFixture { fixture in
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            let key = JobAttempt(jobID: 13)
            _ = try await connection.stageIn(FileTransfer(job: key, path: "../../../../tmp/planted"), data: .of(Data("x".utf8)))
            #expect(!FileManager.default.fileExists(atPath: "/tmp/planted"))
            let spool = try #require(fixture.spools().first)
            let inbox = try FileManager.default.contentsOfDirectory(atPath: fixture.configuration.spoolDirectory + "/" + spool + "/in")
            #expect(inbox == [AttemptSpool.fileName(for: "../../../../tmp/planted")])
            try await connection.cancelJob(CancelJob(job: key))
            #expect(fixture.spools().isEmpty)
            await connection.close()
        }
    }

    @Test func interactiveJobsGetNegativeIdsAndAreNotReportedToGwd() async throws {
        try await withFixture { fixture in
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            let started = try await ScriptJob(id: -1_234_567_890, script: "echo hi; exit 4").start(on: connection, interactive: true)
            #expect(started.job.jobID < 0)
            #expect(started.job.jobID != -1_234_567_890)
            let ended = try await connection.waitJob(WaitJob(job: started.job))
            #expect(ended.report.state == "done")
            #expect(ended.report.exitCode == 4)
            let stdout = try #require(ended.report.outputs.first { $0.kind == "stdout" })
            #expect(try await connection.output(started.job, stdout.name) == "hi\n")
            try await connection.cleanUp(CleanUpJob(job: started.job))
            await #expect(throws: WireError.self) { _ = try await connection.waitJob(WaitJob(job: started.job)) }
            // A gwd job after it shows the reporter is working, and nothing about the interactive one came.
            try await ScriptJob(id: 14, script: "true").start(on: connection)
            _ = try #require(await fixture.gwd?.reports(for: 14, count: 2))
            let all = try #require(await fixture.gwd?.recorder.jobReports)
            #expect(all.allSatisfy { $0.job.jobID >= 0 })
            await connection.close()
        }
    }

    @Test func hostReportsCarryTheProbedAttributesAndTheRunningAttempts() async throws {
        try await withFixture { fixture in
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            try await ScriptJob(id: 15, script: "sleep 30").start(on: connection)
            let gwd = try #require(fixture.gwd)
            let listed = await eventually {
                await gwd.recorder.hostReports.contains { $0.running.contains(JobAttempt(jobID: 15)) }
            }
            #expect(listed)
            let report = try #require(await gwd.recorder.hostReports.last)
            #expect(report.host == "node1.gk.lab")
            #expect(report.attributes["HOSTNAME"] == .string("node1.gk.lab"))
            #expect(report.attributes["NODECOUNT"] == .integer(4))
            #expect(report.attributes["LRMS_NAME"] == .string("fork"))
            try await connection.cancelJob(CancelJob(job: JobAttempt(jobID: 15)))
            let gone = await eventually {
                guard let last = await gwd.recorder.hostReports.last else { return false }
                return !last.running.contains(JobAttempt(jobID: 15))
            }
            #expect(gone)
            await connection.close()
        }
    }
}

@Suite struct GatekeeperShutdownTests {
    @Test func shutdownCancelsRunningJobsAndAnswersTheirWaiters() async throws {
        try await withFixture { fixture in
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            try await ScriptJob(id: 40, script: "sleep 60").start(on: connection)
            let interactive = try await ScriptJob(id: -40, script: "sleep 60").start(on: connection, interactive: true)
            _ = try #require(await fixture.gwd?.reports(for: 40, count: 1))
            let waiter = Task { try await connection.waitJob(WaitJob(job: interactive.job)) }
            // Shut down only once the gatekeeper really has the wait in flight (a fixed sleep races on a busy machine).
            #expect(await eventually { await fixture.gatekeeper.jobs.waiting == 1 })
            let started = Date()
            await fixture.gatekeeper.shutdown(gracePeriod: .seconds(3))
            #expect(Date().timeIntervalSince(started) < 10)
            let ended = try await waiter.value
            #expect(ended.report.state == "fail")
            #expect(ended.report.message == "cancelled")
            // gwd heard of the end before the gatekeeper stopped.
            let reports = try #require(await fixture.gwd?.reports(for: 40, count: 2, within: 1))
            #expect(reports.last?.message == "cancelled")
            await connection.close()
        }
    }
}
