import Suggestions
/// Helpers shared by the `gwd.conf` and `sched.conf` readers.
enum ConfigValues {
    /// The entries of a config file; warns about a key (with its index) set twice.
    static func entries(_ text: String, file: String, warnings: inout [MiddlewareWarning]) throws -> [KeyValueEntry] {
        let entries = try KeyValueFile.parse(text, file: file)
        var seen: [String: Int] = [:]
        for entry in entries {
            if let first = seen[entry.fullKey], !["IM_MAD", "EM_MAD", "TM_MAD"].contains(entry.key) {
                warnings.append(MiddlewareWarning("\(entry.fullKey) is set twice (first on line \(first)); the later value wins",
                                                  at: entry.location))
            }
            seen[entry.fullKey] = seen[entry.fullKey] ?? entry.line
        }
        return entries
    }

    static func unknownKey(_ entry: KeyValueEntry, known: [String], conf: String, other: [String], otherConf: String)
        -> MiddlewareError {
        let hint = other.contains(entry.key)
            ? "\(entry.key) belongs in \(otherConf)"
            : Suggestion.hint(for: entry.key, in: known)
        return MiddlewareError(.unknownKey, "unknown key '\(entry.key)' in \(conf)", hint: hint, at: entry.location)
    }

    static func rejectIndex(_ entry: KeyValueEntry) throws {
        guard entry.index == nil else {
            throw MiddlewareError(.syntax, "\(entry.key) takes no [index]", hint: "write \(entry.key) = value", at: entry.location)
        }
    }

    /// A non-negative decimal number (GridWay's weights allow fractions).
    static func weight(_ entry: KeyValueEntry) throws -> Double {
        guard let value = Double(entry.value), value.isFinite, value >= 0 else {
            throw TemplateValues.invalid(entry, "expected a number of 0 or more, found '\(entry.value)'")
        }
        return value
    }

    static func driver(_ entry: KeyValueEntry) throws -> DriverSpec {
        let spec = DriverSpec(entry.value)
        guard !spec.name.isEmpty else {
            throw TemplateValues.invalid(entry, "a driver line starts with its name", hint: "write name:executable:[args]")
        }
        return spec
    }
}
