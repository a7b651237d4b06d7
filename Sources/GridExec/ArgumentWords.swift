/// Splits a template's ARGUMENTS into the program's arguments, as a shell would:
/// blanks separate words, `'...'` is literal, `"..."` groups (with `\"`, `\\`, `\$` and
/// `` \` `` escapes) and a backslash outside quotes escapes the next character. Nothing is
/// expanded: the variables were substituted before dispatch and no shell sees the words.
public enum ArgumentWords {
    public static func split(_ text: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                guard let closed = take(&iterator, until: "'", escapes: []) else { throw unterminated(text, "'") }
                current += closed
            case "\"":
                inWord = true
                guard let closed = take(&iterator, until: "\"", escapes: ["\"", "\\", "$", "`"]) else {
                    throw unterminated(text, "\"")
                }
                current += closed
            case "\\":
                inWord = true
                if let next = iterator.next(), next != "\n" { current.append(next) }
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// The text up to the closing `quote` (consumed), or nil when it never comes.
    private static func take(_ iterator: inout String.Iterator, until quote: Character,
                             escapes: Set<Character>) -> String? {
        var text = ""
        while let c = iterator.next() {
            if c == quote { return text }
            if c == "\\", !escapes.isEmpty, let next = iterator.next() {
                if !escapes.contains(next) { text.append("\\") }
                text.append(next)
                continue
            }
            text.append(c)
        }
        return nil
    }

    private static func unterminated(_ text: String, _ quote: String) -> ExecError {
        ExecError(.invalidTemplate, "ARGUMENTS '\(text)' has an unterminated \(quote) quote",
                  hint: "close the quote, or escape it with a backslash")
    }
}
