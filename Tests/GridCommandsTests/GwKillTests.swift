import Foundation
import GridTools
import GridWire
import Testing
@testable import GridCommands

@Suite(.serialized) struct GwKillTests {
    /// Job 2 refuses every signal (it is pending and cannot be stopped); the others accept.
    static let answer: FakeGwd.Answer = { request in
        switch request {
        case .listJobs(let query):
            return .jobs(JobList(jobs: Fixtures.arrayJobs.filter { $0.arrayID == query.arrayID }))
        case .signal(let signal):
            return .signalled(SignalResult(outcomes: signal.ids.map {
                $0 == 2 ? SignalOutcome(id: 2, accepted: false, message: "the job is pend") : SignalOutcome(id: $0, accepted: true)
            }))
        default:
            throw unexpected(request)
        }
    }

    @Test func mapsEachOptionToItsSignal() throws {
        let cases: [(String, JobSignal, Bool)] = [("-k", .kill, false), ("-t", .stop, false), ("-o", .hold, false), ("-s", .resume, false),
                                                  ("-r", .reschedule, false), ("-l", .release, false), ("-9", .kill, true)]
        for (option, signal, hard) in cases {
            let command = try GwKill(options: GwKill.parser.parse([option, "1"]))
            #expect(command.signal == signal, "\(option)")
            #expect(command.hard == hard, "\(option)")
        }
        let plain = try GwKill(options: GwKill.parser.parse(["1", "2"]))
        #expect(plain.signal == .kill && plain.jobs.ids == [1, 2])
        #expect(throws: UsageError.self) { try GwKill(options: GwKill.parser.parse(["-t", "-s", "1"])) }
        #expect(throws: UsageError.self) { try GwKill(options: GwKill.parser.parse(["-t"])) }
    }

    @Test func sendsTheSignalAndSucceedsWhenAccepted() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwKill.self, ["-t", "1", "5"], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.errors.isEmpty)
            #expect(gwd.signals == [SignalRequest(ids: [1, 5], signal: .stop)])
        }
    }

    @Test func aRefusedJobIsReportedAsFailed() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwKill.self, ["-t", "1", "2"], environment: gwd.environment)
            #expect(result.status != 0)
            #expect(result.errors == "FAILED: cannot stop job 2: the job is pend\nhint: only running jobs can be stopped; gwps 2 shows its state\n")
        }
    }

    @Test func dashAResolvesTheArraysJobs() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwKill.self, ["-9", "-A", "4"], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(gwd.jobQueries == [JobQuery(arrayID: 4)])
            #expect(gwd.signals == [SignalRequest(ids: [10, 11, 12], signal: .kill, hard: true)])
        }
    }
}
