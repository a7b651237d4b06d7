import Yams

/// Turns Yams' errors into diagnostics with the position libyaml reported.
enum YAMLErrorDiagnostic {
    static func make(_ error: Error, yaml: String, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        guard let error = error as? YamlError else {
            return Diagnostic(.syntax, at: SourceLocation(file: file, line: 1, column: 1), "cannot parse YAML: \(error)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return Diagnostic(.syntax, at: at(mark), message, hint: hint(problem: problem, line: line(mark.line, of: yaml)))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams reports the first occurrence; the repeat is the line to fix.
            let key = duplicates.first ?? ""
            let first = at(context.mark)
            guard let second = repeatedKey(key, after: context.mark, in: yaml, file: file) else {
                return Diagnostic(.syntax, at: first, "duplicate key '\(key)' in this mapping",
                                  hint: "each key may appear once; remove or merge the repeated entry")
            }
            return Diagnostic(.syntax, at: second, "duplicate key '\(key)' in this mapping",
                              hint: "each key may appear once; remove or merge the repeated entry",
                              notes: [.init("'\(key)' is first set here", at: first)])
        case .reader(let problem, let offset, _, _):
            let location = offset.map { position(ofCharacter: $0, in: yaml, file: file) }
                ?? SourceLocation(file: file, line: 1, column: 1)
            return Diagnostic(.syntax, at: location, "cannot read YAML: \(problem)",
                              hint: "lab files must be UTF-8 text without control characters")
        default:
            return Diagnostic(.syntax, at: SourceLocation(file: file, line: 1, column: 1), "cannot parse YAML: \(error)")
        }
    }

    /// A fix that matches the usual causes of each libyaml complaint.
    static func hint(problem: String, line: String) -> String {
        if line.hasPrefix("\t") || line.drop(while: { $0 == " " }).hasPrefix("\t") || problem.contains("tab") {
            return "YAML does not allow tabs for indentation; indent with spaces"
        }
        if problem.contains("mapping values are not allowed") {
            return "check indentation, and quote values that contain ': '"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return "check indentation: entries of one mapping or list must start in the same column"
        }
        if problem.contains("did not find expected ',' or '}'") && line.contains("[") {
            return "inside { ... } quote keys that contain brackets, e.g. \"FP_USER[alice]\": 3"
        }
        if problem.contains("found unexpected end of stream") || problem.contains("quoted scalar") {
            return "a quoted string is not closed; add the closing quote"
        }
        if problem.contains("another document") {
            return "a lab file holds one document; remove the extra '---'"
        }
        return "check indentation and quoting on this line and the one above"
    }

    /// The next line that sets `key` at the same indentation as `mark` (block mappings only).
    private static func repeatedKey(_ key: String, after mark: Mark, in text: String, file: String) -> SourceLocation? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = String(repeating: " ", count: mark.column - 1)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        for number in mark.line..<lines.count {
            let line = lines[number]
            let content = line.drop { $0 == " " }
            if content.isEmpty || content.hasPrefix("#") { continue }
            guard line.hasPrefix(indent) else { return nil }  // left the mapping
            let rest = line.dropFirst(indent.count)
            if rest.hasPrefix(key + ":"), rest.first != " " {
                return SourceLocation(file: file, line: number + 1, column: mark.column)
            }
        }
        return nil
    }

    private static func line(_ number: Int, of text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return number >= 1 && number <= lines.count ? String(lines[number - 1]) : ""
    }

    /// Line and column of the `offset`-th character.
    private static func position(ofCharacter offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
