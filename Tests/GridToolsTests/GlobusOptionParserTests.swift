import GridTools
import Testing

@Suite struct GlobusOptionParserTests {
    let parser = GlobusOptionParser(options: [
        OptionSpec("valid", aliases: ["v"], .value, placeholder: "H:M", help: ""),
        OptionSpec("limited", help: ""),
        OptionSpec("ln", .values, placeholder: "LN", help: ""),
        OptionSpec("file", aliases: ["f"], .value, help: ""),
    ])

    @Test func parsesSingleDashLongOptionsWithValuesInOrder() throws {
        let parsed = try parser.parse(["-limited", "-valid", "12:00", "-f", "/tmp/p"])
        #expect(parsed.occurrences.map(\.name) == ["limited", "valid", "file"])
        #expect(parsed.value("valid") == "12:00")
        #expect(parsed.value("file") == "/tmp/p")
        #expect(parsed.has("limited"))
        #expect(!parsed.has("ln"))
    }

    @Test func multiValueOptionTakesWordsUpToTheNextOption() throws {
        let parsed = try parser.parse(["-ln", "ada", "bob", "-f", "map"])
        #expect(parsed.values("ln") == ["ada", "bob"])
        #expect(parsed.value("file") == "map")
    }

    @Test func unknownOptionIsAUsageErrorNamingIt() {
        #expect(throws: UsageError(option: "-bogus", "unrecognized option")) { try parser.parse(["-bogus"]) }
    }

    @Test func aMissingValueDoesNotSwallowTheNextOption() {
        #expect(throws: UsageError.self) { try parser.parse(["-valid", "-limited"]) }
        #expect(throws: UsageError.self) { try parser.parse(["-valid"]) }
        #expect(throws: UsageError.self) { try parser.parse(["-ln", "-limited"]) }
    }

    @Test func gnuSpellingIsAcceptedAndDoubleDashEndsOptions() throws {
        let withPositionals = GlobusOptionParser(options: parser.options, allowsPositionals: true)
        let parsed = try withPositionals.parse(["--limited", "--", "-not-an-option", "file"])
        #expect(parsed.has("limited"))
        #expect(parsed.positionals == ["-not-an-option", "file"])
    }

    @Test func plainArgumentsAreRefusedUnlessTheCommandTakesFiles() {
        #expect(throws: UsageError(option: "stray", "unexpected argument")) { try parser.parse(["stray"]) }
    }

    @Test func helpListsEveryOptionWithItsPlaceholder() {
        let help = parser.optionsHelp()
        #expect(help.contains("-valid, -v <H:M>"))
        #expect(help.contains("-ln <LN>"))
        #expect(help.split(separator: "\n").count == 4)
    }
}
