/// One `KEY = value` or `KEY[index] = value` line of a GridWay-format file.
public struct KeyValueEntry: Sendable, Hashable {
    public var key: String
    /// The text between brackets in `FP_USER[alice]`; nil for a plain key.
    public var index: String?
    /// Unquoted, without a trailing comment, trimmed. Empty when the line is `KEY =`.
    public var value: String
    /// True when the whole value was written in double quotes.
    public var wasQuoted: Bool
    public var file: String
    public var line: Int
    public var keyColumn: Int
    /// The column of the value's first character (inside the quotes when quoted).
    public var valueColumn: Int

    /// The position of the key, for errors about the whole line.
    public var location: TextLocation { TextLocation(file: file, line: line, column: keyColumn) }
    /// The position of the value, for errors about the value.
    public var valueLocation: TextLocation { TextLocation(file: file, line: line, column: valueColumn) }
    /// `KEY` or `KEY[index]`, as written.
    public var fullKey: String { index.map { "\(key)[\($0)]" } ?? key }
}

/// The line format shared by `.jt` templates, `job_template.default`, `gwd.conf` and
/// `sched.conf`: one `KEY = value` per line, `#` comments, optional double quotes.
///
/// Rules (GridWay's, plus one deliberate difference):
/// - A line whose first non-blank character is `#` is a comment; blank lines are skipped.
/// - Keys are `[A-Za-z_][A-Za-z0-9_]*`, optionally followed by `[index]`.
/// - A value wholly in double quotes is unquoted; otherwise the rest of the line is kept as
///   written (quotes inside it stay). There are no escapes.
/// - vgrid also ends the value at a `#` that follows a blank and is outside quotes
///   (`NP = 4   # four cores`); GridWay kept such comments as part of string values.
public enum KeyValueFile {
    /// The entries of `text` in file order; throws `.syntax` for a line that is not an entry.
    public static func parse(_ text: String, file: String) throws -> [KeyValueEntry] {
        var entries: [KeyValueEntry] = []
        for (offset, line) in text.textLines().enumerated() {
            if let entry = try parseLine(Array(line), number: offset + 1, file: file) {
                entries.append(entry)
            }
        }
        return entries
    }

    static func parseLine(_ chars: [Character], number: Int, file: String) throws -> KeyValueEntry? {
        var i = 0
        func skipBlanks() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
        func location(_ column: Int) -> TextLocation { TextLocation(file: file, line: number, column: column) }
        skipBlanks()
        if i == chars.count || chars[i] == "#" { return nil }
        let keyStart = i
        while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i] == "_" || (i > keyStart && chars[i].isNumber) {
            i += 1
        }
        guard i > keyStart else {
            throw MiddlewareError(.syntax, "expected KEY = value, found '\(String(chars[keyStart...]))'",
                                  hint: "keys are upper-case words such as EXECUTABLE; comments start with #",
                                  at: location(keyStart + 1))
        }
        let key = String(chars[keyStart..<i])
        var index: String?
        if i < chars.count, chars[i] == "[" {
            let open = i
            i += 1
            let start = i
            while i < chars.count, chars[i] != "]" { i += 1 }
            let name = String(chars[start..<min(i, chars.count)]).trimmingBlanks()
            guard i < chars.count, !name.isEmpty else {
                throw MiddlewareError(.syntax, "'\(key)[' needs a name and a closing ']'",
                                      hint: "write \(key)[name] = value", at: location(open + 1))
            }
            index = name
            i += 1
        }
        skipBlanks()
        guard i < chars.count, chars[i] == "=" else {
            let found = i < chars.count ? "'\(chars[i])'" : "the end of the line"
            throw MiddlewareError(.syntax, "expected '=' after \(key), found \(found)",
                                  hint: "write \(key) = value", at: location(i + 1))
        }
        i += 1
        skipBlanks()
        let (value, quoted, column) = try valueText(chars, from: i, line: number, file: file)
        return KeyValueEntry(key: key, index: index, value: value, wasQuoted: quoted, file: file, line: number,
                             keyColumn: keyStart + 1, valueColumn: column)
    }

    /// The value from `start`: comment removed, trimmed, unquoted when wholly quoted.
    static func valueText(_ chars: [Character], from start: Int, line: Int, file: String) throws
        -> (String, Bool, Int) {
        var end = chars.count
        var quoteOpen: Int?
        var i = start
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                quoteOpen = quoteOpen == nil ? i : nil
            } else if c == "#", quoteOpen == nil, i == start || chars[i - 1] == " " || chars[i - 1] == "\t" {
                end = i
                break
            }
            i += 1
        }
        if let open = quoteOpen {
            throw MiddlewareError(.syntax, "unterminated quote in the value",
                                  hint: "close the value with a double quote", at: TextLocation(file: file, line: line, column: open + 1))
        }
        var text = Array(chars[start..<end])
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        if text.count >= 2, text.first == "\"", text.last == "\"", !text.dropFirst().dropLast().contains("\"") {
            return (String(text.dropFirst().dropLast()), true, start + 2)
        }
        return (String(text), false, start + 1)
    }
}

extension StringProtocol {
    /// The lines of the text, split at `\n`, `\r\n` or `\r` (Swift sees `\r\n` as one character).
    func textLines() -> [SubSequence] {
        split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }

    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        var chars = Substring(self)
        while let first = chars.first, first == " " || first == "\t" { chars = chars.dropFirst() }
        while let last = chars.last, last == " " || last == "\t" { chars = chars.dropLast() }
        return String(chars)
    }
}
