import Foundation
import LabModel
import Provisioning

extension LabExporter {
    /// Each image the selected nodes use, once: image.json, kernel, initrd, and the root
    /// filesystem expanded (zstd shrinks an uncompressed qcow2 far better than qcow2's zlib
    /// clusters; import compresses it back). Kernel, initrd and root filesystem are kept
    /// compressed in `cache` (once per image version); when the cache holds the expansion of
    /// this very root filesystem, it is not expanded again.
    func imageSources(instances: [LabInstance], staging: String, cache: ImageFrameCache?) throws
        -> ([BundleSource], [BundleManifest.ImageRef], [String: GuestImage]) {
        var sources: [BundleSource] = [], refs: [BundleManifest.ImageRef] = [], byName: [String: GuestImage] = [:]
        for name in Set(instances.flatMap { $0.nodes.map(\.image) }).sorted() {
            let image = try images.image(named: name)
            byName[name] = image
            refs.append(.init(name: image.name, version: image.version))
            let base = "images/\(image.name)/"
            let group = ImageFrameCache.group(image: image.name, version: image.version)
            func relative(_ path: String) -> String { String(path.dropFirst(image.directory.count + 1)) }
            sources.append(.init(member: base + "image.json", file: image.directory + "/image.json", kind: .image, mode: 0o644))
            sources.append(.init(member: base + relative(image.kernelPath), file: image.kernelPath, kind: .image, mode: 0o644,
                                 cacheGroup: group))
            sources.append(.init(member: base + relative(image.initrdPath), file: image.initrdPath, kind: .image, mode: 0o644,
                                 cacheGroup: group))
            let rootfs = base + relative(image.rootfsPath)
            let expanded = staging + "/\(image.name)-rootfs.qcow2"
            let original = (try? FileDigest.of(image.rootfsPath)).map { BundleManifest.Original(sha256: $0.sha256, size: $0.size) }
            if let original, let cache,
               let known = cache.expansion(group: group, member: rootfs, mode: 0o644, original: original) {
                sources.append(.init(member: rootfs, file: expanded, kind: .image, mode: 0o644, original: original,
                                     cacheGroup: group, digest: known))
                reporter.report(lab.name, "image \(image.name) \(image.version): compressed once already (\(cache.directory))")
                continue
            }
            reporter.report(lab.name, "image \(image.name) \(image.version): expanding the root filesystem")
            if let original,
               let result = try? Process.runTool("qemu-img", ["convert", "-O", "qcow2", image.rootfsPath, expanded]), result.status == 0 {
                sources.append(.init(member: rootfs, file: expanded, kind: .image, mode: 0o644, original: original, cacheGroup: group))
            } else {
                reporter.warn("cannot expand \(image.rootfsPath) with qemu-img: storing it as it is (a bigger bundle)")
                sources.append(.init(member: rootfs, file: image.rootfsPath, kind: .image, mode: 0o644, cacheGroup: group))
            }
        }
        return (sources, refs, byName)
    }

    /// The lab CA: certificate, CRL, index, issued certificates, trust files, and the host and
    /// user credentials of the selected instances. The CA key only when asked; never the
    /// instructor's sheet (`up` writes it again from the credentials).
    func credentialSources(instances: [LabInstance]) throws -> [BundleSource] {
        let ca = LabCA(lab: lab, state: state)
        guard ca.exists else {
            reporter.warn("lab '\(lab.name)' has no CA yet: the importing host's `vgrid up` makes a new one")
            return []
        }
        let missing = ca.missingCredentials(for: instances)
        if !missing.isEmpty && !options.includeCAKey {
            throw BundleError(.export, "the lab CA has not issued credentials for \(missing.joined(separator: ", ")) yet, and the bundle would carry no CA key to issue them",
                              hint: "run `vgrid up \(lab.sourcePath)` first, or export with --include-ca-key")
        }
        let hosts = Set(instances.map(\.id)), users = Set(instances.flatMap { $0.users.map(\.name) })
        var sources: [BundleSource] = []
        for path in regularFiles(under: ca.directory) {
            let parts = path.split(separator: "/").map(String.init)
            var kind = BundleManifest.Kind.credentials
            switch parts.first {
            case "instructor-sheet.txt": continue
            case "hosts" where parts.count > 1 && !hosts.contains(parts[1]): continue
            case "users" where parts.count > 1 && !users.contains(parts[1]): continue
            case "ca" where parts.count > 1 && parts[1] == "private":
                guard options.includeCAKey else { continue }
                kind = .caKey
            default: break
            }
            if path.hasSuffix(".tmp") { continue }
            let file = ca.directory + "/" + path
            sources.append(.init(member: "ca/" + path, file: file, kind: kind, mode: Self.mode(of: file)))
        }
        if options.includeCAKey && !sources.contains(where: { $0.kind == .caKey }) {
            reporter.warn("lab '\(lab.name)' has no CA key on this host: the bundle carries none")
        }
        return sources
    }

