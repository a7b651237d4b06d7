import Yams

typealias YAMLNode = Yams.Node

/// The keys of one YAML mapping by name, after unknown keys have been reported.
struct YAMLFields {
    /// Where the mapping starts (its first key), for "missing key" errors.
    let location: SourceLocation
    private(set) var keys: [String: YAMLNode] = [:]
    private(set) var values: [String: YAMLNode] = [:]

    init(location: SourceLocation) {
        self.location = location
    }

    mutating func add(key: String, keyNode: YAMLNode, value: YAMLNode) {
        keys[key] = keyNode
        values[key] = value
    }

    /// The value, or nil when the key is absent or has no value (`key:`, `key: ~`).
    subscript(key: String) -> YAMLNode? {
        guard let value = values[key], !value.isNull else { return nil }
        return value
    }

    func contains(_ key: String) -> Bool { values[key] != nil }
}

extension YAMLNode {
    /// The resolved tag (`!!int`, `!!str`, ...); quoted scalars are always `!!str`.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }

    /// A plain empty value, `~` or `null` (a quoted "null" is a string).
    var isNull: Bool {
        if case .scalar = self { return tagName == .null }
        return false
    }

    /// How a value is named in "expected X, got Y" messages.
    var shortDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull { return "nothing" }
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(37)) + "..." : scalar.string
            return "'\(text)'"
        }
    }
}
