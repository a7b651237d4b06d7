import ArgumentParser
import Foundation
import Provisioning

struct Up: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the lab (or complete or update it) and wait until every node is ready.",
        discussion: "Running it again changes nothing; after editing the file it adds or removes only what changed; an interrupted `up` is completed by the next one.")

    @Argument(help: "The lab or course file (YAML).")
    var file: String

    @Option(help: "How many nodes to create at once.")
    var maxWorkers = 16

    @Option(help: "Seconds to wait for each node to report ready.")
    var timeout: Double = 180

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard maxWorkers >= 1 else { throw ValidationError("--max-workers must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() throws {
        try reportingFailures {
            let lab = try LabReference(text: file).load()
            let host = try LabHost(uri: connection.uri, reporter: TerminalReporter(quiet: output.quiet || output.json))
            host.maxParallelNodes = maxWorkers
            host.readyTimeoutSeconds = timeout
            let summary = try host.up(lab)
            if output.json { try printJSON(summary); return }
            let nodes = lab.instances.reduce(0) { $0 + $1.nodes.count }
            let changed = summary.actions.isEmpty ? "nothing to change" : "\(summary.actions.count) change(s)"
            print("lab '\(lab.name)' is up: \(nodes) node(s) ready in \(String(format: "%.1f", summary.readySeconds ?? 0)) s (\(changed); accelerator \(summary.accelerator.rawValue))")
            if !summary.accessSheets.isEmpty {
                // One sheet per account: how to connect (vgrid ssh, or ssh with the key), DN, passphrase.
                print("access sheets (SSH key, addresses, passphrase; mode 0600):")
                let width = summary.accessSheets.map { $0.instance.count + $0.user.count + 1 }.max() ?? 0
                for sheet in summary.accessSheets {
                    let name = "\(sheet.instance)/\(sheet.user)".padding(toLength: width, withPad: " ", startingAt: 0)
                    print("  \(name)  \(sheet.path)")
                }
            }
        }
    }
}
