import Foundation
import GridTools
import GridWire
import Testing
@testable import GridCommands

@Suite(.serialized) struct GwPsTests {
    static let answer: FakeGwd.Answer = { request in
        guard case .listJobs(let query) = request else { throw unexpected(request) }
        var jobs = [Fixtures.doneJob, Fixtures.pendingJob] + Fixtures.arrayJobs
        if !query.ids.isEmpty { jobs = jobs.filter { query.ids.contains($0.id) } }
        if let array = query.arrayID { jobs = jobs.filter { $0.arrayID == array } }
        return .jobs(JobList(jobs: jobs))
    }

    static let header = "USER         JID DM   EM   START    END      EXEC    XFER    EXIT NAME            HOST"
    static let doneRow = "ada:1001     1   done ---- 10:42:09 10:43:01 0:00:31 0:00:08 0    jt              worker1/fork"
    static let pendingRow = "ada:1001     2   pend ---- 10:45:00 --:--:-- 0:00:00 0:00:00 --   sleep           --"

    @Test func printsGridWaysDefaultColumns() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwPs.self, [], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.count == 7)
            #expect(lines[0] == Self.header)
            #expect(lines[1] == Self.doneRow)
            #expect(lines[2] == Self.pendingRow)
            #expect(lines[3].hasPrefix("ada:1001     10  wrap actv 10:42:09 --:--:--"))
            #expect(gwd.jobQueries == [JobQuery()])
        }
    }

    @Test func filtersByStateLetterAndHostWithoutAHeader() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let byState = await run(GwPs.self, ["-n", "-s", "iz"], environment: gwd.environment)
            #expect(byState.output == Self.doneRow + "\n" + Self.pendingRow + "\n")
            let byHost = await run(GwPs.self, ["-nr", "worker2"], environment: gwd.environment)
            #expect(byHost.output.split(separator: "\n").count == 3)
            #expect(!byHost.output.contains("worker1"))
        }
    }

    @Test func sendsTheUserArrayAndJobToGwd() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let array = await run(GwPs.self, ["-u", "bob", "-A", "4", "-o", "Ji"], environment: gwd.environment)
            #expect(array.status == 0, "\(array.errors)")
            #expect(array.output == "JID AID TID\n10  4   0\n11  4   1\n12  4   2\n")
            let one = await run(GwPs.self, ["1"], environment: gwd.environment)
            #expect(one.output.hasSuffix(Self.doneRow + "\n"))
            #expect(gwd.jobQueries == [JobQuery(user: "bob", arrayID: 4), JobQuery(ids: [1])])
        }
    }

    @Test func fullRecordsAndXML() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let full = await run(GwPs.self, ["-f", "1"], environment: gwd.environment)
            #expect(full.output.hasPrefix("JOB_ID=1\nNAME=jt\nUSER=ada\nUID=1001\nHOST=worker1/fork\n"))
            #expect(full.output.contains("JOB_STATE=done\n"))
            #expect(full.output.contains("START_TIME=06/05 10:42:09\n"))
            #expect(full.output.hasSuffix("EXIT_CODE=0\n\n"))
            let xml = await run(GwPs.self, ["-x", "1"], environment: gwd.environment)
            #expect(xml.output.hasPrefix("<?xml version=\"1.0\"?>\n<JOB_POOL>\n  <JOB JOB_ID=\"1\">\n    <NAME>jt</NAME>\n"))
            #expect(xml.output.contains("    <EXIT_CODE>0</EXIT_CODE>\n  </JOB>\n</JOB_POOL>\n"))
        }
    }

    @Test func aJobThatIsNotThereFails() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwPs.self, ["99"], environment: gwd.environment)
            #expect(result.status != 0)
            #expect(result.errors.hasPrefix("FAILED: job 99 does not exist"))
        }
    }

    @Test func badColumnsAndStatesAreUsageErrors() async {
        let columns = await run(GwPs.self, ["-o", "uQ"], environment: [:])
        #expect(columns.status != 0)
        #expect(columns.errors.hasPrefix("FAILED: option -o : 'Q' is not a gwps column"))
        #expect(throws: UsageError.self) { try GwPs(options: GwPs.parser.parse(["-s", "q"])) }
        #expect(throws: UsageError.self) { try GwPs(options: GwPs.parser.parse(["-c", "0"])) }
    }

    @Test func dashCRefreshesTheTable() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            var command = try GwPs(options: GwPs.parser.parse(["-c", "1", "-n", "-s", "z"]))
            command.refresh.maximumScreens = 2
            let result = await run(command, environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == Self.doneRow + "\n\n" + Self.doneRow + "\n")
            #expect(gwd.jobQueries.count == 2)
        }
    }
}
