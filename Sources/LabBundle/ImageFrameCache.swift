import Crypto
import Foundation

/// A file's SHA-256 and size, known beforehand (a member whose bytes the frame cache holds).
public struct ContentDigest: Codable, Sendable, Equatable {
    public var sha256: String
    public var size: Int64
    public init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }
}

/// Image members compressed once, at a high zstd level, and reused by every later export.
///
/// A bundle is a sequence of zstd frames (zstd reads concatenated frames as one stream). An
/// image member's exact tar bytes (header, content, zero padding) make one frame, which is
/// kept here as `<group>/<key>.tar.zst` with a record `<key>.json` beside it; `key` is the
/// SHA-256 of the header bytes, the content's SHA-256 and the compression parameters. A
/// group is one image version (`<name>/<version>`): keeping a new version removes the frames
/// of the older ones.
///
/// A frame is never shipped on trust: before it is used, it is decompressed and must give
/// exactly the expected header, content of the recorded size and SHA-256, and zero padding.
/// An entry that does not is removed, and the member compressed again.
public final class ImageFrameCache {
    public let directory: String
    /// zstd level of the frames (`--long=27`, all cores). 19 takes about 40 s for the tiny
    /// image's 94 MB root filesystem on 2 cores, paid once per image version.
    public let level: Int
    static let windowLog = ZstdProcess.windowLog

    /// Frames verified (or made) by this process, open, by key: the file a later lookup or the
    /// writer copies is the one that was checked, even if the entry is replaced meanwhile.
    private var frames: [String: Frame] = [:]

    public init(directory: String, level: Int = 19) {
        self.directory = directory
        self.level = level
    }

    /// The group of an image version, as a relative directory with safe components.
    public static func group(image: String, version: String) -> String {
        func safe(_ text: String) -> String {
            let mapped = String(text.unicodeScalars.map { scalar -> Character in
                let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "." || scalar == "_" || scalar == "-"
                return ok ? Character(scalar) : "_"
            })
            return mapped.isEmpty || mapped.allSatisfy({ $0 == "." }) ? "_" + mapped : String(mapped.prefix(100))
        }
        return safe(image) + "/" + safe(version)
    }

    /// What identifies a frame: the exact tar header and content, and how it is compressed.
    struct Spec {
        var group: String
        var header: [UInt8]
        var member: String
        var mode: Int
        var digest: ContentDigest
        var original: BundleManifest.Original?
    }

    /// What `<key>.json` says about its frame.
    struct Record: Codable, Equatable {
        var member: String
        var mode: Int
        var size: Int64
        var sha256: String
        var original: BundleManifest.Original?
        var level: Int
        var windowLog: Int
        var frameBytes: Int64
    }

    /// One compressed frame, open for reading.
    final class Frame {
        let handle: FileHandle
        let bytes: Int64
        init(handle: FileHandle, bytes: Int64) {
            self.handle = handle
            self.bytes = bytes
        }
        deinit { try? handle.close() }

