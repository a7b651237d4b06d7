import ArgumentParser
import LabModel

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a lab or course file and print what it resolves to.")

    @Argument(help: "The lab or course file (YAML).")
    var file: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let lab = try reportingFailures { try LabReference(text: file).load() }
        if output.json {
            try printJSON(LabSummary(lab))
            return
        }
        let nodes = lab.instances.first?.nodes ?? []
        print("\(file): ok: lab '\(lab.name)', \(nodes.count) node(s) per copy"
              + (lab.isCourse ? ", \(lab.instances.count) student copies" : ""))
        for node in nodes {
            print("  \(node.name)\t\(node.role.rawValue)\t\(node.cpus) cpu\t\(node.memoryMiB) MiB\t\(node.diskMiB) MiB disk\t\(node.image)")
        }
        if lab.isCourse { print("  students: \(lab.instances.compactMap(\.student).joined(separator: ", "))") }
    }
}

/// The resolved lab, for `validate --json`.
struct LabSummary: Encodable {
    struct NodeSummary: Encodable {
        var name: String, role: String, cpus: Int, memoryMiB: Int, diskMiB: Int, image: String
    }
    struct InstanceSummary: Encodable {
        var id: String, student: String?, nodes: [NodeSummary], users: [String]
        var external: String, internalSubnet: String, externalSubnet: String
    }
    var lab: String
    var source: String
    var instances: [InstanceSummary]

    init(_ lab: Lab) {
        func text(_ subnet: SubnetRequest) -> String {
            if case .fixed(let value) = subnet { return value.description }
            return "auto"
        }
        self.lab = lab.name
        self.source = lab.sourcePath
        self.instances = lab.instances.map { instance in
            InstanceSummary(
                id: instance.id, student: instance.student,
                nodes: instance.nodes.map { NodeSummary(name: $0.name, role: $0.role.rawValue, cpus: $0.cpus,
                                                         memoryMiB: $0.memoryMiB, diskMiB: $0.diskMiB, image: $0.image) },
                users: instance.users.map(\.name), external: instance.external.mode.rawValue,
                internalSubnet: text(instance.internal.subnet), externalSubnet: text(instance.external.subnet))
        }
    }
}
