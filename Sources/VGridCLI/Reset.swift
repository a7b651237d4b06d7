import ArgumentParser
import Foundation
import Provisioning

struct Reset: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring nodes back to their just-provisioned state (a fresh disk, the same seed).",
        discussion: """
            Each node reset gets an empty overlay on the lab's base image and boots again from the seed \
            `up` gave it: certificates, accounts and middleware configuration are as provisioned, and \
            whatever was changed or broken on the node is gone. The lab CA and the other nodes (and the \
            other students' copies of a course) are left alone.
            Examples: vgrid reset labs/intro.yaml head; vgrid reset labs/course.yaml --student s2
            """)

    @Argument(help: "The lab or course file, or the lab's name.")
    var lab: String

    @Argument(help: "Nodes to reset (e.g. head worker1, or domain names as `vgrid status` shows them); none: every node.")
    var nodes: [String] = []

    @Option(help: "In a course, reset only this student's copy.")
    var student: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let name = try LabReference(text: lab).labName()
            let host = try LabHost(uri: connection.uri, reporter: TerminalReporter(quiet: output.quiet || output.json))
            let summary = try host.reset(labName: name, nodes: nodes, student: student)
            if output.json { try printJSON(summary); return }
            print("reset \(summary.nodes.joined(separator: ", ")): ready again in \(String(format: "%.1f", summary.seconds)) s")
        }
    }
}
