import Foundation
import Libvirt
import LibvirtXML

/// A copy of a node's disk overlay (its student's work), taken for a lab bundle.
public struct OverlaySnapshot: Sendable, Equatable {
    public var instance: String
    public var node: String
    /// The copy.
    public var file: String
    /// The image volume it is an overlay of (file name in the pool).
    public var backingVolume: String
}

extension LabHost {
    /// Copies a node's overlay volume to `destination`. A running node's file systems are
    /// frozen through its guest agent for the copy (so the copy is consistent), then thawed.
    public func snapshotOverlay(instance: String, node: String, image: GuestImage, to destination: String) throws -> OverlaySnapshot {
        let name = Naming.overlayVolume(instance, node)
        guard let pool = try libvirt(Naming.poolName, "pool lookup", { try connection.lookupStoragePool(name: Naming.poolName) }),
              let volume = try libvirt(name, "volume lookup", { try pool.lookupVolume(name: name) }) else {
            throw ProvisioningError(.labNotFound, "\(Naming.domain(instance, node)) has no disk (\(name)) on \(uri)",
                                    hint: "bring the lab up first (vgrid up), or export without --with-state",
                                    subject: Naming.domain(instance, node))
        }
        let path = try libvirt(name, "volume path", { try volume.path })
        let wanted = Naming.imageVolume(image.name, image.version, "qcow2")
        let backing = try LabHost.qcow2Info(path)["backing-filename"] as? String ?? ""
        guard (backing as NSString).lastPathComponent == wanted else {
            throw ProvisioningError(.imageInvalid,
                                    "\(name) is an overlay of \(backing.isEmpty ? "no image" : (backing as NSString).lastPathComponent), but image '\(image.name)' here is version \(image.version) (\(wanted))",
                                    hint: "export with the image the lab was brought up with (VGRID_IMAGE_DIR), or without --with-state",
                                    subject: Naming.domain(instance, node))
        }
        let domainName = Naming.domain(instance, node)
        let domain = try libvirt(domainName, "domain lookup", { try connection.lookupDomain(name: domainName) })
        let running = try domain.map { domain in try libvirt(domainName, "state", { try domain.isActive }) } ?? false
        var frozen = false
        if running {
            let agent = try agent(domainName: domainName)
            do {
                _ = try agent.call("guest-fsfreeze-freeze", [:], timeout: 30)
                frozen = true
            } catch {
                // No freeze: at least have the guest write everything out.
                reporter.warn("\(domainName): cannot freeze its file systems (\(error)); copying after a sync")
                _ = try? agent.run(["sync"], timeoutSeconds: 30)
            }
        }
        defer {
            if frozen { _ = try? agent(domainName: domainName).call("guest-fsfreeze-thaw", [:], timeout: 30) }
        }
        try? FileManager.default.removeItem(atPath: destination)
        do {
            try FileManager.default.copyItem(atPath: path, toPath: destination)
        } catch {
            throw ProvisioningError(.io, "cannot copy \(path) to \(destination): \(error.localizedDescription)", subject: domainName)
        }
        return OverlaySnapshot(instance: instance, node: node, file: destination, backingVolume: wanted)
    }

    /// Puts a node's overlay back into the pool (after the image it is based on), so that the
    /// next `up` finds the disk and boots the node with the work it holds.
    public func restoreOverlay(instance: String, node: String, file: String, image: GuestImage) throws -> String {
        var actions: [PlanAction] = []
        guard let pool = try ensurePool(dryRun: false, actions: &actions) else {
            throw ProvisioningError(.libvirtCall, "cannot create the storage pool '\(Naming.poolName)' on \(uri)")
        }
        let volumes = try ensureImage(image, pool: pool, dryRun: false, actions: &actions)
        let name = Naming.overlayVolume(instance, node)
        if try libvirt(name, "volume lookup", { try pool.lookupVolume(name: name) }) != nil {
            throw ProvisioningError(.nameCollision, "the pool '\(Naming.poolName)' already has a disk named \(name)",
                                    hint: "remove that lab first: vgrid down \(instance)", subject: name)
        }
        // The overlay names its base image by path: point it at this host's copy.
        let rebase = try Command.run("qemu-img", ["rebase", "-u", "-f", "qcow2", "-F", "qcow2", "-b", volumes.rootfsPath, file])
        guard rebase.status == 0 else {
            throw ProvisioningError(.io, "qemu-img rebase of \(name) failed: \(rebase.stderr)", subject: name)
        }
        let capacity = (try LabHost.qcow2Info(file)["virtual-size"] as? NSNumber)?.uint64Value ?? UInt64(image.rootfsVirtualSizeBytes)
        let spec = StorageVolumeSpec(name: name, capacityBytes: capacity, format: .qcow2,
                                     backingStore: .init(path: volumes.rootfsPath, format: .qcow2))
        let volume = try libvirt(name, "creating the disk", { try pool.createVolume(xml: spec.render()) })
        do {
            try libvirt(name, "uploading the disk", { try volume.upload(fileAt: file) })
            let path = try libvirt(name, "volume path", { try volume.path })
            guard LabHost.sameContent(path, file) else {
                throw ProvisioningError(.io, "\(name) in the pool differs from the disk that was uploaded", subject: name)
            }
        } catch {
            try? volume.delete()
            throw error
        }
        return name
    }

    /// Removes a node's overlay volume (an import that failed after restoring it).
    public func removeOverlay(instance: String, node: String) {
        let name = Naming.overlayVolume(instance, node)
        guard let pool = try? connection.lookupStoragePool(name: Naming.poolName),
              let volume = try? pool.lookupVolume(name: name) else { return }
        try? volume.delete()
    }

    /// Whether anything of `instance` (domains, networks, volumes) exists on this host.
    public func hasInstance(_ instance: String) throws -> Bool {
        guard let item = try inventory()[instance] else { return false }
        return !item.isEmpty
    }

    static func qcow2Info(_ path: String) throws -> [String: Any] {
        // -U: a running QEMU holds a lock on the file; reading its header is still safe.
        let result = try Command.run("qemu-img", ["info", "-U", "--output=json", path])
        guard result.status == 0,
              let info = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw ProvisioningError(.io, "qemu-img info \(path) failed: \(result.stderr)",
                                    hint: "is it a qcow2 image? (qemu-utils installed?)")
        }
        return info
    }
}
