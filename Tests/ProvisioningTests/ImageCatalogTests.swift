import Foundation
import Testing
@testable import Provisioning

/// Finding built guest images (`<dir>/<name>/image.json` and the files it names).
struct ImageCatalogTests {
    static let manifest = """
        {
          "name": "tiny",
          "version": "20260101-abcdef",
          "kernel": "vmlinuz",
          "initrd": "initrd.img",
          "rootfs": "rootfs.qcow2",
          "cmdline": "console=ttyS0 quiet",
          "minMemoryMiB": 48,
          "rootfsVirtualSizeBytes": 1073741824,
          "seedLabel": "cidata"
        }
        """

    /// Writes an image directory; `files` are the files created beside image.json.
    static func makeImage(in root: String, name: String = "tiny", manifest: String = manifest,
                          files: [String] = ["vmlinuz", "initrd.img", "rootfs.qcow2"]) throws {
        let dir = root + "/" + name
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: dir + "/image.json"))
        for file in files { try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/" + file)) }
    }

    @Test func missingTinyImageSaysMakeImages() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let error = provisioningError(.imageMissing) {
            _ = try ImageCatalog(searchPath: [dir.path + "/a", dir.path + "/b"]).image(named: "tiny")
        }
        #expect(error?.hint?.contains("make images") == true)
        #expect(error?.message.contains(dir.path + "/a") == true)
        #expect(error?.message.contains(dir.path + "/b") == true)
    }

    @Test func missingOtherImageNamesItsBuildScript() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let error = provisioningError(.imageMissing) {
            _ = try ImageCatalog(searchPath: [dir.path]).image(named: "debian")
        }
        #expect(error?.hint?.contains("images/debian/build.sh") == true)
    }

    @Test func manifestNamingAMissingFileIsInvalid() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.makeImage(in: dir.path, files: ["vmlinuz", "rootfs.qcow2"])
        let error = provisioningError(.imageInvalid) { _ = try ImageCatalog(searchPath: [dir.path]).image(named: "tiny") }
        #expect(error?.message.contains("initrd.img") == true)
        #expect(error?.hint?.contains("make images") == true)
    }

    @Test func unreadableManifestIsInvalid() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.makeImage(in: dir.path, manifest: #"{"name": "tiny", "version": 3"#)
        _ = provisioningError(.imageInvalid) { _ = try ImageCatalog(searchPath: [dir.path]).image(named: "tiny") }
    }

    @Test func validManifestLoadsWithAbsolutePaths() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.makeImage(in: dir.path)
        let image = try ImageCatalog(searchPath: [dir.path + "/empty", dir.path]).image(named: "tiny")
        #expect(image.name == "tiny")
        #expect(image.version == "20260101-abcdef")
        #expect(image.directory == dir.path + "/tiny")
        #expect(image.kernelPath == dir.path + "/tiny/vmlinuz")
        #expect(image.initrdPath == dir.path + "/tiny/initrd.img")
        #expect(image.rootfsPath == dir.path + "/tiny/rootfs.qcow2")
        for path in [image.kernelPath, image.initrdPath, image.rootfsPath] {
            #expect(path.hasPrefix("/"), "\(path)")
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        }
        #expect(image.cmdline == "console=ttyS0 quiet")
        #expect(image.minMemoryMiB == 48)
        #expect(image.rootfsVirtualSizeBytes == 1 << 30)
    }

    @Test func firstDirectoryInTheSearchPathWins() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        try Self.makeImage(in: dir.path + "/first")
        try Self.makeImage(in: dir.path + "/second")
        let image = try ImageCatalog(searchPath: [dir.path + "/first", dir.path + "/second"]).image(named: "tiny")
        #expect(image.directory == dir.path + "/first/tiny")
    }
}
