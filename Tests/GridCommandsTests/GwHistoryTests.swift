import Foundation
import GridTools
import GridWire
import Testing
@testable import GridCommands

@Suite(.serialized) struct GwHistoryTests {
    static let answer: FakeGwd.Answer = { request in
        guard case .history(let query) = request else { throw unexpected(request) }
        let start = Fixtures.start
        var first = HistoryEntry(host: HistoryHost(id: 0, name: "worker1"), start: start, end: start + 20, reason: "err ",
                                 message: "worker1 stopped answering")
        first.prologStart = start
        first.prologEnd = start + 4
        first.wrapperStart = start + 4
        first.wrapperEnd = start + 20
        var second = HistoryEntry(host: HistoryHost(id: 1, name: "worker2", queue: "batch"), start: start + 30, end: start + 95)
        second.prologStart = start + 30
        second.prologEnd = start + 33
        second.wrapperStart = start + 33
        second.wrapperEnd = start + 90
        second.epilogStart = start + 90
        second.epilogEnd = start + 95
        return .history(JobHistory(jobID: query.jobID, entries: [first, second]))
    }

    @Test func printsOneRowPerHost() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwHistory.self, ["7"], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == """
                HID START    END      PROLOG  WRAPPER EPILOG  MIGR    REASON QUEUE    HOST
                0   10:42:09 10:42:29 0:00:04 0:00:16 0:00:00 0:00:00 err    default  worker1/fork
                1   10:42:39 10:43:44 0:00:03 0:00:57 0:00:05 0:00:00 ----   batch    worker2/fork

                """)
            #expect(gwd.requests == [.history(HistoryQuery(jobID: 7))])
            let bare = await run(GwHistory.self, ["-n", "7"], environment: gwd.environment)
            #expect(bare.output.split(separator: "\n").count == 2)
        }
    }

    @Test func xmlCarriesTheFailureMessage() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwHistory.self, ["-x", "7"], environment: gwd.environment)
            #expect(result.output.hasPrefix("<?xml version=\"1.0\"?>\n<HISTORY JOB_ID=\"7\">\n  <RECORD SEQ=\"0\">\n    <HOST_ID>0</HOST_ID>\n"))
            #expect(result.output.contains("<REASON>err</REASON>\n    <MESSAGE>worker1 stopped answering</MESSAGE>"))
        }
    }

    @Test func needsOneJobID() {
        #expect(throws: UsageError.self) { try GwHistory(options: GwHistory.parser.parse([])) }
        #expect(throws: UsageError.self) { try GwHistory(options: GwHistory.parser.parse(["1", "2"])) }
    }
}
