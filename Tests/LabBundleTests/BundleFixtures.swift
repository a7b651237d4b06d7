import Foundation
@testable import LabBundle

/// Scratch directories and hand-made bundles (valid, or wrong in one chosen way).
struct Scratch {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("labbundle-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func path(_ name: String) -> String { root + "/" + name }

    func write(_ name: String, _ text: String, mode: Int = 0o644) throws -> String {
        let file = path(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, mode_t(mode))
        return file
    }

    /// A valid bundle with three members; returns its path.
    func validBundle(named name: String = "lab.vgrid") throws -> String {
        let sources = [
            BundleSource(member: "lab/intro.yaml", file: try write("src/intro.yaml", "lab: intro\n"), kind: .labFile),
            BundleSource(member: "ca/users/alice/userkey.pem", file: try write("src/key", "secret key\n", mode: 0o600), kind: .credentials, mode: 0o600),
            BundleSource(member: "material/01-tour.md", file: try write("src/tour.md", String(repeating: "# A tour\n", count: 500)), kind: .material),
        ]
        let output = path(name)
        try BundleWriter().write(Self.manifest(), sources: sources, to: output)
        return output
    }

    static func manifest(version: Int = BundleManifest.currentFormatVersion, members: [BundleManifest.Member] = []) -> BundleManifest {
        BundleManifest(formatVersion: version, vgridVersion: "test", createdAt: Date(timeIntervalSince1970: 0), lab: "intro",
                       labFile: "intro.yaml", student: nil, instances: ["intro"], images: [], withState: false,
                       includesCAKey: false, members: members)
    }

    static func member(_ path: String, _ text: String) -> BundleManifest.Member {
        let digest = FileDigest.of(data: Data(text.utf8))
        return .init(path: path, sha256: digest, size: Int64(text.utf8.count), kind: .material)
    }

    /// A bundle written entry by entry, so that manifest and members can disagree.
    func rawBundle(manifest: BundleManifest, entries: [(String, String)], named name: String = "raw.vgrid") throws -> String {
        var tar = Data()
        var writer = TarWriter { tar.append($0) }
        let manifestData = try manifest.encoded()
        try writer.add(path: BundleManifest.memberPath, size: Int64(manifestData.count), mode: 0o644) { try $0(manifestData) }
        for (path, text) in entries {
            try writer.add(path: path, size: Int64(text.utf8.count), mode: 0o644) { try $0(Data(text.utf8)) }
        }
        try writer.finish()
        return try compress(tar, named: name)
    }

    func compress(_ tar: Data, named name: String) throws -> String {
        let tarPath = path(name + ".tar")
        try tar.write(to: URL(fileURLWithPath: tarPath))
        try run("zstd", ["-q", "-f", tarPath, "-o", path(name)])
        return path(name)
    }

    func decompress(_ bundle: String) throws -> Data {
        let out = bundle + ".plain.tar"
        try run("zstd", ["-q", "-d", "-f", "--long=27", bundle, "-o", out])
        return try Data(contentsOf: URL(fileURLWithPath: out))
    }

    func run(_ program: String, _ arguments: [String], in directory: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BundleError(.io, "\(program) \(arguments) failed") }
    }

    /// Everything under the scratch root whose name starts with `prefix` (leftovers of an extraction).
    func entries(startingWith prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix(prefix) }
    }
}
