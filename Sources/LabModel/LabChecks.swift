import Suggestions
/// Checks that need knowledge from outside the lab file (the image catalogue); the
/// diagnostics point at the lab file through `Lab.sourceMap`.
public enum LabChecks {
    /// Nodes with less memory than their image needs. `imageMinimumMiB` returns nil
    /// for images without a known minimum.
    public static func memory(lab: Lab, imageMinimumMiB: (String) -> Int?) -> [Diagnostic] {
        nodes(of: lab).compactMap { node, source -> Diagnostic? in
            guard let minimum = imageMinimumMiB(node.image), node.memoryMiB < minimum else { return nil }
            let hint: String
            switch source.memoryOrigin {
            case .node: hint = "raise this node's 'memory' to at least \(ByteSize.format(mib: minimum))"
            case .defaults: hint = "raise 'memory' in 'defaults:' (or on this node) to at least \(ByteSize.format(mib: minimum))"
            case .builtIn: hint = "add 'memory: \(ByteSize.format(mib: minimum))' to this node or to 'defaults:'"
            }
            return Diagnostic(.insufficientMemory, at: source.memory,
                              "node '\(node.name)' has \(ByteSize.format(mib: node.memoryMiB)) of memory, but image "
                              + "'\(node.image)' needs at least \(ByteSize.format(mib: minimum))", hint: hint)
        }
    }

    /// Nodes whose image is not in `available`, with a did-you-mean.
    public static func images(lab: Lab, available: [String]) -> [Diagnostic] {
        nodes(of: lab).compactMap { node, source -> Diagnostic? in
            guard !available.contains(node.image) else { return nil }
            return Diagnostic(.unknownImage, at: source.image, "node '\(node.name)' uses unknown image '\(node.image)'",
                              hint: Suggestion.hint(for: node.image, in: available.sorted(), noun: "images"))
        }
    }

    /// Every node once (a course's copies share them), in file order, with its source.
    private static func nodes(of lab: Lab) -> [(Node, LabSourceMap.NodeSource)] {
        let nodes = lab.instances.first?.nodes ?? []
        let unknown = SourceLocation(file: lab.sourcePath, line: 0, column: 0)
        return nodes.map { node in
            (node, lab.sourceMap.nodes[node.name]
                ?? .init(name: unknown, memory: unknown, memoryOrigin: .builtIn, image: unknown, imageOrigin: .builtIn))
        }
    }
}
