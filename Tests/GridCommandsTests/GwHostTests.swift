import Foundation
import GridTools
import GridWire
import Testing
@testable import GridCommands

@Suite(.serialized) struct GwHostTests {
    static let answer: FakeGwd.Answer = { request in
        guard case .listHosts(let query) = request else { throw unexpected(request) }
        if query.matchingJob != nil {
            // Matches only: the command must fetch the hosts' names itself.
            return .hosts(HostList(hosts: [], matches: [HostMatchInfo(hostID: 1, queue: "default", rank: 20, priority: 5),
                                                      HostMatchInfo(hostID: 0, queue: "default", rank: 3, priority: 1)]))
        }
        let hosts = [Fixtures.worker1, Fixtures.worker2].filter { query.ids.isEmpty || query.ids.contains($0.id) }
        return .hosts(HostList(hosts: hosts))
    }

    static let header = "HID PRI OS              ARCH   MHZ  %CPU    MEM(F/T)     DISK(F/T)  NODES(U/F/T) LRMS               HOSTNAME"
    static let worker1Row = "0   1   Linux6.6        x86_64 2400   97    900/1024   5000M/8000M         1/1/2 fork               worker1"

    @Test func printsTheHostTable() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwHost.self, [], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            let lines = result.output.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0] == Self.header)
            #expect(lines[1] == Self.worker1Row)
            // worker2 published no HOSTNAME: its name stands in.
            #expect(lines[2].hasPrefix("1   5                   aarch6    0    0"))
            #expect(lines[2].hasSuffix("0/4/4                    worker2"))
        }
    }

    @Test func oneHostAddsItsQueueTable() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwHost.self, ["0"], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == Self.header + "\n" + Self.worker1Row + "\n\n"
                + "QUEUENAME    SL(F/T) WALLT CPUT  COUNT MAXR  MAXQ  STATUS   DISPATCH   PRIORITY\n"
                + "default          1/2 0     0     0     2     0     active   immediate  NULL\n")
            #expect(gwd.hostQueries == [HostQuery(ids: [0])])
            let missing = await run(GwHost.self, ["7"], environment: gwd.environment)
            #expect(missing.status != 0)
            #expect(missing.errors.hasPrefix("FAILED: host 7 does not exist"))
        }
    }

    @Test func dashMListsMatchingHostsWithTheirNames() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwHost.self, ["-m", "5"], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == "HID QNAME      RANK  PRI  SLOTS HOSTNAME\n"
                + "1   default    20    5    4     worker2\n"
                + "0   default    3     1    1     worker1\n")
            #expect(gwd.hostQueries == [HostQuery(matchingJob: 5), HostQuery(ids: [0, 1])])
        }
    }

    @Test func fullRecordsListEveryPublishedValue() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwHost.self, ["-f", "1"], environment: gwd.environment)
            #expect(result.output == "HOST_ID=1\nHOSTNAME=worker2\nPRIORITY=5\nUSED_SLOTS=0\nARCH=aarch64\nNODECOUNT=4\nQUEUE_FREENODECOUNT=4\n\n")
            let xml = await run(GwHost.self, ["-x", "1"], environment: gwd.environment)
            #expect(xml.output.contains("<HOST_POOL>\n  <HOST HOST_ID=\"1\">\n    <HOSTNAME>worker2</HOSTNAME>\n"))
        }
    }
}
