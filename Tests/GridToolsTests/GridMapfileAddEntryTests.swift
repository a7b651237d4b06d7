import Foundation
import GridCA
import GridTools
import Testing

@Suite struct GridMapfileAddEntryTests {
    @Test func addsALineThatGridMapFileMaps() throws {
        let lab = try Lab()
        let result = lab.run(["grid-mapfile-add-entry", "-dn", Fixtures.userSubject, "-ln", "ada"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Modifying \(lab.gridMapFile) ...\nNew entry:\n\"\(Fixtures.userSubject)\" ada\n(1) entry added\n")
        let map = try GridMapFile.load(URL(fileURLWithPath: lab.gridMapFile))
        #expect(try map.localUser(for: Fixtures.userSubject) == "ada")
        #expect(lab.directory.mode(of: "grid-security/grid-mapfile") == 0o644)
    }

    @Test func refusesADuplicateMapping() throws {
        let lab = try Lab()
        #expect(lab.run(["grid-mapfile-add-entry", "-dn", Fixtures.userSubject, "-ln", "ada"]).status == 0)
        let before = try String(contentsOfFile: lab.gridMapFile, encoding: .utf8)
        let again = lab.run(["grid-mapfile-add-entry", "-dn", Fixtures.userSubject.uppercased(), "-ln", "ada"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("No changes were made - already present and ignored: ada"))
        #expect(try String(contentsOfFile: lab.gridMapFile, encoding: .utf8) == before)
    }

    @Test func anotherAccountIsAddedToTheSameEntryKeepingTheRest() throws {
        let lab = try Lab()
        lab.directory.write("# lab accounts\n\"/O=Grid/CN=Someone Else\" bob\n\"\(Fixtures.userSubject)\" ada\n", to: "grid-security/grid-mapfile")
        let result = lab.run(["grid-mapfile-add-entry", "-dn", Fixtures.userSubject, "-ln", "bob"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(1) entry modified"))
        let text = try String(contentsOfFile: lab.gridMapFile, encoding: .utf8)
        #expect(text == "# lab accounts\n\"/O=Grid/CN=Someone Else\" bob\n\"\(Fixtures.userSubject)\" ada,bob\n")
        #expect(try GridMapFile(parsing: text).users(for: Fixtures.userSubject) == ["ada", "bob"])
        #expect(lab.directory.exists("grid-security/grid-mapfile.old"))
    }

    @Test func dryRunLeavesTheFileAlone() throws {
        let lab = try Lab()
        let result = lab.run(["grid-mapfile-add-entry", "-d", "-dn", Fixtures.userSubject, "-ln", "ada"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Appending new entry \"\(Fixtures.userSubject)\" ada"))
        #expect(!lab.directory.exists("grid-security/grid-mapfile"))
    }

    @Test func unknownLocalUserIsRefusedUnlessForced() throws {
        let lab = try Lab()
        let refused = lab.run(["grid-mapfile-add-entry", "-dn", Fixtures.userSubject, "-ln", "mallory"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Local Name=mallory does *NOT* exist"))
        #expect(!lab.directory.exists("grid-security/grid-mapfile"))
        #expect(lab.run(["grid-mapfile-add-entry", "-dn", Fixtures.userSubject, "-ln", "mallory", "-force"]).status == 0)
    }

    @Test func anUnquotedDNWithSpacesGetsAQuotingHint() throws {
        let lab = try Lab()
        let result = lab.run(["grid-mapfile-add-entry", "-dn", "/O=Grid/CN=Ada", "Lovelace", "-ln", "ada"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("option Lovelace : unexpected argument; quote a DN"))
        let badDN = lab.run(["grid-mapfile-add-entry", "-dn", "O=Grid", "-ln", "ada"])
        #expect(badDN.status == 1)
        #expect(badDN.stderr.contains("option -dn : 'O=Grid' is not a valid one-line DN"))
    }

    @Test func mapfileOptionOverridesGRIDMAP() throws {
        let lab = try Lab()
        let other = lab.directory.path("other-mapfile")
        #expect(lab.run(["grid-mapfile-add-entry", "-dn", Fixtures.userSubject, "-ln", "ada", "-f", other]).status == 0)
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(!lab.directory.exists("grid-security/grid-mapfile"))
    }

    @Test func consistencyCheckFindsDuplicatesAndUnknownUsers() throws {
        let lab = try Lab()
        lab.directory.write("\"\(Fixtures.userSubject)\" ada\n\"/O=Grid/CN=Bob\" bob\n", to: "grid-security/grid-mapfile")
        let good = lab.run(["grid-mapfile-check-consistency"])
        #expect(good.status == 0)
        #expect(good.stdout == """
            Checking \(lab.gridMapFile)
            Verifying grid mapfile existence...OK
            Checking for duplicate entries...OK
            Checking for valid user names...OK

            """)
        lab.directory.write("\"\(Fixtures.userSubject)\" ada\n\"\(Fixtures.userSubject)\" baduser\n", to: "grid-security/grid-mapfile")
        let bad = lab.run(["grid-mapfile-check-consistency"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("ERROR: baduser is not a valid local username\n"))
        #expect(bad.stdout.contains("has more than one entry"))
    }
}
