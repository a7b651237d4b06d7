import Suggestions
import Yams

/// Typed reading of YAML values; each reader reports its own errors and returns nil.
extension LabFileDecoder {
    func location(_ node: YAMLNode) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func report(_ code: Diagnostic.Code, at location: SourceLocation, _ message: String,
                         hint: String? = nil, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(code, at: location, message, hint: hint, notes: notes))
    }

    /// Reads a mapping whose keys must come from `allowed`; reports every other key.
    mutating func fields(_ node: YAMLNode, in section: String, allowed: [String]) -> YAMLFields? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType, at: location(node), "expected a mapping for \(section), got \(node.shortDescription)",
                   hint: "write the keys of \(section) indented below it: " + allowed.joined(separator: ", "))
            return nil
        }
        var fields = YAMLFields(location: location(node))
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, !key.isNull else {
                report(.wrongType, at: location(key), "expected a key name in \(section), got \(key.shortDescription)")
                continue
            }
            if key.tagName == .merge {
                report(.unknownKey, at: location(key), "merge keys ('<<') are not supported in \(section)",
                       hint: "put shared node settings under 'defaults:' instead")
            } else if allowed.contains(scalar.string) {
                fields.add(key: scalar.string, keyNode: key, value: value)
            } else {
                report(.unknownKey, at: location(key), "unknown key '\(scalar.string)' in \(section)",
                       hint: Suggestion.hint(for: scalar.string, in: allowed))
            }
        }
        return fields
    }

    /// Reports a required key that is absent or empty.
    mutating func require(_ key: String, in fields: YAMLFields, section: String, example: String) {
        guard fields[key] == nil else { return }
        let at = fields.keys[key].map(location) ?? fields.location
        let what = fields.contains(key) ? "key '\(key)' in \(section) has no value" : "missing required key '\(key)' in \(section)"
        report(.missingKey, at: at, what, hint: "add '\(example)'")
    }

    /// Any scalar except null, as written (`no` and `123` are fine as names).
    mutating func string(_ node: YAMLNode, for key: String) -> Located<String>? {
        guard case .scalar(let scalar) = node, !node.isNull else {
            report(.wrongType, at: location(node), "expected a string for '\(key)', got \(node.shortDescription)")
            return nil
        }
        return Located(value: scalar.string, location: location(node))
    }

    mutating func int(_ node: YAMLNode, for key: String, in range: ClosedRange<Int>? = nil,
                      unit: String = "") -> Located<Int>? {
        guard node.tagName == .int, let value = node.int else {
            let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            report(.wrongType, at: location(node), "expected an integer for '\(key)', got \(node.shortDescription)",
                   hint: quoted && Int(node.scalar?.string ?? "") != nil ? "remove the quotes" : nil)
            return nil
        }
        if let range, !range.contains(value) {
            report(.outOfRange, at: location(node),
                   "'\(key)' must be between \(range.lowerBound) and \(range.upperBound)\(unit), got \(value)\(unit)")
            return nil
        }
        return Located(value: value, location: location(node))
    }

    mutating func bool(_ node: YAMLNode, for key: String) -> Bool? {
        guard node.tagName == .bool, let value = node.bool else {
            report(.wrongType, at: location(node), "expected true or false for '\(key)', got \(node.shortDescription)")
            return nil
        }
        return value
    }

    mutating func list(_ node: YAMLNode, for key: String, example: String) -> [YAMLNode]? {
        guard case .sequence(let sequence) = node else {
            report(.wrongType, at: location(node), "expected a list for '\(key)', got \(node.shortDescription)",
                   hint: "write one '- \(example)' line per entry")
            return nil
        }
        return Array(sequence)
    }

    /// One of a fixed set of words (`role`, `mode`), with a did-you-mean.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, for key: String,
                                                            as type: T.Type) -> Located<T>? where T.RawValue == String {
        guard let text = string(node, for: key) else { return nil }
        if let value = T(rawValue: text.value) { return Located(value: value, location: text.location) }
        let names = T.allCases.map(\.rawValue)
        report(.invalidValue, at: text.location, "invalid \(key) '\(text.value)'",
               hint: Suggestion.hint(for: text.value, in: names, noun: "values"))
        return nil
    }

    /// A memory or disk size (integer MiB or a string with a unit), as whole MiB.
    mutating func size(_ node: YAMLNode, for key: String, in range: ClosedRange<Int>) -> Located<Int>? {
        let usage = "write an integer (MiB) or a number with KiB, MiB, GiB, MB or GB, e.g. 128MiB"
        guard case .scalar(let scalar) = node, !node.isNull,
              [.int, .str, .float].contains(node.tagName) else {
            report(.wrongType, at: location(node), "expected a size for '\(key)', got \(node.shortDescription)", hint: usage)
            return nil
        }
        let text = node.tagName == .int ? String(node.int ?? -1) : scalar.string
        switch ByteSize.parseMiB(text) {
        case .success(let mib) where range.contains(mib):
            return Located(value: mib, location: location(node))
        case .success(let mib):
            report(.outOfRange, at: location(node),
                   "'\(key)' must be between \(ByteSize.format(mib: range.lowerBound)) and "
                   + "\(ByteSize.format(mib: range.upperBound)), got \(ByteSize.format(mib: mib))")
        case .failure(.unknownUnit(let unit, let suggestion)):
            report(.invalidValue, at: location(node), "unknown size unit '\(unit)' in '\(key)'",
                   hint: suggestion.map { "did you mean '\($0)'? (\(usage))" } ?? usage)
        case .failure(.fractionalMiB):
            report(.invalidValue, at: location(node), "a size without a unit is whole MiB; got '\(text)' for '\(key)'",
                   hint: usage)
        case .failure(.notANumber):
            report(.invalidValue, at: location(node), "invalid size '\(text)' for '\(key)'", hint: usage)
        }
        return nil
    }
}
