import Foundation
import LabModel
import Provisioning

/// Collects what a lab needs on another host (lab file, images, CA, state, overlays, course
/// material) and writes it as one bundle.
public struct LabExporter {
    public let lab: Lab
    public let options: ExportOptions
    public let vgridVersion: String
    /// Needed only with `withState` (the overlays live in libvirt's pool).
    public var host: LabHost?
    public var state = StateStore()
    public var images = ImageCatalog()
    public var reporter: any ProgressReporter = SilentReporter()
    /// Where image members are kept compressed between exports (once per image version);
    /// nil: `<state>/cache/bundle-images`.
    public var frameCacheDirectory: String?

    public init(lab: Lab, options: ExportOptions, vgridVersion: String) {
        self.lab = lab
        self.options = options
        self.vgridVersion = vgridVersion
    }

    public func export() throws -> ExportSummary {
        let started = Date()
        let instances = try selectedInstances()
        let staging = options.output + ".staging-\(getpid())"
        try? FileManager.default.removeItem(atPath: staging)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw BundleError(.io, "cannot create \(staging): \(error.localizedDescription)",
                              hint: "check that the directory of \(options.output) exists and is writable", subject: staging)
        }
        defer { try? FileManager.default.removeItem(atPath: staging) }

        var sources: [BundleSource] = []
        let labFile = try labFileSource(instances: instances, staging: staging)
        sources.append(labFile)
        let cache = ImageFrameCache(directory: frameCacheDirectory ?? state.root + "/cache/bundle-images")
        let (imageSources, imageRefs, imagesByName) = try imageSources(instances: instances, staging: staging, cache: cache)
        sources += imageSources
        sources += try credentialSources(instances: instances)
        sources += stateSources(instances: instances)
        if options.withState { sources += try overlaySources(instances: instances, images: imagesByName, staging: staging) }
        sources += try materialSources()

        let manifest = BundleManifest(
            vgridVersion: vgridVersion, createdAt: Date(), lab: lab.name,
            labFile: String(labFile.member.dropFirst("lab/".count)), student: options.student,
            instances: instances.map(\.id), images: imageRefs, withState: options.withState,
            includesCAKey: sources.contains { $0.kind == .caKey }, members: [])
        var writer = BundleWriter()
        writer.level = options.level
        writer.frameCache = cache
        let reporter = self.reporter, name = lab.name
        writer.progress = { done, total in
            reporter.report(name, "written \(done * 100 / max(total, 1))% (\(done >> 20) of \(total >> 20) MiB)")
        }
        writer.compressing = { source, progress in
            // images/<name>/<file>
            let parts = source.member.split(separator: "/")
            let image = parts.count > 2 ? String(parts[1]) : source.member
            let file = parts.dropFirst(2).joined(separator: "/")
            let what = "compressing image \(image) for bundles, once per image version (zstd -\(cache.level)): \(file)"
            switch progress.phase {
            case .started:
                reporter.report(image, "\(what) (\(megabytes(progress.size)))")
            case .running:
                reporter.report(image, "\(what): \(Int(progress.seconds)) s")
            case .finished:
                reporter.report(image, "\(what): \(megabytes(progress.size)) to \(megabytes(progress.frameBytes ?? 0)) "
                                + "in \(String(format: "%.1f", progress.seconds)) s")
            }
        }
        writer.warn = { reporter.warn($0) }
        reporter.report(lab.name, "writing \(sources.count + 1) member(s) to \(options.output)")
        let written = try writer.write(manifest, sources: sources, to: options.output)
        let bundleBytes = (try? FileManager.default.attributesOfItem(atPath: options.output)[.size] as? NSNumber)?.int64Value ?? 0
        return ExportSummary(file: options.output, lab: lab.name, student: options.student, instances: manifest.instances,
                             images: imageRefs.map { "\($0.name) \($0.version)" }, members: written.members.count + 1,
                             contentBytes: written.totalSize, bundleBytes: bundleBytes, withState: options.withState,
                             includesCAKey: manifest.includesCAKey, seconds: Date().timeIntervalSince(started))
    }

    /// Every instance, or the one of `--student`.
    func selectedInstances() throws -> [LabInstance] {
        guard let student = options.student else { return lab.instances }
        guard lab.isCourse else {
            throw BundleError(.export, "lab '\(lab.name)' is not a course (it has no `students:`), so --student does not apply",
                              hint: "export the whole lab: leave out --student")
        }
        guard let instance = lab.instances.first(where: { $0.student == student }) else {
            let names = lab.instances.compactMap(\.student)
            throw BundleError(.export, "course '\(lab.name)' has no student '\(student)'",
                              hint: "its students are: \(names.joined(separator: ", "))")
        }
        return [instance]
    }

    /// The lab file as written, or cut down to one student's copy.
    func labFileSource(instances: [LabInstance], staging: String) throws -> BundleSource {
        let name = (lab.sourcePath as NSString).lastPathComponent
        guard let student = options.student else {
            return BundleSource(member: "lab/\(name)", file: lab.sourcePath, kind: .labFile, mode: 0o644)
        }
        let text = try String(contentsOfFile: lab.sourcePath, encoding: .utf8)
        guard let rewritten = StudentSelection.rewrite(text, student: student) else {
            throw BundleError(.export, "cannot find the top-level `students:` line in \(lab.sourcePath)",
                              hint: "write `students:` at the start of a line")
        }
        let path = staging + "/" + name
        try Data(rewritten.utf8).write(to: URL(fileURLWithPath: path))
        // The cut-down file must describe exactly the student's copy.
        let check = try LabLoader.load(path: path)
        guard check.name == lab.name, check.instances.map(\.id) == instances.map(\.id) else {
            throw BundleError(.export, "the lab file cut down to '\(student)' describes \(check.instances.map(\.id)), not \(instances.map(\.id))",
                              hint: "write `students:` as a number or a list on its own lines")
        }
        return BundleSource(member: "lab/\(name)", file: path, kind: .labFile, mode: 0o644)
    }
}

private func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
