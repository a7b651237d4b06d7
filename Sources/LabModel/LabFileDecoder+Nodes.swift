import Yams

extension LabFileDecoder {
    static let nodeKeys = ["name", "names", "count", "role"] + settingKeys
    static let countRange = 1...64

    mutating func nodeEntries(_ node: YAMLNode) -> [NodeEntry] {
        guard let items = list(node, for: "nodes", example: "name: head") else { return [] }
        if items.isEmpty {
            report(.invalidValue, at: location(node), "'nodes' is empty",
                   hint: "a lab needs at least one node with 'role: headnode'")
        }
        return items.compactMap { nodeEntry($0) }
    }

    mutating func nodeEntry(_ node: YAMLNode) -> NodeEntry? {
        let before = diagnostics.count
        guard let section = fields(node, in: "node", allowed: Self.nodeKeys) else { return nil }
        var entry = NodeEntry(location: section.location)

        require("role", in: section, section: "node", example: "role: workernode")
        if let node = section["role"] { entry.role = choice(node, for: "role", as: NodeRole.self) }
        if let node = section["count"] { entry.count = int(node, for: "count", in: Self.countRange) }
        if let node = section["name"] { entry.name = string(node, for: "name") }
        if let node = section["names"], let items = list(node, for: "names", example: "worker-a") {
            entry.names = items.compactMap { string($0, for: "names") }
            if items.isEmpty { report(.invalidValue, at: location(node), "'names' is empty") }
        }
        checkNaming(&entry, section)
        entry.settings = settings(section)
        entry.isComplete = diagnostics.count == before
        return entry
    }

    /// `name`, `name` + `count`, or `names`: exactly one way, and valid host names.
    private mutating func checkNaming(_ entry: inout NodeEntry, _ section: YAMLFields) {
        if entry.name != nil, let names = section.keys["names"] {
            report(.conflict, at: location(names), "a node cannot have both 'name' and 'names'",
                   hint: "use 'name' (with 'count' for numbered nodes) or a 'names' list")
            entry.names = nil
        }
        if entry.names != nil, let count = section.keys["count"] {
            report(.conflict, at: location(count), "'count' and 'names' are exclusive",
                   hint: "'names' already says how many nodes there are; remove 'count'")
            entry.count = nil
        }
        if entry.name == nil, entry.names == nil, !section.contains("name"), !section.contains("names") {
            report(.missingKey, at: section.location, "missing required key 'name' in node",
                   hint: "add 'name: worker' (with 'count: 2' for worker1, worker2) or 'names: [a, b]'")
        }
        let suffix = entry.count.map { String($0.value) } ?? ""
        if let name = entry.name, let problem = Self.nodeNameProblem(name.value + suffix) {
            let shown = suffix.isEmpty ? "'\(name.value)'" : "'\(name.value + suffix)' (from count \(suffix))"
            report(.invalidValue, at: name.location, "invalid node name \(shown): \(problem)",
                   hint: "node names are host names: lower-case letters, digits and '-'")
            entry.name = nil
        }
        entry.names = entry.names?.filter { name in
            guard let problem = Self.nodeNameProblem(name.value) else { return true }
            report(.invalidValue, at: name.location, "invalid node name '\(name.value)': \(problem)",
                   hint: "node names are host names: lower-case letters, digits and '-'")
            return false
        }
    }

    static func nodeNameProblem(_ name: String) -> String? {
        if name == "localhost" { return "is reserved" }
        return NameRules.dnsLabelProblem(name, maxLength: NameRules.maxNodeName)
    }
}
