import Testing
@testable import GridMiddleware

struct RequirementsTests {
    let worker: HostAttributes = ["HOSTNAME": "worker1.lab", "ARCH": "x86_64", "OS_NAME": "Linux", "CPU_MHZ": 2400,
                                  "FREE_MEM_MB": 900, "GPU": "yes", "SCRATCH_GB": "40"]

    func matches(_ text: String, _ host: HostAttributes? = nil) throws -> Bool {
        try Requirements(parsing: text).matches(host ?? worker)
    }

    @Test func comparesIntegers() throws {
        #expect(try matches("CPU_MHZ = 2400") && matches("CPU_MHZ != 1") && matches("CPU_MHZ > 2000") && matches("CPU_MHZ < 3000"))
        #expect(try !matches("CPU_MHZ > 2400") && !matches("CPU_MHZ < 2400") && !matches("CPU_MHZ != 2400"))
        #expect(try matches("CPU_MHZ > -1"))
    }

    @Test func matchesStringsAsCaseSensitiveGlobs() throws {
        #expect(try matches("HOSTNAME = \"worker*\"") && matches("HOSTNAME = \"worker?.lab\"") && matches("ARCH = \"x86_64\""))
        #expect(try !matches("HOSTNAME = \"Worker*\"") && !matches("HOSTNAME = \"worker\""))
        #expect(try matches("HOSTNAME != \"head*\"") && !matches("ARCH != \"x86*\""))
        #expect(try matches("HOSTNAME = \"worker[0-9].*\""))
    }

    @Test func combinesWithAndOrNotAndParentheses() throws {
        #expect(try matches("ARCH = \"x86_64\" & CPU_MHZ > 1000"))
        #expect(try !matches("ARCH = \"i686\" & CPU_MHZ > 1000"))
        #expect(try matches("ARCH = \"i686\" | CPU_MHZ > 1000"))
        #expect(try matches("!(ARCH = \"i686\")") && !matches("!ARCH = \"x86_64\""))
        #expect(try !matches("(ARCH = \"i686\" | CPU_MHZ > 1000) & FREE_MEM_MB > 1000"))
    }

    @Test func andBindsTighterThanOr() throws {
        // GridWay evaluated this left to right ((true | false) & false = false); vgrid reads
        // it as true | (false & false).
        #expect(try matches("CPU_MHZ > 1 | ARCH = \"arm\" & CPU_MHZ < 1"))
    }

    @Test func acceptsATrailingSemicolonAndEmptyText() throws {
        #expect(try matches("CPU_MHZ > 1000;"))
        #expect(try matches("") && matches("  ;"))
        #expect(try Requirements(parsing: "").root == .always)
    }

    @Test func readsGenericHostValuesAsStringsOrIntegers() throws {
        #expect(try matches("GPU = \"yes\"") && matches("SCRATCH_GB > 20") && matches("SCRATCH_GB = \"4*\""))
        #expect(try !matches("GPU > 0"), "a generic value that is not a number never matches an integer comparison")
    }

    @Test func aMissingVariableMatchesNothingButTheEmptyGlob() throws {
        let bare: HostAttributes = ["HOSTNAME": "w"]
        #expect(try !matches("CPU_MHZ > 0", bare) && !matches("CPU_MHZ < 10", bare) && !matches("CPU_MHZ != 5", bare))
        #expect(try !matches("ARCH = \"*\"", bare) && !matches("ARCH != \"x\"", bare))
        #expect(try matches("ARCH = \"\"", bare))
        #expect(try matches("!(CPU_MHZ > 0)", bare))
    }

    @Test func rejectsTypeMismatchesOfKnownVariables() {
        let cases = ["ARCH = 3", "CPU_MHZ = \"2400\"", "HOSTNAME > \"a\""]
        for text in cases {
            #expect(middlewareError { try Requirements(parsing: text) }.code == .typeMismatch, "\(text)")
        }
    }

    @Test func rejectsAVariableInTheWrongCase() {
        let error = middlewareError { try Requirements(parsing: "arch = \"x86_64\"") }
        #expect(error.code == .expressionSyntax && error.hint == "variables are upper case: did you mean 'ARCH'?")
    }

    @Test(arguments: [
        ("CPU_MHZ >= 1000", 9, "'>=' is not an operator here"),
        ("CPU_MHZ <= 1000", 9, "'<=' is not an operator here"),
        ("ARCH == \"x\"", 6, "'==' is not an operator here"),
        ("A = 1 && B = 2", 7, "'&&' is not an operator here"),
        ("(CPU_MHZ > 1", 13, "expected ')' to close the '(' at column 1, found the end of the expression"),
        ("CPU_MHZ > ", 11, "expected a number or a \"quoted\" glob after CPU_MHZ >, found the end of the expression"),
        ("CPU_MHZ > 1 ARCH", 13, "unexpected 'ARCH'"),
        ("HOSTNAME = \"w*", 12, "unterminated string"),
        ("CPU_MHZ > 1 $", 13, "unexpected character '$'"),
        ("& ARCH = \"x\"", 1, "expected a variable such as ARCH or CPU_MHZ, found '&'"),
        ("CPU_MHZ 3", 9, "expected =, !=, > or < after CPU_MHZ, found '3'"),
    ])
    func reportsTheColumnOfASyntaxError(text: String, column: Int, message: String) {
        let error = middlewareError { try Requirements(parsing: text) }
        #expect(error.expression?.column == column)
        #expect(error.message == "REQUIREMENTS: \(message)")
    }

    @Test func printsTheExpressionWithACaret() {
        let error = middlewareError { try Requirements(parsing: "ARCH = \"x86_64\" & CPU_MHZ >= 1000") }
        #expect(error.description == """
            error: REQUIREMENTS: '>=' is not an operator here
              ARCH = "x86_64" & CPU_MHZ >= 1000
                                        ^
              hint: GridWay has only > and <: write VAR > N-1, or !(VAR < N)
            """)
    }

    @Test func keepsTabsSoTheCaretLinesUp() {
        #expect(ExpressionCaret.render("\tA = \"x\" &", column: 11) == "\tA = \"x\" &\n\t         ^")
    }
}

struct GlobTests {
    @Test(arguments: [
        ("*", "", true), ("*", "abc", true), ("a*c", "abbbc", true), ("a*c", "abcd", false),
        ("?", "a", true), ("?", "", false), ("w?r*", "worker", true), ("*/*", "a/b", true),
        ("[abc]x", "bx", true), ("[!abc]x", "bx", false), ("[^abc]x", "dx", true), ("[a-c]", "d", false),
        ("[]]", "]", true), ("[a", "[a", true), ("\\*", "*", true), ("\\*", "a", false),
        ("x86_64", "X86_64", false), ("", "", true), ("", "a", false), ("*a*b*c*", "xaybzc", true),
    ])
    func matchesLikeFnmatch(pattern: String, text: String, expected: Bool) {
        #expect(Glob.matches(pattern, text) == expected)
    }
}
