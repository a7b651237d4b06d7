import ArgumentParser
import Foundation
import Provisioning

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the nodes of a lab (or of every vgrid lab on the host); for a course, every student's lab.",
        discussion: """
            For a course (a lab file with `students:`) the default is the class view: one line per             student with nodes ready, whether gwd answers on the headnode, and the jobs in its pool,             running, done and failed. --nodes shows the nodes instead; --class gives the class view of             a plain lab too.
            """)

    @Argument(help: "The lab or course file, or the lab's name (default: all labs).")
    var lab: String?

    @Flag(help: "Print only the node names (as `exec` and `console` take them), one per line.")
    var names = false

    @Flag(name: .customLong("nodes"), help: "For a course: list the nodes instead of the class view.")
    var nodeList = false

    @Flag(name: .customLong("class"), help: "The class view (nodes ready, gwd answering, jobs) for any lab.")
    var classView = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let reference = lab.map { LabReference(text: $0) }
            let loaded = try reference.flatMap { $0.isFile ? try $0.load() : nil }
            let labName = try loaded?.name ?? reference.map { try $0.labName() }
            let host = try LabHost(uri: connection.uri)
            if let labName, classView || (loaded?.isCourse == true && !nodeList && !names) {
                try printClass(try host.classStatus(labName: labName), lab: labName)
                return
            }
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

extension Status {
    func printClass(_ instances: [InstanceHealth], lab: String) throws {
        if output.json { try printJSON(instances); return }
        if instances.isEmpty {
            print("lab '\(lab)' has no nodes on \(connection.uri)")
            return
        }
        func count(_ value: Int?) -> String { value.map(String.init) ?? "-" }
        let table = [["STUDENT", "LAB", "NODES", "GWD", "POOL", "RUN", "DONE", "FAIL", "PROBLEMS"]] + instances.map { item in
            var problems: [String] = []
            if !item.nodesNotReady.isEmpty { problems.append("not ready: " + item.nodesNotReady.joined(separator: ", ")) }
            if let problem = item.gwdProblem { problems.append("gwd: " + problem) }
            return [item.student ?? "-", item.instance, "\(item.nodesReady)/\(item.nodes)", item.gwdAnswering ? "yes" : "no",
                    count(item.jobsInPool), count(item.jobsRunning), count(item.jobsDone), count(item.jobsFailed),
                    problems.isEmpty ? "-" : problems.joined(separator: "; ")]
        }
        printTable(table)
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
