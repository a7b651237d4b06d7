import Foundation
import GridTools
import GridWire
import Testing
@testable import GridCommands

@Suite(.serialized) struct GwAcctAndUserTests {
    static let answer: FakeGwd.Answer = { request in
        switch request {
        case .accounting(let query):
            let name = query.groupBy == .host ? "worker1" : "ada"
            return .accounting(AccountingReport(rows: [AccountingRow(name: name, executionSeconds: 3725, suspensionSeconds: 0, transferSeconds: 42,
                                                                     succeeded: 5, failed: 1, killed: 2, migrated: 0)]))
        case .listUsers:
            return .users(UserList(users: [UserInfo(user: "ada", uid: 1001, dn: "/O=Grid/CN=Ada Lovelace", jobs: 4, running: 1, done: 7, failed: 1),
                                           UserInfo(user: "bob", uid: -1, dn: nil, jobs: 0, running: 0)]))
        default:
            throw unexpected(request)
        }
    }

    @Test func gwacctTotalsPerUser() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwAcct.self, ["-u", "ada", "-d", "7"], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == """
                USER              EXEC      SUSP      XFER  SUCC  FAIL  KILL  MIGR
                ada            1:02:05   0:00:00   0:00:42     5     1     2     0

                """)
            guard case .accounting(let query)? = gwd.requests.first else {
                Issue.record("no accounting request")
                return
            }
            #expect(query.groupBy == .user && query.user == "ada" && query.host == nil)
            let since = try #require(query.since)
            #expect(abs(since.timeIntervalSinceNow + 7 * 86_400) < 60)
        }
    }

    @Test func gwacctPerHost() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwAcct.self, ["-n", "-r", "worker1"], environment: gwd.environment)
            #expect(result.output.hasPrefix("worker1 "))
            guard case .accounting(let query)? = gwd.requests.first else {
                Issue.record("no accounting request")
                return
            }
            #expect(query.groupBy == .host && query.host == "worker1" && query.since == nil)
        }
        #expect(throws: UsageError.self) { try GwAcct(options: GwAcct.parser.parse(["-u", "ada", "-r", "w"])) }
    }

    @Test func gwuserListsUsers() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwUser.self, [], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == """
                USER            UID DN                       JOBS   RUN  DONE  FAIL
                ada            1001 /O=Grid/CN=Ada Lovelace     4     1     7     1
                bob              -- --                          0     0    --    --

                """)
        }
    }
}