    /// Each instance's recorded subnets and the seeds its nodes were last given, so the
    /// imported copy keeps its addresses where they are free.
    func stateSources(instances: [LabInstance]) -> [BundleSource] {
        var sources: [BundleSource] = []
        for instance in instances {
            let record = state.instanceDirectory(instance.id) + "/state.json"
            if FileManager.default.fileExists(atPath: record) {
                sources.append(.init(member: "state/\(instance.id)/state.json", file: record, kind: .seed, mode: 0o644))
            }
            for node in instance.nodes {
                let iso = state.seedDirectory(instance.id, node: node.name) + ".iso"
                if FileManager.default.fileExists(atPath: iso) {
                    sources.append(.init(member: "state/\(instance.id)/seeds/\(node.name).iso", file: iso, kind: .seed, mode: 0o644))
                }
            }
        }
        return sources
    }

    /// Every node's disk overlay, copied while its file systems are frozen.
    func overlaySources(instances: [LabInstance], images: [String: GuestImage], staging: String) throws -> [BundleSource] {
        guard let host else { throw BundleError(.export, "--with-state needs the libvirt host") }
        var sources: [BundleSource] = []
        for instance in instances {
            try FileManager.default.createDirectory(atPath: staging + "/disks/\(instance.id)", withIntermediateDirectories: true)
            for node in instance.nodes {
                let copy = staging + "/disks/\(instance.id)/\(node.name).qcow2"
                let snapshot = try host.snapshotOverlay(instance: instance.id, node: node.name, image: images[node.image]!, to: copy)
                reporter.report("\(instance.id)-\(node.name)", "disk copied (\(FileDigestSize.mebibytes(snapshot.file)) MiB)")
                sources.append(.init(member: "disks/\(instance.id)/\(node.name).qcow2", file: copy, kind: .overlay, mode: 0o600))
            }
        }
        return sources
    }

    /// The course material: `--material DIR`, else `course-material/` beside the lab file or
    /// one directory up. Regular files only; hidden files are left out.
    func materialSources() throws -> [BundleSource] {
        let labDir = ((lab.sourcePath as NSString).deletingLastPathComponent as NSString).standardizingPath
        let base = labDir.isEmpty ? "." : labDir
        let directory: String
        if let given = options.materialDirectory {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: given, isDirectory: &isDir), isDir.boolValue else {
                throw BundleError(.export, "--material \(given) is not a directory", hint: "name the course material's directory")
            }
            directory = given
        } else if let found = ["\(base)/course-material", "\(base)/../course-material"].first(where: {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue
        }) {
            directory = found
        } else {
            return []
        }
        return regularFiles(under: directory).filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.map {
            BundleSource(member: "material/" + $0, file: directory + "/" + $0, kind: .material, mode: 0o644)
        }
    }

    /// Regular files under `directory`, as sorted relative paths (links are not followed).
    func regularFiles(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { files.append(path) }
        }
        return files.sorted()
    }

    static func mode(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? 0o600
    }
}

enum FileDigestSize {
    static func mebibytes(_ path: String) -> Int64 {
        (((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0) >> 20
    }
}
