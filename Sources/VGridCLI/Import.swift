import ArgumentParser
import Foundation
import LabBundle
import Provisioning

/// `vgrid import FILE`: checks a bundle completely, then registers its lab on this host.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring a lab bundle onto this host, ready for `vgrid up` with no network access.",
        discussion: """
            Every member's size and SHA-256 is checked before anything is registered; a truncated, \
            damaged or tampered bundle, an unknown format version, or a member that would escape \
            its directory is refused and nothing is left behind. Images go to /var/lib/vgrid/images, \
            the CA to /var/lib/vgrid/ca/<lab>, disks into libvirt's pool, and the lab file and course \
            material into DIR.
            """)

    @Argument(help: "The bundle file.")
    var file: String

    @Option(help: ArgumentHelp("Where the lab file and course material go (default: ./<lab>).", valueName: "DIR"))
    var dir: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let reporter = TerminalReporter(quiet: output.quiet || output.json)
            let uri = connection.uri
            var importer = LabImporter(file: file) { try LabHost(uri: uri, reporter: reporter) }
            importer.directory = dir
            importer.reporter = reporter
            let summary = try importer.run()
            if output.json { try printJSON(summary); return }
            print("imported lab '\(summary.lab)'\(summary.student.map { " (student \($0))" } ?? "") in \(String(format: "%.1f", summary.seconds)) s: "
                  + "\(summary.labFile)\(summary.disks.isEmpty ? "" : ", \(summary.disks.count) disk(s)")"
                  + "\(summary.materialFiles > 0 ? ", \(summary.materialFiles) course file(s) in \(summary.directory)/course-material" : "")")
            print("bring it up with: vgrid up \(summary.labFile)")
        }
    }
}
