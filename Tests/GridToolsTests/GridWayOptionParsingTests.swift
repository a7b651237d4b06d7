import GridTools
import Testing

/// GridWay's getopt-style command lines (`clustersShortOptions`).
@Suite struct GridWayOptionParsingTests {
    let parser = GlobusOptionParser(options: [
        OptionSpec("n", help: ""), OptionSpec("f", help: ""), OptionSpec("9", help: ""),
        OptionSpec("c", .value, help: ""), OptionSpec("i", .value, placeholder: "inc", help: ""),
        OptionSpec("dot", aliases: ["d"], help: ""),
    ], allowsPositionals: true, clustersShortOptions: true)

    @Test func clusteredFlagsAndAttachedValues() throws {
        let parsed = try parser.parse(["-nf", "-c5", "-fi", "3", "7"])
        #expect(parsed.occurrences.map(\.name) == ["n", "f", "c", "f", "i"])
        #expect(parsed.value("c") == "5")
        #expect(parsed.value("i") == "3")
        #expect(parsed.positionals == ["7"])
    }

    @Test func negativeNumbersAreValuesUnlessTheyNameAnOption() throws {
        #expect(try parser.parse(["-i", "-2"]).value("i") == "-2")
        #expect(throws: UsageError.self) { try parser.parse(["-i", "-9"]) }
        #expect(try parser.parse(["-9", "4"]).has("9"))
    }

    @Test func longNamesStillMatchFirst() throws {
        #expect(try parser.parse(["--dot", "x.dag"]).has("dot"))
        #expect(try parser.parse(["-d", "x.dag"]).has("dot"))
    }

    @Test func anUnknownLetterInAClusterIsNamed() {
        #expect(throws: UsageError(option: "-q", "unrecognized option (in -nq)")) { try parser.parse(["-nq"]) }
        #expect(throws: UsageError(option: "-i", "needs a inc argument")) { try parser.parse(["-ni"]) }
    }

    @Test func globusParsersDoNotCluster() {
        let globus = GlobusOptionParser(options: parser.options)
        #expect(throws: UsageError(option: "-nf", "unrecognized option")) { try globus.parse(["-nf"]) }
    }
}
