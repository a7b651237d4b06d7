import Crypto
import Foundation
import Libvirt
import LibvirtXML

/// The volumes of one guest image in vgrid's pool (shared by every lab on the host).
public struct ImageVolumes: Sendable, Equatable {
    public var kernelPath: String
    public var initrdPath: String
    public var rootfsPath: String
}

extension LabHost {
    /// vgrid's storage pool: one per host, a directory pool libvirt labels for QEMU.
    func ensurePool(dryRun: Bool, actions: inout [PlanAction]) throws -> StoragePool? {
        if let pool = try libvirt(Naming.poolName, "pool lookup", { try connection.lookupStoragePool(name: Naming.poolName) }) {
            if try !pool.isActive {
                actions.append(.init(.create, "pool", Naming.poolName, "start"))
                if !dryRun { try libvirt(Naming.poolName, "starting the pool", { try pool.create() }) }
            }
            return pool
        }
        actions.append(.init(.create, "pool", Naming.poolName, poolPath))
        if dryRun { return nil }
        let xml = try StoragePoolSpec(name: Naming.poolName, path: poolPath).render()
        return try libvirt(Naming.poolName, "creating the pool") {
            let pool = try connection.defineStoragePool(xml: xml)
            try pool.build()
            try pool.create()
            try pool.setAutostart(true)
            return pool
        }
    }

    /// Uploads kernel, initrd and root filesystem of an image once per host and version.
    /// A volume whose content does not match the image (an interrupted upload) is replaced.
    func ensureImage(_ image: GuestImage, pool: StoragePool?, dryRun: Bool,
                     actions: inout [PlanAction]) throws -> ImageVolumes {
        var paths: [String] = []
        let parts: [(String, String, DiskSpec.Format)] = [
            ("vmlinuz", image.kernelPath, .raw), ("initrd", image.initrdPath, .raw), ("qcow2", image.rootfsPath, .qcow2)]
        for (part, file, format) in parts {
            let name = Naming.imageVolume(image.name, image.version, part)
            paths.append("\(poolPath)/\(name)")
            let existing = try pool.flatMap { pool in try libvirt(name, "volume lookup", { try pool.lookupVolume(name: name) }) }
            if let existing, let path = try? existing.path, LabHost.sameContent(path, file) { continue }
            actions.append(.init(existing == nil ? .create : .replace, "image", name, "upload \(LabHost.fileSize(file) / 1024) KiB"))
            guard !dryRun, let pool else { continue }
            try libvirt(name, "uploading the image") {
                if let existing { try existing.delete() }
                let size = LabHost.fileSize(file)
                let xml = try StorageVolumeSpec(name: name, capacityBytes: UInt64(size), format: format).render()
                let volume = try pool.createVolume(xml: xml)
                try volume.upload(fileAt: file)
            }
        }
        return ImageVolumes(kernelPath: paths[0], initrdPath: paths[1], rootfsPath: paths[2])
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// Byte-for-byte check through SHA-256 (the pool is local on the hosts vgrid targets).
    static func sameContent(_ a: String, _ b: String) -> Bool {
        guard fileSize(a) == fileSize(b) else { return false }
        return digest(a) == digest(b)
    }

    static func digest(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
