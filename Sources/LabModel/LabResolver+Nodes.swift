extension LabResolver {
    struct ExpandedNode {
        var node: Node
        var source: LabSourceMap.NodeSource
        /// For messages: how this name came about (`'name: worker' with 'count: 2'`).
        var origin: String?
    }

    /// One node per name, with settings from the entry, else `defaults:`, else built in.
    func expandNodes() -> [ExpandedNode] {
        labFile.nodes.flatMap { entry -> [ExpandedNode] in
            guard let role = entry.role?.value else { return [] }
            var names: [(String, SourceLocation, String?)] = []
            if let list = entry.names {
                names = list.map { ($0.value, $0.location, nil) }
            } else if let base = entry.name, let count = entry.count {
                let origin = "'name: \(base.value)' with 'count: \(count.value)'"
                names = (1...count.value).map { ("\(base.value)\($0)", base.location, origin) }
            } else if let base = entry.name {
                names = [(base.value, base.location, nil)]
            }
            return names.map { name, location, origin in
                let image = pick(entry.settings.image, labFile.defaults.image, Self.defaultImage, at: location)
                let memory = pick(entry.settings.memoryMiB, labFile.defaults.memoryMiB, Self.defaultMemoryMiB, at: location)
                let node = Node(
                    name: name, role: role,
                    cpus: entry.settings.cpus?.value ?? labFile.defaults.cpus?.value ?? Self.defaultCPUs,
                    memoryMiB: memory.value,
                    diskMiB: entry.settings.diskMiB?.value ?? labFile.defaults.diskMiB?.value ?? Self.defaultDiskMiB,
                    image: image.value)
                let source = LabSourceMap.NodeSource(name: location, memory: memory.location, memoryOrigin: memory.origin,
                                                     image: image.location, imageOrigin: image.origin)
                return ExpandedNode(node: node, source: source, origin: origin)
            }
        }
    }

    private func pick<T>(_ own: Located<T>?, _ fallback: Located<T>?, _ builtIn: T,
                         at name: SourceLocation) -> (value: T, location: SourceLocation, origin: LabSourceMap.Origin) {
        if let own { return (own.value, own.location, .node) }
        if let fallback { return (fallback.value, fallback.location, .defaults) }
        return (builtIn, name, .builtIn)
    }

    /// Unique names, 1-3 headnodes, a bounded total.
    mutating func checkNodes(_ nodes: [ExpandedNode]) {
        var seen: [String: ExpandedNode] = [:]
        for node in nodes {
            guard let first = seen[node.node.name] else {
                seen[node.node.name] = node
                continue
            }
            let from = node.origin.map { " (from \($0))" } ?? ""
            let firstFrom = first.origin.map { " (from \($0))" } ?? ""
            report(.duplicate, at: node.source.name, "duplicate node name '\(node.node.name)'\(from)",
                   hint: "every node needs its own host name; rename one of them",
                   notes: [.init("'\(node.node.name)' is first defined here\(firstFrom)", at: first.source.name)])
        }
        // A rejected entry (bad role, bad name) already has its error; don't pile on.
        guard labFile.nodes.allSatisfy(\.isComplete), !labFile.nodes.isEmpty else { return }
        let nodesLocation = labFile.nodesKey ?? labFile.root
        let headnodes = nodes.filter { $0.node.role == .headnode }
        if headnodes.isEmpty {
            report(.missingKey, at: nodesLocation, "the lab has no headnode",
                   hint: "give one node 'role: headnode'; it runs the scheduler and the CA")
        } else if headnodes.count > Self.headnodeRange.upperBound {
            report(.outOfRange, at: headnodes[Self.headnodeRange.upperBound].source.name,
                   "the lab has \(headnodes.count) headnodes; at most \(Self.headnodeRange.upperBound) are allowed",
                   hint: "make the others 'role: workernode'")
        }
        if nodes.count > Self.maxNodes {
            report(.outOfRange, at: nodesLocation, "the lab has \(nodes.count) nodes; at most \(Self.maxNodes) are allowed",
                   hint: "lower the 'count' of some entries")
        }
    }
}
