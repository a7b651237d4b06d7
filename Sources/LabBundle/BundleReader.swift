import Crypto
import Foundation

/// Reads bundles: the manifest alone (`bundle info`), or everything into a fresh directory,
/// checking every name, type, size and SHA-256 against the manifest on the way.
public struct BundleReader {
    public let file: String
    /// Called with bytes checked so far and the total, about every 16 MiB.
    public var progress: (Int64, Int64) -> Void = { _, _ in }

    public init(file: String) { self.file = file }

    /// The manifest, reading no further than the first member.
    public func manifest() throws -> BundleManifest {
        try checkReadable()
        let zstd = try ZstdProcess.decompressor(file: file)
        var reader = TarReader(handle: zstd.output)
        do {
            let manifest = try readManifest(&reader)
            zstd.cancel()
            return manifest
        } catch {
            throw explained(error, zstd)
        }
    }

    /// Extracts and verifies the whole bundle into `directory`, which must not exist. On any
    /// failure the directory is removed again: nothing half-extracted stays behind.
    public func extract(into directory: String) throws -> BundleManifest {
        try checkReadable()
        guard mkdir(directory, 0o700) == 0 else {
            throw BundleError(.io, "cannot create \(directory): \(String(cString: strerror(errno)))", subject: directory)
        }
        let zstd: ZstdProcess
        do { zstd = try ZstdProcess.decompressor(file: file) } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        do {
            var reader = TarReader(handle: zstd.output)
            let manifest: BundleManifest
            do {
                manifest = try readManifest(&reader)
                try extractMembers(&reader, manifest: manifest, into: directory)
            } catch {
                throw explained(error, zstd)
            }
            try zstd.finish()
            return manifest
        } catch {
            zstd.cancel()
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// When the tar stream ends early, zstd has stopped too, and its own message (a truncated
    /// or damaged frame, not a zstd file at all) says more than ours.
    private func explained(_ error: Error, _ zstd: ZstdProcess) -> Error {
        guard let bundleError = error as? BundleError, bundleError.code == .truncated else {
            zstd.cancel()
            return error
        }
        do { try zstd.finish() } catch { return error is BundleError ? error : bundleError }
        return bundleError
    }

    private func checkReadable() throws {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw BundleError(.notFound, "cannot read the bundle \(file)", hint: "check the path", subject: file)
        }
    }

    private func readManifest(_ reader: inout TarReader) throws -> BundleManifest {
        guard let header = try reader.next(), header.path == BundleManifest.memberPath, header.type == .regular else {
            throw BundleError(.corrupt, "\(file) is not a vgrid bundle: it does not start with manifest.json",
                              hint: "make bundles with: vgrid export LAB.yaml -o FILE")
        }
        guard header.size <= 64 << 20 else {
            throw BundleError(.corrupt, "the bundle's manifest.json is implausibly large (\(header.size) bytes)",
                              hint: "the bundle is damaged or not a vgrid bundle")
        }
        var data = Data()
        try reader.content(of: header) { data.append($0) }
        let manifest = try BundleManifest.decode(data)
        var paths = Set<String>()
        for member in manifest.members {
            try MemberPath.check(member.path)
            guard member.path != BundleManifest.memberPath, paths.insert(member.path).inserted else {
                throw BundleError(.manifestMismatch, "the bundle's manifest lists '\(member.path)' twice",
                                  hint: "the bundle was tampered with: export it again", subject: member.path)
            }
            guard member.size >= 0 else {
                throw BundleError(.corrupt, "the bundle's manifest gives '\(member.path)' a negative size", subject: member.path)
            }
        }
        return manifest
    }

    private func extractMembers(_ reader: inout TarReader, manifest: BundleManifest, into directory: String) throws {
        var expected = Dictionary(uniqueKeysWithValues: manifest.members.map { ($0.path, $0) })
        let total = manifest.totalSize
        var done: Int64 = 0, reported: Int64 = 0
        while let header = try reader.next() {
            try MemberPath.check(header.path)
            guard header.type == .regular else {
                throw BundleError(.unsafeMember, "the bundle holds '\(header.path)', \(header.type.name); bundles hold regular files only",
                                  hint: "the bundle was not written by vgrid or was tampered with: do not use it", subject: header.path)
            }
            guard let member = expected.removeValue(forKey: header.path) else {
                let twice = manifest.members.contains { $0.path == header.path }
                throw BundleError(.manifestMismatch,
                                  twice ? "the bundle holds '\(header.path)' twice" : "the bundle holds '\(header.path)', which its manifest does not list",
                                  hint: "the bundle was tampered with: export it again", subject: header.path)
            }
            guard header.size == member.size else {
                throw BundleError(.corrupt, "'\(header.path)' is \(header.size) bytes in the bundle; its manifest says \(member.size)",
                                  hint: "the bundle was tampered with or damaged: export it again", subject: header.path)
            }
            let target = try create(header.path, in: directory)
            defer { try? target.close() }
            var hasher = SHA256()
            try reader.content(of: header) { chunk in
                hasher.update(data: chunk)
                try target.write(contentsOf: chunk)
                done += Int64(chunk.count)
                if done - reported >= 16 << 20 { reported = done; progress(done, total) }
            }
            guard FileDigest.hex(hasher.finalize()) == member.sha256 else {
                throw BundleError(.corrupt, "'\(header.path)' does not match its SHA-256 in the manifest",
                                  hint: "the bundle was tampered with or damaged: export it again", subject: header.path)
            }
            if let mode = member.mode { fchmod(target.fileDescriptor, mode_t(mode & 0o777)) }
        }
        try reader.checkTrailer()
        if let missing = expected.keys.sorted().first {
            throw BundleError(.manifestMismatch,
                              "the bundle lacks '\(missing)'\(expected.count > 1 ? " and \(expected.count - 1) more member(s)" : ""), which its manifest lists",
                              hint: "the bundle is incomplete or was tampered with: export it again", subject: missing)
        }
        progress(total, total)
    }

    /// Creates a new file (never following or replacing anything) with its parent directories.
    private func create(_ path: String, in directory: String) throws -> FileHandle {
        var parent = directory
        for component in path.split(separator: "/").dropLast() {
            parent += "/" + component
            if mkdir(parent, 0o700) != 0 && errno != EEXIST {
                throw BundleError(.io, "cannot create \(parent): \(String(cString: strerror(errno)))", subject: parent)
            }
        }
        let fd = open(directory + "/" + path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw BundleError(.io, "cannot create \(directory)/\(path): \(String(cString: strerror(errno)))", subject: path)
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }
}
