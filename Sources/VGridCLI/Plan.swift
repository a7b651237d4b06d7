import ArgumentParser
import Provisioning

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what `up` would create, change or remove; change nothing.")

    @Argument(help: "The lab or course file (YAML).")
    var file: String

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let lab = try LabReference(text: file).load()
            let host = try LabHost(uri: connection.uri)
            let summary = try host.plan(lab)
            if output.json { try printJSON(summary); return }
            if summary.actions.isEmpty {
                print("lab '\(lab.name)' is up to date: nothing to do")
                return
            }
            print("vgrid up \(file) would:")
            for action in summary.actions { print("  \(action)") }
            let creates = summary.actions.filter { $0.kind == .create }.count
            let removes = summary.actions.filter { $0.kind == .remove }.count
            let changes = summary.actions.count - creates - removes
            print("\(creates) to create, \(changes) to change, \(removes) to remove")
        }
    }
}
