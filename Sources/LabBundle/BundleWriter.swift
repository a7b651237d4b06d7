import Foundation

/// A file that goes into a bundle: where it is on this host and what it is called inside.
public struct BundleSource: Sendable, Equatable {
    public var member: String
    public var file: String
    public var kind: BundleManifest.Kind
    public var mode: Int?
    public var original: BundleManifest.Original?
    /// For image members: the group of the writer's frame cache (`ImageFrameCache.group`)
    /// that keeps the member compressed once at a high level.
    public var cacheGroup: String?
    /// The content's SHA-256 and size when known beforehand: only for a member whose frame
    /// the cache holds (`file` is then not read, and need not exist).
    public var digest: ContentDigest?

    public init(member: String, file: String, kind: BundleManifest.Kind, mode: Int? = nil,
                original: BundleManifest.Original? = nil, cacheGroup: String? = nil, digest: ContentDigest? = nil) {
        self.member = member
        self.file = file
        self.kind = kind
        self.mode = mode
        self.original = original
        self.cacheGroup = cacheGroup
        self.digest = digest
    }
}

/// Writes a bundle: manifest.json first (every member's size and SHA-256), then each member
/// once, as one tar stream compressed by zstd. The file appears under its name only when complete.
///
/// The zstd stream is a sequence of frames (zstd, `tar --zstd` and `zstd -d | tar x` read them
/// as one stream): the members go through one zstd process at `level`, except image members
/// of at least `framedMinimumSize` bytes with a `cacheGroup`, whose exact tar bytes (header,
/// content, padding) are one frame compressed once at the cache's level and then copied
/// from `frameCache` by every export of that image version.
public struct BundleWriter {
    /// zstd's level for every member but the cached image frames. For the tiny intro lab
    /// (measured on 2 cores, one level for the whole bundle): 9 gives 44.7 MB in 2.5 s, 12
    /// gives 44.0 MB in 6 s, 19 gives 38.8 MB in 68 s; the kernel and the guest binaries
    /// barely shrink below 19. So the image members (over 99% of the bytes, the same in every
    /// export) are compressed at 19 once per image version into `frameCache` (about 47 s),
    /// and every export copies them and compresses the rest, a few hundred KB, at 9:
    /// 38.8 MB in 0.7 s.
    public var level = 9
    /// Where image members are compressed once and kept; nil writes them at `level` too.
    public var frameCache: ImageFrameCache?
    /// Image members smaller than this go through the `level` stream (image.json).
    public var framedMinimumSize: Int64 = 1 << 20
    /// Called with bytes written so far and the total, about every 16 MiB.
    public var progress: (Int64, Int64) -> Void = { _, _ in }
    /// Called while an image member is compressed into the frame cache (the first export of
    /// an image version): when it starts, about every 10 s, and when it is done.
    public var compressing: (BundleSource, ImageFrameCache.Progress) -> Void = { _, _ in }
    /// Something the user should know that does not stop the export (the cache is unusable).
    public var warn: (String) -> Void = { _ in }

    public init() {}

    /// Hashes every source (and finds or makes the cached frames), then writes the bundle to
    /// `output`. Returns the manifest written.
    @discardableResult
    public func write(_ manifest: BundleManifest, sources: [BundleSource], to output: String) throws -> BundleManifest {
        var manifest = manifest
        var seen = Set<String>([BundleManifest.memberPath])
        var frames: [ImageFrameCache.Frame?] = []
        manifest.members = try sources.map { source in
            try MemberPath.check(source.member)
            guard seen.insert(source.member).inserted else {
                throw BundleError(.export, "two files would be stored as '\(source.member)'", subject: source.member)
            }
            let digest: ContentDigest
            if let known = source.digest {
                digest = known
            } else {
                let (sha, size) = try FileDigest.of(source.file)
                digest = ContentDigest(sha256: sha, size: size)
            }
            let member = BundleManifest.Member(path: source.member, sha256: digest.sha256, size: digest.size, kind: source.kind,
                                               mode: source.mode, original: source.original)
            let frame = try self.frame(for: source, member: member)
            if frame == nil && source.digest != nil {
                throw BundleError(.io, "the cached compressed copy of \(source.member) is gone", hint: "export again", subject: source.member)
            }
            frames.append(frame)
            return member
        }
        let manifestData = try manifest.encoded()
        let partial = output + ".partial"
        _ = FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600])
        guard let out = FileHandle(forWritingAtPath: partial) else {
            throw BundleError(.io, "cannot write \(output)", hint: "check that its directory exists and is writable", subject: output)
        }
        var finished = false
        defer {
            try? out.close()
            if !finished { unlink(partial) }
        }
        // The members between two cached frames go through one zstd process: one frame.
        var segment: ZstdProcess?
        let level = self.level
        func endSegment() throws {
            guard let zstd = segment else { return }
            segment = nil
            try zstd.input.close()
            try zstd.finish()
        }
        let total = manifest.totalSize
        var done: Int64 = 0, reported: Int64 = 0
        var tar = TarWriter { data in
            if segment == nil { segment = try ZstdProcess.compressor(level: level, output: out) }
            try segment!.input.write(contentsOf: data)
        }
        do {
            try tar.add(path: BundleManifest.memberPath, size: Int64(manifestData.count), mode: 0o644) { try $0(manifestData) }
            for ((source, member), frame) in zip(zip(sources, manifest.members), frames) {
                if let frame {
                    try endSegment()
                    try frame.copy(to: out)
                    done += member.size
                    reported = done
                    progress(done, total)
                    continue
                }
                try tar.add(path: member.path, size: member.size, mode: member.mode ?? 0o644) { write in
                    guard let handle = FileHandle(forReadingAtPath: source.file) else {
                        throw BundleError(.io, "cannot read \(source.file)", subject: source.file)
                    }
                    defer { try? handle.close() }
                    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                        try write(chunk)
                        done += Int64(chunk.count)
                        if done - reported >= 16 << 20 { reported = done; progress(done, total) }
                    }
                }
            }
            try tar.finish()
            try endSegment()
        } catch {
            if let zstd = segment {
                try? zstd.input.close()
                try? zstd.finish()
            }
            throw error
        }
        try out.synchronize()
        guard rename(partial, output) == 0 else {
            throw BundleError(.io, "cannot rename \(partial) to \(output): \(String(cString: strerror(errno)))", subject: output)
        }
        finished = true
        progress(total, total)
        return manifest
    }

    /// The cached frame of an image member: checked and reused, or made now (once per image
    /// version). Nil for other members, or when the cache cannot be written (then the member
    /// goes through the `level` stream).
    private func frame(for source: BundleSource, member: BundleManifest.Member) throws -> ImageFrameCache.Frame? {
        guard let cache = frameCache, let group = source.cacheGroup, source.kind == .image, member.size >= framedMinimumSize else {
            return nil
        }
        let mode = member.mode ?? 0o644
        let header = try TarHeader(path: member.path, size: member.size, mode: mode, mtime: 0).encoded()
        let spec = ImageFrameCache.Spec(group: group, header: header, member: member.path, mode: mode,
                                        digest: ContentDigest(sha256: member.sha256, size: member.size), original: member.original)
        if let frame = cache.frame(spec) { return frame }
        guard source.digest == nil else { return nil }
        do {
            return try cache.store(spec, file: source.file) { compressing(source, $0) }
        } catch let error as ImageFrameCache.Unavailable {
            warn("cannot keep the compressed image in \(cache.directory) (\(error)): \(member.path) goes in at level \(level), a bigger bundle")
            return nil
        }
    }
}
