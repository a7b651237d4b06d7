import ArgumentParser
import Provisioning

struct Down: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a lab: its nodes, networks, volumes and local state.",
        discussion: "Everything is found by the lab's ownership stamp in libvirt, so this works even if vgrid's state directory is gone.")

    @Argument(help: "The lab or course file, or the lab's name.")
    var lab: String

    @Flag(help: "Keep the nodes' disks (their overlays), so the next `up` finds the students' work.")
    var keepDisks = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let reference = LabReference(text: lab)
            var name = lab
            var ids: [String] = []
            if reference.isFile {
                let loaded = try reference.load()
                name = loaded.name
                ids = loaded.instances.map(\.id)
            }
            let host = try LabHost(uri: connection.uri, reporter: TerminalReporter(quiet: output.quiet || output.json))
            let summary = try host.down(labName: name, extraInstanceIDs: ids, keepDisks: keepDisks)
            if output.json { try printJSON(summary); return }
            if summary.instances.isEmpty {
                print("lab '\(name)' has nothing on \(connection.uri)")
            } else {
                print("lab '\(name)' is down: removed \(summary.domains) node(s), \(summary.networks) network(s), \(summary.volumes) volume(s) in \(String(format: "%.1f", summary.seconds)) s")
            }
        }
    }
}
