import ArgumentParser
import Foundation
import LabBundle
import Provisioning

/// `vgrid export LAB.yaml -o FILE`: the lab as one file another host imports and brings up offline.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a lab (or one student's copy of a course) as one bundle file.",
        discussion: """
            The bundle (a zstd-compressed tar) holds a manifest with every member's size and \
            SHA-256, the lab file, each guest image once, the nodes' recorded subnets and seeds, \
            the CA's certificate, CRL and issued credentials (its private key only with \
            --include-ca-key), the course material and, with --with-state, every node's disk. \
            `vgrid import FILE` brings it onto another host; `vgrid bundle info FILE` lists it.
            """)

    @Argument(help: "The lab or course file.")
    var file: String

    @Option(name: [.short, .long], help: ArgumentHelp("The bundle to write.", valueName: "FILE"))
    var output: String

    @Option(help: "In a course, export only this student's copy.")
    var student: String?

    @Flag(help: "Include every node's disk: the students' current work (nodes are frozen for the copy).")
    var withState = false

    @Flag(help: "Include the CA's private key, so the importing host can issue certificates.")
    var includeCAKey = false

    @Option(help: ArgumentHelp("The course material (default: course-material/ beside the lab file or one level up).", valueName: "DIR"))
    var material: String?

    @Option(help: ArgumentHelp("zstd level (1-19) for everything but the images, which are compressed once per image version at 19 and cached.", valueName: "N"))
    var level = 9

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output_: OutputOptions

    func validate() throws {
        guard (1...19).contains(level) else { throw ValidationError("--level must be between 1 and 19") }
        guard LabReference(text: file).isFile else { throw ValidationError("'\(file)' is not a lab file (LAB.yaml)") }
    }

    func run() throws {
        try reportingFailures {
            let lab = try LabReference(text: file).load()
            var options = ExportOptions(output: output)
            options.student = student
            options.withState = withState
            options.includeCAKey = includeCAKey
            options.materialDirectory = material
            options.level = level
            let reporter = TerminalReporter(quiet: output_.quiet || output_.json)
            var exporter = LabExporter(lab: lab, options: options, vgridVersion: VGridVersion.current)
            exporter.reporter = reporter
            if withState { exporter.host = try LabHost(uri: connection.uri, reporter: reporter) }
            let summary = try exporter.export()
            if output_.json { try printJSON(summary); return }
            print("exported lab '\(lab.name)'\(student.map { " (student \($0))" } ?? "") to \(summary.file): "
                  + "\(summary.members) member(s), \(megabytes(summary.bundleBytes)) (\(megabytes(summary.contentBytes)) uncompressed) "
                  + "in \(String(format: "%.1f", summary.seconds)) s")
        }
    }
}

func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
