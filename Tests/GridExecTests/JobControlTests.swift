import Foundation
import Testing
@testable import GridExec

@Suite(.enabled(if: TestUser.canSwitchUsers, "needs root to switch users"))
struct JobControlTests {
    /// Starts `script`, waits until its process group has `members` live processes.
    func startGroup(_ fixture: ExecFixture, _ script: String, members: Int) async throws -> (RunningJob, Int32) {
        let job = try await fixture.runner.start(try fixture.scriptSpec(script), stageOut: fixture.sink)
        let pid = try #require(await startedPID(job))
        #expect(await eventually { ProcessEntry.group(pid).count >= members }, "the job's processes did not all start")
        return (job, pid)
    }

    @Test func cancelKillsTheJobAndItsChildrenQuickly() async throws {
        let fixture = try ExecFixture(grace: .seconds(5))
        let (job, pid) = try await startGroup(fixture, "sleep 100 & sleep 100 & sleep 100", members: 4)
        let began = Date()
        job.cancel()
        let result = await job.result
        let elapsed = Date().timeIntervalSince(began)
        guard case .cancelled = result else { Issue.record("expected cancelled, got \(result)"); return }
        #expect(elapsed < 3, "took \(elapsed) s")
        #expect(await eventually(within: 2) { ProcessEntry.group(pid).isEmpty }, "left: \(ProcessEntry.group(pid).map(\.pid))")
        #expect(!FileManager.default.fileExists(atPath: fixture.directory(7)))
        #expect(await fixture.sink.received(jobID: 7).isEmpty, "a cancelled job is not staged out")
    }

    @Test func cancelEscalatesToSIGKILLAfterTheGracePeriod() async throws {
        let fixture = try ExecFixture(grace: .milliseconds(500))
        let (job, pid) = try await startGroup(fixture, "trap '' TERM; sleep 100 & sleep 100", members: 3)
        let began = Date()
        try await fixture.runner.cancel(jobID: 7)
        let result = await job.result
        let elapsed = Date().timeIntervalSince(began)
        guard case .cancelled = result else { Issue.record("expected cancelled, got \(result)"); return }
        #expect(elapsed >= 0.4, "SIGTERM was ignored, so only SIGKILL ends it")
        #expect(elapsed < 3, "took \(elapsed) s")
        #expect(await eventually(within: 2) { ProcessEntry.group(pid).isEmpty })
    }

    @Test func cancelBeforeTheProgramStartsMeansItNeverDoes() async throws {
        let fixture = try ExecFixture()
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
        let spec = try fixture.scriptSpec("touch ran", extra: "INPUT_FILES = slow.txt", inputs: ["slow.txt": .stream(stream)])
        let job = try await fixture.runner.start(spec, stageOut: fixture.sink)
        job.cancel()
        continuation.finish()
        var names: [String] = []
        for await event in job.events {
            if case .started = event { names.append("started") }
        }
        guard case .cancelled = await job.result else { Issue.record("expected cancelled"); return }
        #expect(names.isEmpty)
    }

    @Test func aFinishedJobsBackgroundChildrenAreKilled() async throws {
        let fixture = try ExecFixture()
        let spec = try fixture.scriptSpec("sleep 100 & echo $! > /dev/null; echo started")
        let job = try await fixture.runner.start(spec, stageOut: fixture.sink)
        let pid = try #require(await startedPID(job))
        _ = await job.result
        #expect(await eventually(within: 2) { ProcessEntry.group(pid).isEmpty })
    }

    @Test func stopAndResumeTheWholeGroup() async throws {
        let fixture = try ExecFixture()
        let (job, pid) = try await startGroup(fixture, "sleep 100 & sleep 100", members: 3)
        try job.stop()
        #expect(await eventually { ProcessEntry.group(pid).allSatisfy { $0.state == "T" } }, "not every process stopped")
        try await fixture.runner.resume(jobID: 7)
        #expect(await eventually { ProcessEntry.group(pid).allSatisfy { $0.state != "T" } }, "not every process resumed")
        #expect(ProcessEntry.group(pid).count == 3)

        try job.stop()
        #expect(await eventually { ProcessEntry.group(pid).allSatisfy { $0.state == "T" } })
        job.cancel()  // a stopped job is continued so that it sees SIGTERM
        guard case .cancelled = await job.result else { Issue.record("expected cancelled"); return }
        #expect(await eventually(within: 2) { ProcessEntry.group(pid).isEmpty })
    }

    @Test func stopNeedsARunningJob() async throws {
        let fixture = try ExecFixture()
        let job = try await fixture.runner.start(try fixture.scriptSpec("true"), stageOut: fixture.sink)
        _ = await job.result
        #expect { try job.stop() } throws: { ($0 as? ExecError)?.code == .wrongState }
        await #expect { try await fixture.runner.resume(jobID: 7) } throws: { ($0 as? ExecError)?.code == .wrongState }
    }
}
