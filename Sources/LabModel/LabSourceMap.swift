/// Where things in a resolved `Lab` were written, so that checks made later (image
/// memory, subnet collisions at `up`) can still point at a line and column.
public struct LabSourceMap: Sendable, Equatable {
    /// Where a node setting's effective value came from.
    public enum Origin: String, Sendable, Equatable {
        /// The node's own entry.
        case node
        /// The `defaults:` section.
        case defaults
        /// Nothing in the file: vgrid's built-in default.
        case builtIn
    }

    public struct NodeSource: Sendable, Equatable {
        /// The node's name as written (for `count`, the base name shared by all copies).
        public var name: SourceLocation
        /// The value that decided the node's memory (the name when built in).
        public var memory: SourceLocation
        public var memoryOrigin: Origin
        /// The value that decided the node's image (the name when built in).
        public var image: SourceLocation
        public var imageOrigin: Origin

        public init(name: SourceLocation, memory: SourceLocation, memoryOrigin: Origin,
                    image: SourceLocation, imageOrigin: Origin) {
            self.name = name
            self.memory = memory
            self.memoryOrigin = memoryOrigin
            self.image = image
            self.imageOrigin = imageOrigin
        }
    }

    /// The `lab:` value.
    public var lab: SourceLocation?
    /// By node name; the same for every instance of a course.
    public var nodes: [String: NodeSource]
    public var externalSubnet: SourceLocation?
    public var internalSubnet: SourceLocation?

    public init(lab: SourceLocation? = nil, nodes: [String: NodeSource] = [:],
                externalSubnet: SourceLocation? = nil, internalSubnet: SourceLocation? = nil) {
        self.lab = lab
        self.nodes = nodes
        self.externalSubnet = externalSubnet
        self.internalSubnet = internalSubnet
    }
}
