/// The value syntaxes of a job template: yes/no, integers, deadlines, file lists,
/// environment lists, job ids. Every error names the key and points at the value.
enum TemplateValues {
    static func invalid(_ entry: KeyValueEntry, _ message: String, hint: String? = nil) -> MiddlewareError {
        MiddlewareError(.invalidValue, "\(entry.fullKey): \(message)", hint: hint, at: entry.valueLocation)
    }

    /// Runs `body`, giving an error without a location the entry's position and key.
    static func located<T>(_ entry: KeyValueEntry, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as MiddlewareError where error.location == nil {
            error.location = entry.valueLocation
            error.message = "\(entry.fullKey): \(error.message)"
            throw error
        }
    }

    static func yesNo(_ entry: KeyValueEntry) throws -> Bool {
        switch entry.value.lowercased() {
        case "yes": return true
        case "no": return false
        default: throw invalid(entry, "expected yes or no, found '\(entry.value)'")
        }
    }

    static func integer(_ entry: KeyValueEntry, in range: ClosedRange<Int>) throws -> Int {
        guard entry.value.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(entry.value) else {
            throw invalid(entry, "expected a whole number, found '\(entry.value)'")
        }
        guard range.contains(value) else {
            throw invalid(entry, "\(value) is out of range", hint: "use a value from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func jobType(_ entry: KeyValueEntry) throws -> JobType {
        guard let type = JobType(rawValue: entry.value.lowercased()) else {
            throw invalid(entry, "unknown job type '\(entry.value)'", hint: "use single, multiple or mpi")
        }
        return type
    }

    /// `[[D:]H:]M` -> seconds.
    static func deadline(_ entry: KeyValueEntry) throws -> Int {
        let parts = entry.value.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
        let numbers = parts.map { part in part.allSatisfy { $0.isASCII && $0.isNumber } ? Int(part) : nil }
        guard (1...3).contains(parts.count), numbers.allSatisfy({ $0 != nil }) else {
            throw invalid(entry, "expected [[days:]hours:]minutes, found '\(entry.value)'", hint: "for example DEADLINE = 1:12:00")
        }
        let values = numbers.compactMap { $0 }.reversed().map { $0 }
        let minutes = values[0], hours = values.count > 1 ? values[1] : 0, days = values.count > 2 ? values[2] : 0
        return ((days * 24 + hours) * 60 + minutes) * 60
    }

    static func dependencies(_ entry: KeyValueEntry) throws -> [Int] {
        let words = entry.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
        return try words.map { word in
            guard word.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int(word) else {
                throw invalid(entry, "'\(word)' is not a job id", hint: "list job ids separated by spaces: \"3 4\"")
            }
            return id
        }
    }

    /// A location that must parse, and whose staged copy gets a safe name in the job directory.
    static func checkStaged(_ value: String, what: String) throws {
        let location = try FileLocation(parsing: value)
        if location.isStaged {
            try PathSafety.checkJobRelative(location.lastComponent, what: "\(what) name")
        }
    }

    /// `src [dst], src2 [dst2]`. Inputs: the destination is a name in the job directory.
    /// Outputs: the source is a name in the job directory.
    static func files(_ entry: KeyValueEntry, inputs: Bool) throws -> [FileTransfer] {
        var transfers: [FileTransfer] = []
        for item in entry.value.split(separator: ",") {
            let words = item.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.isEmpty { continue }
            guard words.count <= 2 else {
                throw invalid(entry, "'\(item.trimmingBlanks())' has \(words.count) names",
                              hint: "each entry is 'source [destination]'; separate entries with commas")
            }
            let transfer = FileTransfer(words[0], words.count == 2 ? words[1] : nil)
            try located(entry) {
                if inputs {
                    let source = try FileLocation(parsing: transfer.source)
                    if let destination = transfer.destination {
                        try PathSafety.checkJobRelative(destination, what: "destination")
                    } else if source.isStaged {
                        try PathSafety.checkJobRelative(source.lastComponent, what: "name")
                    }
                } else {
                    try PathSafety.checkJobRelative(transfer.source, what: "output")
                    if let destination = transfer.destination { _ = try FileLocation(parsing: destination) }
                }
            }
            transfers.append(transfer)
        }
        return transfers
    }

    /// `A=1, B="two, three"`: commas inside quotes belong to the value.
    static func environment(_ entry: KeyValueEntry) throws -> [EnvironmentVariable] {
        var items: [String] = []
        var current = ""
        var quoted = false
        for c in entry.value {
            if c == "\"" { quoted.toggle() }
            if c == ",", !quoted { items.append(current); current = "" } else { current.append(c) }
        }
        items.append(current)
        var variables: [EnvironmentVariable] = []
        for item in items.map({ $0.trimmingBlanks() }) where !item.isEmpty {
            guard let equals = item.firstIndex(of: "=") else {
                throw invalid(entry, "'\(item)' has no '='", hint: "write NAME=value, separated by commas")
            }
            let name = item[..<equals].trimmingBlanks()
            guard let first = name.first, first.isASCII, first.isLetter || first == "_",
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw invalid(entry, "'\(name)' is not a variable name", hint: "names are letters, digits and _")
            }
            var value = item[item.index(after: equals)...].trimmingBlanks()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            variables.append(EnvironmentVariable(name, value))
        }
        return variables
    }

    /// Parses an expression, placing a syntax error at the template's line and column.
    static func expression<T>(_ entry: KeyValueEntry, _ parse: (String) throws -> T) throws -> T {
        do {
            return try parse(entry.value)
        } catch var error as MiddlewareError {
            let column = error.expression.map { entry.valueColumn + $0.column - 1 }
            error.location = TextLocation(file: entry.file, line: entry.line, column: column)
            throw error
        }
    }
}
