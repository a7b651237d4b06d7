import Foundation
import GridTools
import GridWire
import Testing
@testable import GridCommands

@Suite(.serialized) struct GwWaitTests {
    /// Job 3 fails, job 9 never ends (the wait times out), array 4 holds jobs 10-12; others end with exit = id.
    static let answer: FakeGwd.Answer = { request in
        switch request {
        case .listJobs(let query):
            return .jobs(JobList(jobs: Fixtures.arrayJobs.filter { $0.arrayID == query.arrayID }))
        case .wait(let wait):
            let jobs = wait.ids.map { id -> JobExit in
                switch id {
                case 3: return JobExit(id: 3, state: "fail")
                case 9: return JobExit(id: 9, state: "wrap")
                default: return JobExit(id: id, state: "done", exitCode: id)
                }
            }
            return .waited(WaitResult(jobs: jobs, timedOut: wait.ids.contains(9)))
        default:
            throw unexpected(request)
        }
    }

    @Test func printsExitCodesAndFreesByDefault() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwWait.self, ["-v", "1", "2"], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == "1 : 1\n2 : 2\n")
            #expect(gwd.waits == [WaitRequest(ids: [1, 2])])
        }
    }

    @Test func passesAnyTimeoutAndKeep() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwWait.self, ["-akt", "30", "5"], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output.isEmpty)
            #expect(gwd.waits == [WaitRequest(ids: [5], any: true, timeoutSeconds: 30, keep: true)])
        }
    }

    @Test func aFailedJobMakesItFail() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwWait.self, ["-v", "1", "3"], environment: gwd.environment)
            #expect(result.status != 0)
            #expect(result.output == "1 : 1\n3 : --\n")
            #expect(result.errors.hasPrefix("FAILED: job 3 failed\nhint: gwps -f 3 shows the reason"))
        }
    }

    @Test func aTimeoutMakesItFail() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwWait.self, ["-t", "2", "9"], environment: gwd.environment)
            #expect(result.status != 0)
            #expect(result.errors.hasPrefix("FAILED: timed out after 2 s waiting for job 9"))
        }
    }

    @Test func dashAWaitsForTheJobsOfTheArray() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwWait.self, ["-v", "-A", "4"], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(gwd.jobQueries == [JobQuery(arrayID: 4)])
            #expect(gwd.waits.first?.ids == [10, 11, 12])
            #expect(result.output == "10 : 10\n11 : 11\n12 : 12\n")
            let empty = await run(GwWait.self, ["-A", "8"], environment: gwd.environment)
            #expect(empty.status != 0)
            #expect(empty.errors.hasPrefix("FAILED: array 8 has no jobs"))
        }
    }

    @Test func needsJobsOrAnArray() {
        #expect(throws: UsageError.self) { try GwWait(options: GwWait.parser.parse([])) }
        #expect(throws: UsageError.self) { try GwWait(options: GwWait.parser.parse(["-A", "1", "2"])) }
        #expect(throws: UsageError.self) { try GwWait(options: GwWait.parser.parse(["-t", "soon", "2"])) }
    }
}
