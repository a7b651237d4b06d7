import Testing
@testable import GridMiddleware

struct KeyValueFileTests {
    @Test func readsKeysValuesAndPositions() throws {
        let entries = try KeyValueFile.parse("# comment\n\n  NAME = hello world\nNP=4\n", file: "x.jt")
        #expect(entries.map(\.key) == ["NAME", "NP"])
        #expect(entries[0].value == "hello world")
        #expect((entries[0].line, entries[0].keyColumn, entries[0].valueColumn) == (3, 3, 10))
        #expect(entries[1].value == "4")
    }

    @Test func unquotesAWhollyQuotedValueAndKeepsInnerQuotes() throws {
        let entries = try KeyValueFile.parse("""
            ARGUMENTS = "a b  "
            REQUIREMENTS = ARCH = "x86_64"
            ARGUMENTS = "x" "y"
            """, file: "f")
        #expect(entries[0].value == "a b  " && entries[0].wasQuoted)
        #expect(entries[1].value == "ARCH = \"x86_64\"" && !entries[1].wasQuoted)
        #expect(entries[2].value == "\"x\" \"y\"")
    }

    @Test func endsAValueAtACommentOutsideQuotes() throws {
        let entries = try KeyValueFile.parse("NP = 4   # four\nARGUMENTS = \"a # b\" # c\nEXECUTABLE = a#b\n", file: "f")
        #expect(entries.map(\.value) == ["4", "a # b", "a#b"])
    }

    @Test func readsIndexedKeysAndEmptyValues() throws {
        let entries = try KeyValueFile.parse("RP_HOST[worker1.lab] = 00\nRANK =\n", file: "f")
        #expect(entries[0].key == "RP_HOST" && entries[0].index == "worker1.lab" && entries[0].value == "00")
        #expect(entries[0].fullKey == "RP_HOST[worker1.lab]")
        #expect(entries[1].value.isEmpty && !entries[1].wasQuoted)
    }

    @Test func acceptsWindowsLineEnds() throws {
        #expect(try KeyValueFile.parse("NP = 2\r\nNAME = x\r\n", file: "f").map(\.value) == ["2", "x"])
    }

    @Test func rejectsALineWithoutEquals() {
        let error = middlewareError { try KeyValueFile.parse("NP = 1\nEXECUTABLE /bin/ls\n", file: "x.jt") }
        #expect(error.code == .syntax)
        #expect(error.location == TextLocation(file: "x.jt", line: 2, column: 12))
        #expect(error.message.contains("expected '=' after EXECUTABLE"))
    }

    @Test func rejectsAnUnterminatedQuote() {
        let error = middlewareError { try KeyValueFile.parse("ARGUMENTS = \"abc\n", file: "f") }
        #expect(error.code == .syntax)
        #expect(error.location?.column == 13)
    }

    @Test func rejectsALineThatIsNotAKey() {
        let error = middlewareError { try KeyValueFile.parse("= 3\n", file: "f") }
        #expect(error.code == .syntax && error.location?.line == 1)
    }

    @Test func rejectsAnIndexWithoutClosingBracket() {
        let error = middlewareError { try KeyValueFile.parse("FP_USER[alice = 2\n", file: "f") }
        #expect(error.code == .syntax && error.hint == "write FP_USER[name] = value")
    }
}