        /// Appends the frame, exactly as checked, to `output`.
        func copy(to output: FileHandle) throws {
            try handle.seek(toOffset: 0)
            var copied: Int64 = 0
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                try output.write(contentsOf: chunk)
                copied += Int64(chunk.count)
            }
            guard copied == bytes else {
                throw BundleError(.io, "a cached image frame changed while it was being copied (\(copied) of \(bytes) bytes)",
                                  hint: "export again")
            }
        }
    }

    /// How the compression of one member into the cache goes (it takes a while: about 40 s
    /// for the tiny image's root filesystem).
    public struct Progress: Sendable, Equatable {
        public enum Phase: Sendable, Equatable { case started, running, finished }
        public var phase: Phase
        /// The member's size (content bytes).
        public var size: Int64
        public var seconds: Double
        /// The frame's size, once finished.
        public var frameBytes: Int64?
    }

    /// The cache cannot be written (no directory, read-only file system): not an export failure.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    func key(_ spec: Spec) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(spec.header))
        hasher.update(data: Data("\n\(spec.digest.sha256)\n\(spec.digest.size)\nzstd -\(level) --long=\(Self.windowLog)\n".utf8))
        return FileDigest.hex(hasher.finalize())
    }

    func framePath(_ spec: Spec, key: String) -> String { "\(directory)/\(spec.group)/\(key).tar.zst" }
    func recordPath(_ spec: Spec, key: String) -> String { "\(directory)/\(spec.group)/\(key).json" }

    /// The verified frame of `spec`, or nil when there is none or it fails the check (then the
    /// entry is removed).
    func frame(_ spec: Spec) -> Frame? {
        let key = key(spec)
        if let known = frames[key] { return known }
        let path = framePath(spec, key: key)
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Self.verify(handle, spec) else {
            try? handle.close()
            discard(spec, key: key)
            return nil
        }
        let frame = Frame(handle: handle, bytes: Int64(info.st_size))
        frames[key] = frame
        return frame
    }

    /// The expanded member recorded for `original` (a root filesystem stored expanded), when
    /// its frame is here and passes the check: the export then needs no qemu-img at all.
    func expansion(group: String, member: String, mode: Int, original: BundleManifest.Original) -> ContentDigest? {
        let dir = "\(directory)/\(group)"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        for name in names {
            guard let data = FileManager.default.contents(atPath: dir + "/" + name),
                  let record = try? JSONDecoder().decode(Record.self, from: data),
                  record.member == member, record.mode == mode, record.original == original,
                  record.level == level, record.windowLog == Self.windowLog,
                  let header = try? TarHeader(path: member, size: record.size, mode: mode, mtime: 0).encoded() else { continue }
            let digest = ContentDigest(sha256: record.sha256, size: record.size)
            let spec = Spec(group: group, header: header, member: member, mode: mode, digest: digest, original: original)
            guard name == key(spec) + ".json" else { continue }
            if frame(spec) != nil { return digest }
        }
        return nil
    }

    /// Compresses the member (`file`, which must hold `spec.digest`) into a new entry and
    /// returns its frame, saying how it goes about every `reportEvery` seconds. Throws
    /// `Unavailable` when the cache directory cannot be written.
    func store(_ spec: Spec, file: String, reportEvery: Double = 10, progress: (Progress) -> Void) throws -> Frame {
        let key = key(spec)
        let group = "\(directory)/\(spec.group)"
        try prepareGroup(spec.group)
        let temporary = "\(group)/.\(key).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Unavailable(description: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let out = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var kept = false
        defer { if !kept { try? out.close(); unlink(temporary) } }

        guard let input = FileHandle(forReadingAtPath: file) else {
            throw BundleError(.io, "cannot read \(file)", subject: file)
        }
        defer { try? input.close() }
        let started = Date()
        var lastReport = started
        func report(_ phase: Progress.Phase, frameBytes: Int64? = nil) {
            let now = Date()
            guard phase != .running || now.timeIntervalSince(lastReport) >= reportEvery else { return }
            lastReport = now
            progress(Progress(phase: phase, size: spec.digest.size, seconds: now.timeIntervalSince(started), frameBytes: frameBytes))
        }
        report(.started)
        let zstd = try ZstdProcess.compressor(level: level, output: out)
        var hasher = SHA256()
        var done: Int64 = 0
        do {
            try zstd.input.write(contentsOf: Data(spec.header))
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
                done += Int64(chunk.count)
                guard done <= spec.digest.size else { break }
                try zstd.input.write(contentsOf: chunk)
                report(.running)
            }
            try zstd.input.write(contentsOf: Data(count: TarHeader.padding(spec.digest.size)))
            try zstd.input.close()
        } catch {
            try? zstd.input.close()
            try? zstd.finish()
            throw error
        }
        // zstd reads its whole window before it writes: most of the time is spent here.
        while zstd.process.isRunning {
            usleep(50_000)
            report(.running)
        }
        try zstd.finish()
        guard done == spec.digest.size, FileDigest.hex(hasher.finalize()) == spec.digest.sha256 else {
            throw BundleError(.io, "\(file) changed while it was being compressed", hint: "export again when nothing writes to it",
                              subject: spec.member)
        }
        try out.synchronize()
        let bytes = Int64(try out.seekToEnd())
        report(.finished, frameBytes: bytes)

        // The frame first, then its record: an entry without a record is still found by key.
        if rename(temporary, framePath(spec, key: key)) == 0 {
            let record = Record(member: spec.member, mode: spec.mode, size: spec.digest.size, sha256: spec.digest.sha256,
                                original: spec.original, level: level, windowLog: Self.windowLog, frameBytes: bytes)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            if let data = try? encoder.encode(record) {
                let recordTemporary = temporary + ".json"
                if (try? data.write(to: URL(fileURLWithPath: recordTemporary))) != nil {
                    if rename(recordTemporary, recordPath(spec, key: key)) != 0 { unlink(recordTemporary) }
                }
            }
        } else {
            // Another export removed the group meanwhile: this frame still serves this bundle.
            unlink(temporary)
        }
        kept = true
        let frame = Frame(handle: out, bytes: bytes)
        frames[key] = frame
        return frame
    }

    /// Creates the group's directory. The first entry of a new image version removes the
    /// entries of the image's other versions, and leftovers of killed exports are removed.
    private func prepareGroup(_ group: String) throws {
        let fm = FileManager.default
        let path = "\(directory)/\(group)"
        let imageDir = (path as NSString).deletingLastPathComponent
        let version = (path as NSString).lastPathComponent
        if !fm.fileExists(atPath: path) {
            for other in (try? fm.contentsOfDirectory(atPath: imageDir)) ?? [] where other != version {
                try? fm.removeItem(atPath: imageDir + "/" + other)
            }
        }
        do {
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Unavailable(description: "cannot create \(path): \(error.localizedDescription)")
        }
        for name in (try? fm.contentsOfDirectory(atPath: path)) ?? [] where name.hasPrefix(".") && name.contains(".tmp") {
            let parts = name.split(separator: ".")
            if parts.count > 2, let pid = Int32(parts[1]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                unlink(path + "/" + name)
            }
        }
    }

    private func discard(_ spec: Spec, key: String) {
        unlink(framePath(spec, key: key))
        unlink(recordPath(spec, key: key))
    }

    /// Decompresses the frame and checks that it gives exactly the member's tar bytes.
    static func verify(_ handle: FileHandle, _ spec: Spec) -> Bool {
        guard (try? handle.seek(toOffset: 0)) != nil, let zstd = try? ZstdProcess.decompressor(input: handle) else { return false }
        let header = spec.header, size = spec.digest.size
        let contentEnd = Int64(header.count) + size
        let total = contentEnd + Int64(TarHeader.padding(size))
        var position: Int64 = 0
        var hasher = SHA256()
        var ok = true
        reading: while let chunk = try? zstd.output.read(upToCount: 1 << 20), !chunk.isEmpty {
            guard position + Int64(chunk.count) <= total else { ok = false; break }
            var offset = chunk.startIndex
            // Header bytes.
            while position < Int64(header.count), offset < chunk.endIndex {
                if chunk[offset] != header[Int(position)] { ok = false; break reading }
                position += 1
                offset += 1
            }
            // Content bytes.
            if position < contentEnd, offset < chunk.endIndex {
                let take = Int(min(contentEnd - position, Int64(chunk.endIndex - offset)))
                hasher.update(data: chunk[offset..<(offset + take)])
                position += Int64(take)
                offset += take
            }
            // Padding.
            if offset < chunk.endIndex {
                if chunk[offset...].contains(where: { $0 != 0 }) { ok = false; break }
                position += Int64(chunk.endIndex - offset)
            }
        }
        if !ok {
            zstd.cancel()
            return false
        }
        guard (try? zstd.finish()) != nil else { return false }
        return position == total && FileDigest.hex(hasher.finalize()) == spec.digest.sha256
    }
}
