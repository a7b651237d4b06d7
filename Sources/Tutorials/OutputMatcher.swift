import Foundation

/// Compares a command's output with the lines a tutorial expects.
///
/// Lines are compared after trimming both ends and turning every run of spaces and tabs
/// into one space, so column alignment does not matter. `<...>` inside an expected line
/// matches any text (also none); `...` alone on a line matches any number of lines (also
/// none). Blank lines at the end of either side are ignored. Everything else is literal.
public enum OutputMatcher {
    /// Where the match failed: the expected line that could not be matched (nil when the
    /// output has lines the expectation does not) and the first output line not matched.
    public struct Mismatch: Sendable, Equatable {
        /// Index into the expected lines, or nil when output remains after the last one.
        public var expectedIndex: Int?
        /// Index into the actual lines (equal to their count when output ran out).
        public var actualIndex: Int
    }

    /// nil when `actual` matches `expected`.
    public static func mismatch(expected: [String], actual: [String]) -> Mismatch? {
        let patterns = trimTrailingBlank(expected).map(LinePattern.init)
        let lines = trimTrailingBlank(actual).map(normalize)
        var failed = Set<Int>()  // (i * (lines.count + 1) + j) known not to match
        var furthest = Mismatch(expectedIndex: patterns.isEmpty ? nil : 0, actualIndex: 0)

        func note(_ i: Int, _ j: Int) {
            // The deepest expected line reached explains the failure best.
            let depth = furthest.expectedIndex ?? patterns.count
            if i > depth || (i == depth && j > furthest.actualIndex) {
                furthest = Mismatch(expectedIndex: i < patterns.count ? i : nil, actualIndex: j)
            }
        }

        func matches(_ i: Int, _ j: Int) -> Bool {
            let key = i * (lines.count + 1) + j
            if failed.contains(key) { return false }
            note(i, j)
            let result: Bool
            if i == patterns.count {
                result = j == lines.count
            } else if patterns[i].isAnyLines {
                result = (j...lines.count).contains { matches(i + 1, $0) }
            } else {
                result = j < lines.count && patterns[i].matches(lines[j]) && matches(i + 1, j + 1)
            }
            if !result { failed.insert(key) }
            return result
        }
        return matches(0, 0) ? nil : furthest
    }

    /// Trimmed, with runs of blanks as one space.
    public static func normalize(_ line: String) -> String {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    static func trimTrailingBlank(_ lines: [String]) -> [String] {
        var lines = lines
        while let last = lines.last, normalize(last).isEmpty { lines.removeLast() }
        return lines
    }
}

/// One expected line: literal pieces between `<...>` wildcards.
struct LinePattern {
    static let wildcard = "<...>"
    let pieces: [String]
    let isAnyLines: Bool

    init(_ text: String) {
        let normalized = OutputMatcher.normalize(text)
        isAnyLines = normalized == "..."
        pieces = normalized.components(separatedBy: Self.wildcard).map { OutputMatcher.normalize($0) }
    }

    /// Literal pieces in order; the first anchored at the start, the last at the end. The
    /// pieces are normalised on their own, so `a <...> b` also matches `ab`.
    func matches(_ line: String) -> Bool {
        if pieces.count == 1 { return line == pieces[0] }
        var rest = Substring(line)
        guard rest.hasPrefix(pieces[0]) else { return false }
        rest = rest.dropFirst(pieces[0].count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(pieces[pieces.count - 1])
    }
}
