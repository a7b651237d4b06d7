import Testing
@testable import Provisioning

@Suite struct ClassStatusTests {
    @Test func gwuserLinesAreReadFromTheEndSoADNWithSpacesDoesNotShiftTheCounts() {
        let output = """
            alice          1001 /O=Grid/OU=GlobusTest/OU=simpleCA-intro/OU=local/CN=alice     2     1     7     1
            bob            1002 /O=Grid/OU=GlobusTest/OU=local/CN=Bob Smith                   0     0     3     0
            carol            -- --                                                            0     0    --    --
            garbage line
            """
        #expect(GwUserRow.parse(output) == [
            GwUserRow(user: "alice", jobs: 2, running: 1, done: 7, failed: 1),
            GwUserRow(user: "bob", jobs: 0, running: 0, done: 3, failed: 0),
            GwUserRow(user: "carol", jobs: 0, running: 0, done: nil, failed: nil),
        ])
    }
}
