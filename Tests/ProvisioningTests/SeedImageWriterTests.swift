import Foundation
import Testing
@testable import Provisioning

/// The seed disk as the guest's boot script reads it (see images/tiny/rootfs/usr/sbin/vgrid-boot).
struct SeedImageWriterTests {
    /// The head's seed of a small lab, plus a value that needs shell quoting.
    static func seed() throws -> NodeSeed {
        let layout = Labs.layout(try Labs.small())
        var seed = try SeedComposer(contributors: [SeedComposerTests.ExtraFile(text: "queue=default\n")])
            .seed(for: layout.nodes[0], in: layout)
        seed.environment.append(("VGRID_MOTTO", "it's a \"lab\" with $HOME, `date` and \\n"))
        return seed
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of `variable` after sourcing `file` in /bin/sh.
    static func sourced(_ file: String, _ variable: String) throws -> String {
        let run = try runHost("sh", ["-c", ". \"$1\" && printf '%s' \"$\(variable)\"", "sh", file])
        #expect(run.status == 0, "sourcing \(file): \(run.stderr)")
        return run.stdout
    }

    @Test func writesTheNoCloudFilesAndVgridLayout() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let seed = try Self.seed()
        let tree = dir.path + "/seed"
        try SeedImageWriter().writeTree(seed, to: tree)

        #expect(Self.read(tree + "/meta-data") == "instance-id: intro-head\nlocal-hostname: head\n")
        #expect(Self.read(tree + "/user-data") == seed.userData)
        #expect(Self.read(tree + "/network-config") == seed.networkConfig)
        #expect(Self.read(tree + "/vgrid/hosts") == seed.hosts)
        #expect(Self.read(tree + "/vgrid/users") == "alice:1001:1001:/home/alice:/bin/sh\nbob:1002:1002:/home/bob:/bin/sh\n")
        #expect(Self.read(tree + "/vgrid/services") == "gwd /opt/vgrid/bin/gwd\n")
        #expect(FileManager.default.fileExists(atPath: tree + "/vgrid/node.env"))
    }

    @Test func nodeEnvSourcesInShell() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let seed = try Self.seed()
        try SeedImageWriter().writeTree(seed, to: dir.path)
        let file = dir.path + "/vgrid/node.env"
        for (key, value) in seed.environment {
            #expect(try Self.sourced(file, key) == value, "\(key)")
        }
        #expect(try Self.sourced(file, "VGRID_NODE") == "head")
        #expect(try Self.sourced(file, "VGRID_MOTTO") == "it's a \"lab\" with $HOME, `date` and \\n")
    }

    @Test func filesListMatchesTheFilesInTheTree() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let seed = try Self.seed()
        try SeedImageWriter().writeTree(seed, to: dir.path)
        let list = try #require(Self.read(dir.path + "/vgrid/files.list"))
        let lines = list.split(separator: "\n").map(String.init)
        let expected = seed.files + seed.liveFiles
        #expect(lines.count == expected.count)
        #expect(expected.map(\.path).contains("/etc/grid/head.conf"))
        #expect(expected.map(\.path).contains("/etc/vgrid/lab.env"))
        for (line, file) in zip(lines, expected) {
            let fields = line.split(separator: " ").map(String.init)
            #expect(fields.count == 3, "\(line)")
            guard fields.count == 3 else { continue }
            #expect(Int(fields[0], radix: 8) == file.mode, "\(line)")
            #expect(fields[1] == "\(file.owner):\(file.group)", "\(line)")
            #expect(fields[2] == file.path, "\(line)")
            let copy = FileManager.default.contents(atPath: dir.path + "/vgrid/files" + fields[2])
            #expect(copy.map(Array.init) == file.contents, "content of \(fields[2])")
        }
        #expect(lines.first { $0.hasSuffix(" /etc/grid/head.conf") } == "640 root:grid /etc/grid/head.conf")
    }

    @Test func rewritingRemovesStaleFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        var seed = try Self.seed()
        try SeedImageWriter().writeTree(seed, to: dir.path)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/vgrid/files/etc/grid/head.conf"))
        seed.files = []
        try SeedImageWriter().writeTree(seed, to: dir.path)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/vgrid/files/etc/grid/head.conf"))
        #expect(Self.read(dir.path + "/vgrid/files.list")?.contains("head.conf") == false)
    }

    @Test func isoIsLabelledCidataAndHoldsTheTree() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let seed = try Self.seed()
        let iso = dir.path + "/seed.iso"
        try SeedImageWriter().writeISO(seed, treeDirectory: dir.path + "/tree", isoPath: iso)

        let info = try runHost("isoinfo", ["-d", "-i", iso])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.split(separator: "\n").contains("Volume id: cidata"), "\(info.stdout)")

        let listing = try runHost("isoinfo", ["-R", "-f", "-i", iso])
        #expect(listing.status == 0, "\(listing.stderr)")
        let paths = Set(listing.stdout.split(separator: "\n").map(String.init))
        for path in ["/meta-data", "/user-data", "/network-config", "/vgrid/node.env", "/vgrid/hosts",
                     "/vgrid/users", "/vgrid/services", "/vgrid/files.list", "/vgrid/files/etc/grid/head.conf",
                     "/vgrid/files/etc/vgrid/lab.env", "/vgrid/files/etc/motd"] {
            #expect(paths.contains(path), "\(path) missing from the ISO: \(paths.sorted())")
        }

        let extracted = try runHost("isoinfo", ["-R", "-x", "/meta-data", "-i", iso])
        #expect(extracted.stdout == "instance-id: intro-head\nlocal-hostname: head\n")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/tree/vgrid/node.env"), "tree kept beside the ISO")
    }

    @Test func isoReplacesAnEarlierImage() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let iso = dir.path + "/seed.iso"
        try Data("not an iso".utf8).write(to: URL(fileURLWithPath: iso))
        try SeedImageWriter().writeISO(try Self.seed(), treeDirectory: dir.path + "/tree", isoPath: iso)
        let info = try runHost("isoinfo", ["-d", "-i", iso])
        #expect(info.stdout.contains("Volume id: cidata"))
    }
}
