import Foundation
import LabModel
import Provisioning

/// Brings a bundle onto this host: checks every member first (in a staging directory beside
/// vgrid's state), then puts images, CA, state, disks, lab file and course material in place.
/// Any failure takes back what was already placed: nothing is left half-imported.
public struct LabImporter {
    public let file: String
    /// Where the lab file and course material go; default `./<lab>`.
    public var directory: String?
    public var state = StateStore()
    public var reporter: any ProgressReporter = SilentReporter()
    /// The libvirt host: needed for bundles with disks, else used (when reachable) to check
    /// that the lab does not exist here already.
    public var connect: () throws -> LabHost

    public init(file: String, connect: @escaping () throws -> LabHost) {
        self.file = file
        self.connect = connect
    }

    public func run() throws -> ImportSummary {
        let started = Date()
        let manifest = try BundleReader(file: file).manifest()
        let target = absolute(directory ?? manifest.lab)
        let hasDisks = manifest.members.contains { $0.kind == .overlay }
        let host: LabHost? = hasDisks ? try connect() : try? connect()
        try checkConflicts(manifest, directory: target, host: host)

        try FileManager.default.createDirectory(atPath: state.root, withIntermediateDirectories: true)
        removeStaleStaging()
        let staging = "\(state.root)/.import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var reader = BundleReader(file: file)
        let reporter = self.reporter, lab = manifest.lab
        reader.progress = { done, total in
            reporter.report(lab, "checked \(done * 100 / max(total, 1))% (\(done >> 20) of \(total >> 20) MiB)")
        }
        reporter.report(lab, "checking \(manifest.members.count + 1) member(s) of \(file)")
        _ = try reader.extract(into: staging)
        defer { try? FileManager.default.removeItem(atPath: staging) }

        let images = try prepareImages(manifest, staging: staging)
        let labFile = staging + "/lab/" + manifest.labFile
        let loaded = try loadLab(labFile, manifest: manifest)
        // Checked again: another command may have created something meanwhile.
        try checkConflicts(manifest, directory: target, host: host)

        let journal = ImportJournal()
        do {
            var summary = ImportSummary(lab: manifest.lab, student: manifest.student, labFile: target + "/" + manifest.labFile,
                                        directory: target, instances: manifest.instances, images: [:],
                                        credentials: false, caKey: manifest.includesCAKey, disks: [], materialFiles: 0, seconds: 0)
            summary.images = try placeImages(images, staging: staging, journal: journal)
            summary.credentials = try placeCredentials(manifest, staging: staging, journal: journal)
            try placeState(manifest, staging: staging, labFile: summary.labFile, journal: journal)
            summary.materialFiles = try placeFiles(manifest, staging: staging, directory: target, journal: journal)
            // Disks are based on the images where they now live, not on the staging copies.
            let placed = try images.mapValues { try ImageCatalog.load(directory: ImageCatalog.hostDirectory + "/" + $0.name) }
            summary.disks = try placeDisks(manifest, lab: loaded, images: placed, staging: staging, host: host, journal: journal)
            journal.complete()
            warnAboutShadowingImages(images)
            summary.seconds = Date().timeIntervalSince(started)
            return summary
        } catch {
            journal.rollBack()
            throw error
        }
    }

    /// Refuses to overwrite anything: the lab file, the course material, the lab's CA, its
    /// state, or its libvirt objects.
    func checkConflicts(_ manifest: BundleManifest, directory: String, host: LabHost?) throws {
        let fm = FileManager.default
        func conflict(_ what: String, _ hint: String) -> BundleError {
            BundleError(.conflict, what, hint: hint, subject: manifest.lab)
        }
        let labFile = directory + "/" + manifest.labFile
        if fm.fileExists(atPath: labFile) {
            throw conflict("\(labFile) exists already", "import into another directory with --dir DIR")
        }
        if manifest.members.contains(where: { $0.kind == .material }), fm.fileExists(atPath: directory + "/course-material") {
            throw conflict("\(directory)/course-material exists already", "import into another directory with --dir DIR")
        }
        let down = "remove it first with `vgrid down \(manifest.lab)`, or import on another host"
        if fm.fileExists(atPath: state.caDirectory(lab: manifest.lab)) {
            throw conflict("lab '\(manifest.lab)' exists on this host already (its CA is in \(state.caDirectory(lab: manifest.lab)))", down)
        }
        for instance in manifest.instances {
            if fm.fileExists(atPath: state.instanceDirectory(instance)) {
                throw conflict("lab '\(manifest.lab)' exists on this host already (\(state.instanceDirectory(instance)))", down)
            }
            if let host, try host.hasInstance(instance) {
                throw conflict("lab '\(manifest.lab)' exists on this host already (libvirt has objects of \(instance))", down)
            }
        }
    }

    /// The lab file must load and describe what the manifest says.
    func loadLab(_ path: String, manifest: BundleManifest) throws -> Lab {
        let lab: Lab
        do { lab = try LabLoader.load(path: path) } catch {
            throw BundleError(.corrupt, "the bundle's lab file does not load: \(error)", hint: "export the lab again")
        }
        guard lab.name == manifest.lab, lab.instances.map(\.id) == manifest.instances else {
            throw BundleError(.manifestMismatch, "the bundle's lab file describes lab '\(lab.name)' \(lab.instances.map(\.id)), its manifest '\(manifest.lab)' \(manifest.instances)",
                              hint: "the bundle was tampered with: export it again")
        }
        return lab
    }

    func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }

    /// Staging directories of imports that were killed (their process is gone).
    func removeStaleStaging() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: state.root)) ?? [] where name.hasPrefix(".import-") {
            let pid = name.split(separator: "-").dropFirst().first.flatMap { Int32($0) } ?? 0
            if pid > 0 && kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: "\(state.root)/\(name)")
            }
        }
    }
}
