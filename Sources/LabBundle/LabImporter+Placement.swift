import Foundation
import LabModel
import Provisioning

extension LabImporter {
    /// Rebuilds each expanded root filesystem (qemu-img compresses it as the image build
    /// did) and checks that every image in the staging directory is complete.
    func prepareImages(_ manifest: BundleManifest, staging: String) throws -> [String: GuestImage] {
        for member in manifest.members where member.kind == .image {
            guard let original = member.original else { continue }
            let expanded = staging + "/" + member.path, restored = expanded + ".restored"
            reporter.report(manifest.lab, "rebuilding \(member.path)")
            if let result = try? Process.runTool("qemu-img", ["convert", "-c", "-O", "qcow2", expanded, restored]), result.status == 0,
               let digest = try? FileDigest.of(restored), digest.sha256 == original.sha256 {
                guard rename(restored, expanded) == 0 else {
                    throw BundleError(.io, "cannot rename \(restored): \(String(cString: strerror(errno)))", subject: member.path)
                }
            } else {
                // Another qemu-img compresses differently: the expanded file holds the same disk.
                unlink(restored)
                reporter.warn("\(member.path): kept uncompressed (this qemu-img does not rebuild the original bytes; same disk content)")
            }
        }
        var images: [String: GuestImage] = [:]
        for ref in manifest.images {
            let image: GuestImage
            do { image = try ImageCatalog.load(directory: staging + "/images/\(ref.name)") } catch {
                throw BundleError(.corrupt, "the bundle's image '\(ref.name)' is not usable: \(error)", hint: "export the lab again")
            }
            guard image.name == ref.name, image.version == ref.version else {
                throw BundleError(.manifestMismatch, "the bundle's image '\(ref.name)' is \(image.name) \(image.version), its manifest says \(ref.version)",
                                  hint: "the bundle was tampered with: export it again")
            }
            images[ref.name] = image
        }
        return images
    }

    /// Images go to the host's image directory; one of the same version is kept as it is.
    func placeImages(_ images: [String: GuestImage], staging: String, journal: ImportJournal) throws -> [String: String] {
        var result: [String: String] = [:]
        for (name, image) in images.sorted(by: { $0.key < $1.key }) {
            let target = ImageCatalog.hostDirectory + "/" + name
            if let present = try? ImageCatalog.load(directory: target), present.version == image.version {
                result[name] = "already present"
                continue
            }
            let fm = FileManager.default
            if fm.fileExists(atPath: target) {
                let previous = (try? ImageCatalog.load(directory: target))?.version ?? "incomplete"
                let aside = target + ".replaced-\(getpid())"
                try journal.move(target, to: aside)
                journal.onSuccess { try? fm.removeItem(atPath: aside) }
                result[name] = "replaced version \(previous)"
            } else {
                result[name] = "installed"
            }
            chmod(staging + "/images/\(name)", 0o755)
            try journal.move(staging + "/images/\(name)", to: target)
            reporter.report(name, "image \(image.version) \(result[name]!) in \(target)")
        }
        return result
    }

    /// The CA directory, where `up` and `vgrid ca` look for it.
    func placeCredentials(_ manifest: BundleManifest, staging: String, journal: ImportJournal) throws -> Bool {
        guard manifest.members.contains(where: { $0.kind == .credentials }) else { return false }
        try journal.move(staging + "/ca", to: state.caDirectory(lab: manifest.lab))
        reporter.report(manifest.lab, "lab CA in \(state.caDirectory(lab: manifest.lab))\(manifest.includesCAKey ? " (with its key)" : " (without its key)")")
        return true
    }

    /// Recorded subnets and seeds, so `up` gives the nodes the addresses they had.
    func placeState(_ manifest: BundleManifest, staging: String, labFile: String, journal: ImportJournal) throws {
        for instance in manifest.instances {
            let source = staging + "/state/\(instance)"
            guard FileManager.default.fileExists(atPath: source) else { continue }
            let record = source + "/state.json"
            if let data = FileManager.default.contents(atPath: record),
               var saved = try? JSONDecoder().decode(StateStore.InstanceRecord.self, from: data) {
                saved.source = labFile
                try? JSONEncoder().encode(saved).write(to: URL(fileURLWithPath: record))
            }
            try journal.move(source, to: state.instanceDirectory(instance))
        }
    }

    /// The lab file and the course material into the chosen directory.
    func placeFiles(_ manifest: BundleManifest, staging: String, directory: String, journal: ImportJournal) throws -> Int {
        try journal.createDirectory(directory)
        let labFile = staging + "/lab/" + manifest.labFile
        chmod(labFile, 0o644)
        try journal.move(labFile, to: directory + "/" + manifest.labFile)
        let material = manifest.members.filter { $0.kind == .material }
        if !material.isEmpty {
            let source = staging + "/material"
            // Directories were made private while unchecked; the material is for everyone.
            for path in FileManager.default.enumerator(atPath: source)?.compactMap({ $0 as? String }) ?? [] {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: source + "/" + path, isDirectory: &isDir), isDir.boolValue {
                    chmod(source + "/" + path, 0o755)
                }
            }
            chmod(source, 0o755)
            try journal.move(source, to: directory + "/course-material")
        }
        return material.count
    }

    /// The nodes' disks back into libvirt's pool (after their image), so `up` boots them with
    /// the students' work.
    func placeDisks(_ manifest: BundleManifest, lab: Lab, images: [String: GuestImage], staging: String,
                    host: LabHost?, journal: ImportJournal) throws -> [String] {
        var restored: [String] = []
        for instance in lab.instances {
            for node in instance.nodes {
                let member = "disks/\(instance.id)/\(node.name).qcow2"
                guard manifest.members.contains(where: { $0.path == member && $0.kind == .overlay }) else { continue }
                guard let host, let image = images[node.image] else {
                    throw BundleError(.io, "the bundle holds disks, and putting them back needs the libvirt host")
                }
                do {
                    restored.append(try host.restoreOverlay(instance: instance.id, node: node.name, file: staging + "/" + member, image: image))
                } catch let error as ProvisioningError {
                    throw BundleError(.io, "cannot put back the disk of \(instance.id)-\(node.name): \(error.message)",
                                      hint: error.hint, subject: member, underlying: error)
                }
                journal.did { host.removeOverlay(instance: instance.id, node: node.name) }
                reporter.report("\(instance.id)-\(node.name)", "disk restored")
            }
        }
        return restored
    }

    /// `up` takes the first image of a name it finds: say so when that is not the imported one.
    func warnAboutShadowingImages(_ images: [String: GuestImage]) {
        for (name, image) in images {
            guard let found = try? ImageCatalog().image(named: name),
                  found.directory != ImageCatalog.hostDirectory + "/" + name, found.version != image.version else { continue }
            reporter.warn("`vgrid up` run from here finds image '\(name)' \(found.version) in \(found.directory) first, not the imported \(image.version): run it from another directory, or unset VGRID_IMAGE_DIR")
        }
    }
}
