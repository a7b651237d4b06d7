import ArgumentParser
import Foundation
import Provisioning

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the nodes of a lab (or of every vgrid lab on the host).")

    @Argument(help: "The lab or course file, or the lab's name (default: all labs).")
    var lab: String?

    @Flag(help: "Print only the node names (as `exec` and `console` take them), one per line.")
    var names = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let labName = try lab.map { try LabReference(text: $0).labName() }
            let host = try LabHost(uri: connection.uri)
            let rows = try host.status(labName: labName)
            if output.json { try printJSON(rows); return }
            if names { rows.forEach { print($0.domain) }; return }
            if rows.isEmpty {
                print(labName.map { "lab '\($0)' has no nodes on \(connection.uri)" } ?? "no vgrid labs on \(connection.uri)")
                return
            }
            let table = [["NODE", "ROLE", "STATE", "READY", "INTERNAL", "EXTERNAL", "IMAGE", "MEMORY"]] + rows.map {
                [$0.domain, $0.role, $0.state, $0.ready ? "yes" : "no", $0.internalAddress ?? "-",
                 $0.externalAddress ?? "-", $0.image ?? "-", $0.memoryMiB.map { "\($0) MiB" } ?? "-"]
            }
            printTable(table)
        }
    }
}

/// Left-aligned columns separated by two spaces, like virsh's lists.
func printTable(_ rows: [[String]]) {
    guard let first = rows.first else { return }
    let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
        let cells = row.enumerated().map { index, cell in
            index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }
        print(cells.joined(separator: "  "))
    }
}
