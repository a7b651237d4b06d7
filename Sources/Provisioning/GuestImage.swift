import Foundation

/// A built guest image (`images/build/<name>/image.json` and the files beside it).
public struct GuestImage: Sendable, Equatable {
    public var name: String
    public var version: String
    public var directory: String
    public var kernelPath: String
    public var initrdPath: String
    public var rootfsPath: String
    public var cmdline: String
    public var minMemoryMiB: Int
    public var rootfsVirtualSizeBytes: Int64

    struct Manifest: Decodable {
        var name: String
        var version: String
        var kernel: String
        var initrd: String
        var rootfs: String
        var cmdline: String
        var minMemoryMiB: Int
        var rootfsVirtualSizeBytes: Int64
    }
}

/// Finds guest images. Looks in `$VGRID_IMAGE_DIR`, then `images/build` beside the
/// working directory, then `/var/lib/vgrid/images` (where `vgrid import` puts them).
public struct ImageCatalog: Sendable {
    public var searchPath: [String]

    /// The host's own image directory, searched last (`<state>/images`).
    public static var hostDirectory: String { StateStore().root + "/images" }

    public init(searchPath: [String]? = nil) {
        if let searchPath {
            self.searchPath = searchPath
        } else {
            var dirs: [String] = []
            if let env = ProcessInfo.processInfo.environment["VGRID_IMAGE_DIR"], !env.isEmpty { dirs.append(env) }
            dirs.append(FileManager.default.currentDirectoryPath + "/images/build")
            dirs.append(ImageCatalog.hostDirectory)
            self.searchPath = dirs
        }
    }

    public func image(named name: String) throws -> GuestImage {
        for dir in searchPath {
            let imageDir = (dir as NSString).appendingPathComponent(name)
            let manifestPath = (imageDir as NSString).appendingPathComponent("image.json")
            guard FileManager.default.fileExists(atPath: manifestPath) else { continue }
            return try load(manifestPath: manifestPath, directory: imageDir)
        }
        throw ProvisioningError(.imageMissing, "guest image '\(name)' is not built (looked in \(searchPath.joined(separator: ", ")))",
                                hint: name == "tiny" ? "build it with: make images" : "build it with images/\(name)/build.sh images/build/\(name)")
    }

    /// Reads the image in `directory` (its `image.json` and the files it names).
    public static func load(directory: String) throws -> GuestImage {
        try ImageCatalog(searchPath: []).load(manifestPath: directory + "/image.json", directory: directory)
    }

    func load(manifestPath: String, directory: String) throws -> GuestImage {
        let manifest: GuestImage.Manifest
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
            manifest = try JSONDecoder().decode(GuestImage.Manifest.self, from: data)
        } catch {
            throw ProvisioningError(.imageInvalid, "cannot read \(manifestPath): \(error)",
                                    hint: "rebuild the image with: make images")
        }
        func path(_ file: String) -> String { (directory as NSString).appendingPathComponent(file) }
        let image = GuestImage(name: manifest.name, version: manifest.version, directory: directory,
                               kernelPath: path(manifest.kernel), initrdPath: path(manifest.initrd),
                               rootfsPath: path(manifest.rootfs), cmdline: manifest.cmdline,
                               minMemoryMiB: manifest.minMemoryMiB,
                               rootfsVirtualSizeBytes: manifest.rootfsVirtualSizeBytes)
        for file in [image.kernelPath, image.initrdPath, image.rootfsPath]
        where !FileManager.default.fileExists(atPath: file) {
            throw ProvisioningError(.imageInvalid, "image '\(manifest.name)' is incomplete: \(file) is missing",
                                    hint: "rebuild the image with: make images")
        }
        return image
    }
}
