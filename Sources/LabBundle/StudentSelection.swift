/// A course file cut down to one student's copy: the top-level `students:` entry (a number
/// or a list, on one line or as a block) is replaced by `students: [NAME]`, so the copy keeps
/// its instance id (`<lab>-<student>`), and every comment and other line stays as written.
public enum StudentSelection {
    /// Nil when `text` has no top-level `students:` key.
    public static func rewrite(_ text: String, student: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("students:") }) else { return nil }
        var end = start + 1
        // The value's continuation lines: indented, or a block sequence written at column 0.
        while end < lines.count, let first = lines[end].first, first == " " || first == "\t" || first == "-" {
            end += 1
        }
        lines.replaceSubrange(start..<end, with: ["students: [\(student)]   # one student's copy (vgrid export --student \(student))"])
        return lines.joined(separator: "\n")
    }
}
