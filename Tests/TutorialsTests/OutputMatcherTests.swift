import Testing
@testable import Tutorials

/// Expected-output patterns: literal lines, `<...>` inside a line, `...` for any lines.
struct OutputMatcherTests {
    @Test func ignoresAlignmentAndTrailingBlankLines() {
        #expect(OutputMatcher.mismatch(expected: ["USER JID DM", "alice:1001 0 done"],
                                       actual: ["USER         JID DM  ", "alice:1001   0   done", "", ""]) == nil)
    }

    @Test(arguments: [
        ("Your proxy is valid until: <...>", "Your proxy is valid until: Sun Nov 22 07:04:10 2026", true),
        ("JOB ID: <...>", "JOB ID: 12", true),
        ("<...> done <...> worker<...>", "alice:1001 3 done ---- 19:04 worker2.intro.grid/fork", true),
        ("<...>", "any text", true),
        ("a<...>b<...>c", "abc", true),
        ("a<...>b<...>c", "acb", false),
        ("ab<...>bc", "abc", false),
        ("JOB ID: <...>", "FAILED: no proxy", false),
        ("literal", "literally", false),
    ])
    func wildcardInsideALine(pattern: String, line: String, matches: Bool) {
        #expect((OutputMatcher.mismatch(expected: [pattern], actual: [line]) == nil) == matches)
    }

    @Test func ellipsisMatchesAnyNumberOfLines() {
        let expected = ["HID PRI <...>", "...", "<...> worker2.<...>"]
        #expect(OutputMatcher.mismatch(expected: expected, actual: ["HID PRI OS", "0 1 worker1.x", "1 1 worker2.x"]) == nil)
        #expect(OutputMatcher.mismatch(expected: expected, actual: ["HID PRI OS", "1 1 worker2.x"]) == nil)
        #expect(OutputMatcher.mismatch(expected: ["..."], actual: []) == nil)
        #expect(OutputMatcher.mismatch(expected: ["a", "...", "b", "..."], actual: ["a", "x", "b", "y", "b"]) == nil)
    }

    @Test func pointsAtTheDeepestExpectedLineThatFailed() {
        let mismatch = OutputMatcher.mismatch(expected: ["USER <...>", "alice <...> done <...>", "end"],
                                              actual: ["USER JID", "alice 0 wrap", "end"])
        #expect(mismatch == .init(expectedIndex: 1, actualIndex: 1))
        let extra = OutputMatcher.mismatch(expected: ["a"], actual: ["a", "b"])
        #expect(extra == .init(expectedIndex: nil, actualIndex: 1))
        let short = OutputMatcher.mismatch(expected: ["a", "b"], actual: ["a"])
        #expect(short == .init(expectedIndex: 1, actualIndex: 1))
        #expect(OutputMatcher.mismatch(expected: [], actual: ["unexpected"]) == .init(expectedIndex: nil, actualIndex: 0))
    }
}
