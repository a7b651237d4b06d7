import Testing
@testable import GridMiddleware

struct PathSafetyTests {
    @Test(arguments: ["out.txt", "results/out.txt", "./a//b", "stdout.${JOB_ID}", "a..b", "..hidden"])
    func acceptsNamesInsideTheJobDirectory(name: String) {
        #expect(PathSafety.isJobRelative(name))
    }

    @Test(arguments: ["", "/etc/passwd", "..", "../x", "a/../../x", "a/..", "~/x", ".", "./", "a\nb", "a\u{0}b"])
    func rejectsNamesThatCouldEscape(name: String) {
        #expect(!PathSafety.isJobRelative(name))
    }

    @Test func normalisesTheName() throws {
        #expect(try PathSafety.checkJobRelative("./a//b/", what: "name") == "a/b")
    }

    @Test func explainsTheRejection() {
        let error = middlewareError { try PathSafety.checkJobRelative("../x", what: "INPUT_FILES destination") }
        #expect(error.code == .unsafePath)
        #expect(error.message == "INPUT_FILES destination '../x' contains '..', which could leave the job's directory")
    }
}

struct FileLocationTests {
    @Test func classifiesTheFourForms() throws {
        #expect(try FileLocation(parsing: "data/in.txt") == .relative("data/in.txt"))
        #expect(try FileLocation(parsing: "file:///home/a/in") == .fileURL(path: "/home/a/in"))
        #expect(try FileLocation(parsing: "gsiftp://head/data/x") == .gsiftp(host: "head", path: "/data/x"))
        #expect(try FileLocation(parsing: "/opt/app/bin") == .absolute("/opt/app/bin"))
        #expect(try !FileLocation(parsing: "/opt/app/bin").isStaged)
        #expect(try FileLocation(parsing: "gsiftp://head/data/x").lastComponent == "x")
    }

    @Test(arguments: ["file://relative", "gsiftp://hostonly", "gsiftp:///path", "http://x/y", ""])
    func rejectsMalformedLocations(text: String) {
        #expect(middlewareError { try FileLocation(parsing: text) }.code == .invalidValue)
    }
}
