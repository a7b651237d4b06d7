import Testing
@testable import LabModel

/// The compiler-style text that users see.
struct DiagnosticTests {
    @Test func printsLikeACompilerWithHint() {
        let diagnostic = Diagnostic(.unknownKey, at: SourceLocation(file: "labs/x.yaml", line: 12, column: 5),
                                    "unknown key 'memroy' in node", hint: "did you mean 'memory'?")
        #expect(diagnostic.description == "labs/x.yaml:12:5: error: unknown key 'memroy' in node\n  hint: did you mean 'memory'?")
    }

    @Test func printsNotesAfterTheHint() {
        let diagnostic = Diagnostic(.duplicate, at: SourceLocation(file: "a.yaml", line: 9, column: 11),
                                    "duplicate node name 'w1'", hint: "rename one",
                                    notes: [.init("'w1' is first defined here", at: SourceLocation(file: "a.yaml", line: 4, column: 11))])
        #expect(diagnostic.description == """
            a.yaml:9:11: error: duplicate node name 'w1'
              hint: rename one
            a.yaml:4:11: note: 'w1' is first defined here
            """)
    }

    @Test func printsWithoutHintOrPosition() {
        let whole = Diagnostic(.unreadable, at: SourceLocation(file: "gone.yaml", line: 0, column: 0), "cannot read lab file")
        #expect(whole.description == "gone.yaml: error: cannot read lab file")
    }

    @Test func errorDescriptionListsEveryDiagnostic() {
        let first = Diagnostic(.outOfRange, at: SourceLocation(file: "f", line: 1, column: 2), "one")
        let second = Diagnostic(.outOfRange, at: SourceLocation(file: "f", line: 3, column: 4), "two", hint: "fix")
        let error = LabFileError(diagnostics: [first, second])
        #expect(error.description == "f:1:2: error: one\nf:3:4: error: two\n  hint: fix")
        #expect(error.errorDescription == error.description)
    }

    @Test func exposesTheLocationAsOneValue() {
        let diagnostic = Diagnostic(.syntax, at: SourceLocation(file: "f", line: 7, column: 3), "x")
        #expect(diagnostic.location == SourceLocation(file: "f", line: 7, column: 3))
        #expect((diagnostic.file, diagnostic.line, diagnostic.column) == ("f", 7, 3))
    }
}
