import Foundation

/// Writes a seed to a directory in the NoCloud + vgrid layout and packs it as an ISO 9660
/// image labelled `cidata` with genisoimage.
public struct SeedImageWriter: Sendable {
    public init() {}

    public func writeTree(_ seed: NodeSeed, to directory: String) throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: directory)
        try fm.createDirectory(atPath: directory + "/vgrid/files", withIntermediateDirectories: true)
        func write(_ relative: String, _ bytes: [UInt8]) throws {
            let path = directory + "/" + relative
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                   withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        func write(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

        try write("meta-data", "instance-id: \(seed.instanceID)\nlocal-hostname: \(seed.hostname)\n")
        try write("user-data", seed.userData)
        try write("network-config", seed.networkConfig)
        try write("vgrid/node.env", seed.environment.map { "\($0)=\(shellQuote($1))" }.joined(separator: "\n") + "\n")
        try write("vgrid/hosts", seed.hosts)
        try write("vgrid/users", seed.accounts.map { "\($0.name):\($0.uid):\($0.uid):\($0.home):\($0.shell)" }
            .joined(separator: "\n") + "\n")
        try write("vgrid/services", seed.services.map { "\($0.name) \($0.command)" }.joined(separator: "\n") + "\n")
        // Directories first (a trailing `/` tells the boot script it is one), then files.
        var list = seed.directories.map { "\(String($0.mode, radix: 8)) \($0.owner):\($0.group) \($0.path)/" }
        for file in seed.files + seed.liveFiles {
            try write("vgrid/files" + file.path, file.contents)
            list.append("\(String(file.mode, radix: 8)) \(file.owner):\(file.group) \(file.path)")
        }
        try write("vgrid/files.list", list.joined(separator: "\n") + "\n")
    }

    /// Builds `isoPath` from the seed; the tree is kept beside it for people to read.
    public func writeISO(_ seed: NodeSeed, treeDirectory: String, isoPath: String) throws {
        try writeTree(seed, to: treeDirectory)
        try? FileManager.default.removeItem(atPath: isoPath)
        let result = try Command.run("genisoimage", ["-quiet", "-V", "cidata", "-J", "-R",
                                                     "-o", isoPath, treeDirectory])
        guard result.status == 0 else {
            throw ProvisioningError(.seedBuild, "genisoimage failed for \(seed.instanceID): \(result.stderr)",
                                    hint: "install it with: apt-get install genisoimage")
        }
    }

    func shellQuote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
