/// Turns the lab file as written into the lab as used, in one place: defaults applied,
/// node names expanded, cross-entry rules checked, one instance per student.
struct LabResolver {
    static let defaultImage = "tiny"
    static let defaultCPUs = 1
    static let defaultMemoryMiB = 96
    static let defaultDiskMiB = 1024
    static let headnodeRange = 1...3
    static let maxNodes = 128

    let labFile: LabFile
    /// Absolute path stored in `Lab.sourcePath`.
    let sourcePath: String
    var diagnostics: [Diagnostic] = []

    init(_ labFile: LabFile, sourcePath: String) {
        self.labFile = labFile
        self.sourcePath = sourcePath
    }

    mutating func report(_ code: Diagnostic.Code, at location: SourceLocation, _ message: String,
                         hint: String? = nil, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(code, at: location, message, hint: hint, notes: notes))
    }

    /// The lab, or nil when this stage found problems or the lab has no valid name.
    mutating func resolve() -> Lab? {
        let nodes = expandNodes()
        checkNodes(nodes)
        let networks = resolveNetworks(nodeCount: nodes.count)
        let users = resolveUsers()
        let students = resolveStudents(users: users)
        if !students.isEmpty { checkCourse(students) }
        guard let name = labFile.name, diagnostics.isEmpty else { return nil }

        let plainUsers = users.map(\.user)
        let instances: [LabInstance]
        if students.isEmpty {
            instances = [LabInstance(id: name.value, student: nil, nodes: nodes.map(\.node),
                                     external: networks.external, internal: networks.internal, users: plainUsers)]
        } else {
            instances = students.map { student in
                LabInstance(id: "\(name.value)-\(student.value)", student: student.value, nodes: nodes.map(\.node),
                            external: networks.external, internal: networks.internal,
                            users: plainUsers + [User(name: student.value)])
            }
        }
        let sourceMap = LabSourceMap(
            lab: name.location,
            nodes: Dictionary(nodes.map { ($0.node.name, $0.source) }, uniquingKeysWith: { first, _ in first }),
            externalSubnet: labFile.external.subnet?.location, internalSubnet: labFile.internalSubnet?.location)
        return Lab(name: name.value, sourcePath: sourcePath, description: labFile.description,
                   instances: instances, ca: labFile.ca, middleware: labFile.middleware, sourceMap: sourceMap)
    }
}
