import Testing
@testable import LabModel

/// Malformed YAML is reported at libyaml's position with a hint, not as a bare exception.
struct YAMLErrorDiagnosticTests {
    @Test func reportsBadIndentationWithPosition() {
        let found = fixtureDiagnostics("syntax-error.yaml")
        #expect(found.count == 1)
        expect(found.first, line: 5, column: 4, "YAML syntax error: did not find expected '-' indicator",
               hint: "check indentation", code: .syntax)
        #expect(found.first?.file == Fixtures.path("syntax-error.yaml"))
    }

    @Test func reportsTabIndentationWithASpacesHint() {
        let found = fixtureDiagnostics("tabs.yaml")
        #expect(found.count == 1)
        expect(found.first, line: 4, column: 1, "tab character", hint: "indent with spaces", code: .syntax)
    }

    @Test func reportsMappingValueInWrongPlace() {
        expectOneError("lab: a: b\nnodes: []\n", line: 1, column: 7, "mapping values are not allowed",
                       hint: "quote values that contain ': '", code: .syntax)
    }

    @Test func reportsUnclosedQuote() {
        expectOneError("lab: x\ndescription: \"never closed\nnodes: []\n", line: 4, column: 1,
                       "YAML syntax error", hint: "closing quote", code: .syntax)
    }

    @Test func reportsBracketKeysInFlowMappingWithAQuotingHint() {
        expectOneError("""
        lab: flow
        middleware:
          sched: { FP_USER[alice]: 3 }
        """, line: 3, column: 19, "did not find expected ',' or '}'", hint: "\"FP_USER[alice]\": 3", code: .syntax)
    }

    @Test func reportsASecondDocument() {
        expectOneError("lab: one\nnodes: []\n---\nlab: two\n", line: 3, column: 1, "another document",
                       hint: "remove the extra '---'", code: .syntax)
    }

    @Test func reportsEmptyText() {
        expectOneError("", line: 1, column: 1, "lab file is empty", hint: "lab: <name>", code: .empty)
        expectOneError("   \n\n", line: 1, column: 1, "lab file is empty", code: .empty)
    }

    @Test func reportsAFileOfOnlyCommentsAsEmpty() {
        let found = fixtureDiagnostics("comments-only.yaml")
        #expect(found.count == 1)
        expect(found.first, line: 1, column: 1, "lab file is empty", code: .empty)
    }

    @Test func reportsARepeatedKeyAtTheRepeatWithANoteAtTheFirst() {
        let found = fixtureDiagnostics("duplicate-key.yaml")
        #expect(found.count == 1)
        expect(found.first, line: 7, column: 5, "duplicate key 'memory'", hint: "each key may appear once", code: .syntax)
        #expect(found.first?.notes.map(\.location.line) == [5])
        #expect(found.first?.notes.map(\.location.column) == [5])
    }

    @Test func reportsATopLevelListInsteadOfAMapping() {
        expectOneError("- lab: x\n", line: 1, column: 1, "expected a mapping for the lab file, got a list",
                       code: .wrongType)
    }

    @Test func reportsATopLevelScalar() {
        expectOneError("just some words\n", line: 1, column: 1, "expected a mapping for the lab file, got 'just some words'",
                       code: .wrongType)
    }
}
