import Foundation
import GridCA
import Testing

@Suite struct GridMapFileTests {
    static let text = """
        # lab grid-mapfile
        "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/OU=local/CN=Ada Lovelace" ada,guest

          "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/OU=local/CN=Bob" bob
        /O=Grid/CN=nospace   carol , dave
        """

    @Test func parsesQuotedUnquotedCommentsAndUserLists() throws {
        let map = try GridMapFile(parsing: Self.text)
        #expect(map.entries.count == 3)
        #expect(map.users(for: "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/OU=local/CN=Ada Lovelace") == ["ada", "guest"])
        #expect(map.users(for: "/O=Grid/CN=nospace") == ["carol", "dave"])
    }

    @Test func matchesDNsCaseInsensitively() throws {
        let map = try GridMapFile(parsing: Self.text)
        #expect(try map.localUser(for: "/o=grid/ou=globustest/ou=simpleca-intro/ou=local/cn=ada lovelace") == "ada")
    }

    @Test func anIdentityMissingFromTheMapIsRefused() throws {
        let map = try GridMapFile(parsing: Self.text)
        #expect(errorCode { _ = try map.localUser(for: "/O=Grid/CN=Eve") } == .identityNotMapped)
    }

    @Test func malformedLinesAreReportedWithTheirLineNumber() {
        do {
            _ = try GridMapFile(parsing: "# ok\n\"/O=Grid/CN=unterminated ada\n", location: "grid-mapfile")
            Issue.record("accepted a malformed line")
        } catch let error as GridCAError {
            #expect(error.code == .gridMapSyntax)
            #expect(error.location == "grid-mapfile:2")
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(errorCode { _ = try GridMapFile(parsing: "\"/O=Grid/CN=x\"\n") } == .gridMapSyntax)
    }

    @Test func writesWhatItReads() throws {
        var map = GridMapFile()
        map.add(dn: "/O=Grid/CN=Ada Lovelace", user: "ada")
        map.add(dn: "/o=grid/cn=ada lovelace", user: "guest")
        map.add(dn: "/O=Grid/CN=Bob", user: "bob")
        #expect(map.text == "\"/O=Grid/CN=Ada Lovelace\" ada,guest\n\"/O=Grid/CN=Bob\" bob\n")
        let directory = TestDirectory()
        try map.write(to: directory.file("grid-mapfile"))
        #expect(try GridMapFile.load(directory.file("grid-mapfile")) == map)
        map.remove(dn: "/O=GRID/CN=BOB")
        #expect(map.entries.count == 1)
    }

    @Test func verifiedProxyIdentityMapsToTheLocalAccount() throws {
        let identity = try Fixtures.verifier().verify(credential: Fixtures.proxy).identity
        var map = GridMapFile()
        map.add(dn: Fixtures.user.subject, user: "ada")
        #expect(try map.localUser(for: identity) == "ada")
    }
}
