import ArgumentParser
import Foundation
import LabBundle

/// `vgrid bundle info FILE`: what a bundle holds, without importing it.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Look into lab bundles made by `vgrid export`.",
        subcommands: [BundleInfo.self])
}

struct BundleInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "List what a bundle holds (reads only its manifest unless --verify).")

    @Argument(help: "The bundle file.")
    var file: String

    @Flag(help: "Also check every member's size and SHA-256 (reads the whole bundle).")
    var verify = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let reader = BundleReader(file: file)
            let manifest: BundleManifest
            if verify {
                let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vgrid-verify-\(UUID().uuidString)").path
                defer { try? FileManager.default.removeItem(atPath: scratch) }
                manifest = try reader.extract(into: scratch)
            } else {
                manifest = try reader.manifest()
            }
            if output.json { try printJSON(manifest); return }
            let size = ((try? FileManager.default.attributesOfItem(atPath: file)[.size]) as? NSNumber)?.int64Value ?? 0
            print("bundle      : \(file) (\(megabytes(size)), \(megabytes(manifest.totalSize)) uncompressed)")
            print("format      : \(manifest.formatVersion), written by vgrid \(manifest.vgridVersion) at \(manifest.createdAt.formatted(.iso8601))")
            print("lab         : \(manifest.lab) (\(manifest.labFile))\(manifest.student.map { ", student \($0)" } ?? "")")
            print("instances   : \(manifest.instances.joined(separator: ", "))")
            print("images      : \(manifest.images.map { "\($0.name) \($0.version)" }.joined(separator: ", "))")
            print("disks       : \(manifest.withState ? "yes (the nodes' work)" : "no")")
            print("CA key      : \(manifest.includesCAKey ? "included" : "not included")")
            if verify { print("checked     : every member's size and SHA-256") }
            print("")
            printTable([["KIND", "SIZE", "SHA-256", "PATH"]] + manifest.members.map {
                [$0.kind.rawValue, String($0.size), String($0.sha256.prefix(16)), $0.path]
            })
        }
    }
}
