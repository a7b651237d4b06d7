import Testing
@testable import GridMiddleware

struct RankExpressionTests {
    let host: HostAttributes = ["CPU_MHZ": 2000, "FREE_MEM_MB": 512, "LOAD": "3", "ARCH": "x86_64"]

    func rank(_ text: String, priority: Int = 7) throws -> Int {
        try RankExpression(parsing: text).evaluate(host, hostPriority: priority)
    }

    @Test func computesIntegerArithmeticWithPrecedence() throws {
        #expect(try rank("CPU_MHZ * 2 + FREE_MEM_MB") == 4512)
        #expect(try rank("(CPU_MHZ + 1000) / 3") == 1000)
        #expect(try rank("-FREE_MEM_MB + 12") == -500)
        #expect(try rank("10 - 3 - 2") == 5, "left to right")
        #expect(try rank("7 / 2 * 2") == 6, "integer division")
        #expect(try rank("- -3;") == 3)
    }

    @Test func emptyRankIsTheHostPriority() throws {
        #expect(try rank("") == 7 && rank(";", priority: 3) == 3)
    }

    @Test func missingVariablesCountAsZeroAndGenericNumbersAreRead() throws {
        #expect(try rank("NO_SUCH + 5") == 5)
        #expect(try rank("LOAD * 10") == 30)
    }

    @Test func divisionByZeroGivesZero() throws {
        #expect(try rank("CPU_MHZ / 0") == 0)
        #expect(try rank("CPU_MHZ / NO_SUCH + 1") == 1)
    }

    @Test func overflowWrapsInsteadOfTrapping() throws {
        #expect(try rank("9223372036854775807 + 1") == Int.min)
        let minimum = RankExpression(source: "", root: .binary(.divide, .integer(Int.min), .integer(-1)))
        #expect(minimum.evaluate([:], hostPriority: 0) == Int.min)
    }

    @Test func rejectsStringVariablesAndStrings() {
        #expect(middlewareError { try RankExpression(parsing: "ARCH * 2") }.code == .typeMismatch)
        #expect(middlewareError { try RankExpression(parsing: "\"x\"") }.code == .typeMismatch)
    }

    @Test(arguments: [
        ("CPU_MHZ *", 10, "expected a number, a variable or '(', found the end of the expression"),
        ("(CPU_MHZ", 9, "expected ')' to close the '(' at column 1, found the end of the expression"),
        ("CPU_MHZ FREE_MEM_MB", 9, "unexpected 'FREE_MEM_MB'"),
        ("CPU_MHZ = 3", 9, "unexpected '='"),
    ])
    func reportsTheColumnOfASyntaxError(text: String, column: Int, message: String) {
        let error = middlewareError { try RankExpression(parsing: text) }
        #expect(error.code == .expressionSyntax)
        #expect(error.expression?.column == column)
        #expect(error.message == "RANK: \(message)")
    }
}
