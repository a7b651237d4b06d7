import Testing
@testable import LabBundle

@Suite struct MemberPathTests {
    @Test func acceptsRelativePathsInsideTheBundle() {
        for path in ["manifest.json", "images/tiny/rootfs.qcow2", "material/week 1/intro.md", "ca/ca/private/cakey.pem"] {
            #expect(MemberPath.problem(path) == nil, "\(path)")
        }
    }

    @Test func refusesPathsThatCouldEscapeTheTarget() {
        for path in ["/etc/passwd", "../evil", "images/../../evil", "a/./b", "a//b", "a/", "", "a\\..\\b", "a\nb"] {
            #expect(MemberPath.problem(path) != nil, "\(path)")
        }
    }

    @Test func refusalNamesTheMemberAndSaysWhy() {
        #expect(throws: BundleError.self) { try MemberPath.check("../x") }
        do { try MemberPath.check("a/../../x") } catch let error as BundleError {
            #expect(error.code == .unsafeMember)
            #expect(error.message.contains("'a/../../x'") && error.message.contains("escape"))
        } catch { Issue.record("unexpected \(error)") }
    }
}
