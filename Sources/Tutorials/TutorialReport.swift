/// Texts for people: a failing step's expected vs actual output, and a step's summary.
public enum TutorialReport {
    /// Lines shown around the place where the output stopped matching.
    static let context = 6

    /// The command, then the expected and the actual lines around the mismatch, the failing
    /// line of each marked with `>`.
    public static func excerpt(command: Command, expected: [String], actual: [String],
                               mismatch: OutputMatcher.Mismatch?, status: Int32?) -> [String] {
        var lines = command.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset == 0 ? "$ " : "> ") + $0.element }
        lines.append("expected:")
        if expected.isEmpty {
            lines.append("    (no output)")
        } else {
            let marked = mismatch?.expectedIndex
            lines += window(expected, around: marked ?? expected.count - 1, marked: marked, numbers: command.expected.map(\.line))
            if mismatch != nil, marked == nil { lines.append("  > (no more output)") }
        }
        lines.append("actual" + (status.map { " (exit status \($0))" } ?? "") + ":")
        if actual.isEmpty {
            lines.append("  > (no output)")
        } else {
            let marked = mismatch?.actualIndex
            lines += window(actual, around: min(marked ?? 0, actual.count - 1), marked: marked, numbers: nil)
            if let marked, marked >= actual.count { lines.append("  > (end of output)") }
        }
        return lines
    }

    static func window(_ lines: [String], around center: Int, marked: Int?, numbers: [Int]?) -> [String] {
        let low = max(0, center - context)
        let high = min(lines.count, center + context + 1)
        var out: [String] = low > 0 ? ["    ..."] : []
        for index in low..<high {
            let mark = index == marked ? "  > " : "    "
            let number = numbers.flatMap { index < $0.count ? "  (line \($0[index]))" : nil } ?? ""
            out.append(mark + lines[index] + (index == marked ? number : ""))
        }
        if high < lines.count { out.append("    ... (\(lines.count - high) more line(s))") }
        return out
    }

    /// `step 3  line 42  head, alice  $ gwps` for listings.
    public static func summary(_ step: Step) -> String {
        let first = step.commands.first.map { $0.text.split(separator: "\n").first.map(String.init) ?? "" } ?? ""
        let more = step.commands.count > 1 ? " (+\(step.commands.count - 1) more)" : ""
        var flags: [String] = []
        if step.exitStatus != 0 { flags.append("exit=\(step.exitStatus)") }
        if let retry = step.retry { flags.append("retry=\(Int(retry))") }
        if step.input != nil { flags.append("input") }
        let flagText = flags.isEmpty ? "" : " [" + flags.joined(separator: " ") + "]"
        return "step \(step.number)  line \(step.line)  \(step.label)\(flagText)  $ \(first)\(more)"
    }
}
