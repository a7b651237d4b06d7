import Suggestions
import Yams

/// `middleware.gwd` and `middleware.sched`: known GridWay keys only, values checked by kind.
extension LabFileDecoder {
    mutating func knobs(_ node: YAMLNode, file conf: String) -> [String: String] {
        guard case .mapping(let mapping) = node else {
            report(.wrongType, at: location(node), "expected a mapping for 'middleware.\(conf)', got \(node.shortDescription)",
                   hint: "write KEY: value pairs, e.g. { SCHEDULING_INTERVAL: 5 }")
            return [:]
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, !key.isNull else {
                report(.wrongType, at: location(key), "expected a key name in 'middleware.\(conf)', got \(key.shortDescription)")
                continue
            }
            guard let kind = knobKind(scalar.string, conf: conf, at: location(key)) else { continue }
            if let text = knobValue(value, key: scalar.string, kind: kind) { result[scalar.string] = text }
        }
        return result
    }

    /// The kind of a known key; reports unknown ones with the closest known key.
    private mutating func knobKind(_ key: String, conf: String, at location: SourceLocation) -> MiddlewareKeys.Kind? {
        let plain = conf == "gwd" ? MiddlewareKeys.gwd : MiddlewareKeys.sched
        if let kind = plain[key] { return kind }
        let indexed = conf == "gwd" ? [:] : MiddlewareKeys.indexedSched
        if let (base, index) = MiddlewareKeys.splitIndexed(key) {
            if let kind = indexed[base] { return kind }
            let match = Suggestion.closest(to: base, in: Array(indexed.keys))
            report(.unknownKey, at: location, "unknown \(conf).conf key '\(key)' in 'middleware.\(conf)'",
                   hint: match.map { "did you mean '\($0)[\(index)]'?" } ?? "indexed keys: FP_USER[name], SH_USER[name], RP_HOST[name]")
            return nil
        }
        if indexed[key] != nil {
            report(.invalidValue, at: location, "'\(key)' needs a name in brackets in 'middleware.\(conf)'",
                   hint: "write it as \(key)[name], e.g. \(key)[alice]")
            return nil
        }
        let other = conf == "gwd" ? MiddlewareKeys.sched : MiddlewareKeys.gwd
        let hint: String
        if other[key] != nil {
            hint = "'\(key)' is a \(conf == "gwd" ? "sched" : "gwd").conf key; move it to 'middleware.\(conf == "gwd" ? "sched" : "gwd")'"
        } else {
            let known = (Array(plain.keys) + indexed.keys.map { "\($0)[name]" }).sorted()
            hint = Suggestion.hint(for: key, in: known)
        }
        report(.unknownKey, at: location, "unknown \(conf).conf key '\(key)' in 'middleware.\(conf)'", hint: hint)
        return nil
    }

    /// The value as it will be written into the .conf file.
    private mutating func knobValue(_ node: YAMLNode, key: String, kind: MiddlewareKeys.Kind) -> String? {
        let text = node.scalar?.string ?? ""
        let isDecimal = !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
        switch kind {
        case .integer(let range):
            guard node.tagName == .int, isDecimal, let value = Int(text) else {
                report(.wrongType, at: location(node), "expected an integer for '\(key)', got \(node.shortDescription)")
                return nil
            }
            guard range.contains(value) else {
                report(.outOfRange, at: location(node),
                       "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
                return nil
            }
            return text
        case .weight:
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let numeric = [.int, .float].contains(node.tagName) && (1...2).contains(parts.count)
                && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
            guard numeric else {
                report(.wrongType, at: location(node), "expected a non-negative number for '\(key)', got \(node.shortDescription)")
                return nil
            }
            return text
        case .text:
            guard case .scalar = node, !node.isNull, !text.contains("\n") else {
                report(.wrongType, at: location(node), "expected a one-line string for '\(key)', got \(node.shortDescription)")
                return nil
            }
            return text
        }
    }
}
