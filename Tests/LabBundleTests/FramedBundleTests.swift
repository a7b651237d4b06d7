import Foundation
import Testing
@testable import LabBundle

/// Bundles as a sequence of zstd frames: image members compressed once into the frame cache
/// and copied by later exports; the rest through one zstd process. Standard tools and the
/// reader see one tar stream; a damaged cache entry is compressed again, never shipped.
@Suite struct FramedBundleTests {
    static let group = ImageFrameCache.group(image: "tiny", version: "v1")
    static let original = BundleManifest.Original(sha256: String(repeating: "ab", count: 32), size: 1234)

    /// Sources like an export's: lab file, image.json, kernel, root filesystem (expanded, with
    /// its original), material after them.
    struct Fixture {
        let scratch: Scratch
        let sources: [BundleSource]
        let contents: [String: Data]
        var cacheDirectory: String { scratch.path("cache") }

        init() throws {
            scratch = try Scratch()
            func blob(_ seed: String, _ lines: Int) -> String {
                (0..<lines).map { "\(seed) line \($0) \($0 * 7919 % 104729)\n" }.joined()
            }
            let kernel = blob("kernel", 20_000), rootfs = blob("rootfs", 40_000) + "tail without newline"
            sources = [
                BundleSource(member: "lab/intro.yaml", file: try scratch.write("src/intro.yaml", "lab: intro\n"), kind: .labFile),
                BundleSource(member: "images/tiny/image.json", file: try scratch.write("src/image.json", "{}\n"), kind: .image,
                             cacheGroup: FramedBundleTests.group),
                BundleSource(member: "images/tiny/vmlinuz", file: try scratch.write("src/vmlinuz", kernel), kind: .image,
                             mode: 0o644, cacheGroup: FramedBundleTests.group),
                BundleSource(member: "images/tiny/rootfs.qcow2", file: try scratch.write("src/rootfs", rootfs), kind: .image,
                             mode: 0o644, original: FramedBundleTests.original, cacheGroup: FramedBundleTests.group),
                BundleSource(member: "material/01-tour.md", file: try scratch.write("src/tour.md", "# A tour\n"), kind: .material),
            ]
            contents = [
                "lab/intro.yaml": Data("lab: intro\n".utf8), "images/tiny/image.json": Data("{}\n".utf8),
                "images/tiny/vmlinuz": Data(kernel.utf8), "images/tiny/rootfs.qcow2": Data(rootfs.utf8),
                "material/01-tour.md": Data("# A tour\n".utf8),
            ]
        }

        /// Writes a bundle with a fresh cache object (as a new vgrid process would); returns the
        /// bundle and the members that had to be compressed into the cache.
        func write(_ name: String, sources: [BundleSource]? = nil, cacheDirectory: String? = nil) throws -> (String, [String]) {
            let (bundle, compressed, _) = try writeWarning(name, sources: sources, cacheDirectory: cacheDirectory)
            return (bundle, compressed)
        }

        /// `write`, with the writer's warnings.
        func writeWarning(_ name: String, sources: [BundleSource]? = nil, cacheDirectory: String? = nil) throws
            -> (String, [String], [String]) {
            var writer = BundleWriter()
            writer.frameCache = ImageFrameCache(directory: cacheDirectory ?? self.cacheDirectory, level: 3)
            writer.framedMinimumSize = 1024
            var compressed: [String] = []
            writer.compressing = { source, progress in if progress.phase == .started { compressed.append(source.member) } }
            var warned: [String] = []
            writer.warn = { warned.append($0) }
            let output = scratch.path(name)
            try writer.write(Scratch.manifest(), sources: sources ?? self.sources, to: output)
            return (output, compressed, warned)
        }

        /// Extracts with the reader and checks every member's bytes.
        func expectRoundTrip(_ bundle: String) throws {
            let target = scratch.path("out-\(UUID().uuidString.prefix(8))")
            let manifest = try BundleReader(file: bundle).extract(into: target)
            #expect(manifest.members.map(\.path) == sources.map(\.member))
            for (path, data) in contents {
                #expect(FileManager.default.contents(atPath: target + "/" + path) == data, "\(path) differs")
            }
            let rootfs = try #require(manifest.members.first { $0.path == "images/tiny/rootfs.qcow2" })
            #expect(rootfs.original == FramedBundleTests.original)
        }

        /// The cached frame files (path -> bytes).
        func frames() -> [String: Data] {
            let dir = cacheDirectory + "/" + FramedBundleTests.group
            var result: [String: Data] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasSuffix(".tar.zst") {
                result[dir + "/" + name] = FileManager.default.contents(atPath: dir + "/" + name)
            }
            return result
        }

        /// The cached frame of `member`, found through its record.
        func framePath(of member: String) throws -> String {
            let dir = cacheDirectory + "/" + FramedBundleTests.group
            for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".json") {
                let record = try JSONDecoder().decode(ImageFrameCache.Record.self,
                                                      from: try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
                if record.member == member { return dir + "/" + name.dropLast(".json".count) + ".tar.zst" }
            }
            throw BundleError(.io, "no cache entry for \(member)")
        }

        /// `member`'s exact tar bytes with its content changed, compressed as a well-formed frame.
        func forgedFrame(of member: String) throws -> Data {
            var content = contents[member]!
            content[content.startIndex + 100] ^= 0x20
            var tar = Data(try TarHeader(path: member, size: Int64(content.count), mode: 0o644, mtime: 0).encoded())
            tar += content + Data(count: TarHeader.padding(Int64(content.count)))
            let plain = scratch.path("forged.tar")
            try tar.write(to: URL(fileURLWithPath: plain))
            try scratch.run("zstd", ["-q", "-f", plain, "-o", plain + ".zst"])
            return try Data(contentsOf: URL(fileURLWithPath: plain + ".zst"))
        }
    }

    @Test func aFramedBundleRoundTripsThroughTheReader() throws {
        let fixture = try Fixture()
        defer { fixture.scratch.remove() }
        let (bundle, compressed) = try fixture.write("a.vgrid")
        #expect(compressed == ["images/tiny/vmlinuz", "images/tiny/rootfs.qcow2"], "image.json is too small for a frame")
        try fixture.expectRoundTrip(bundle)
        // Each cached frame is in the bundle byte for byte.
        let data = try Data(contentsOf: URL(fileURLWithPath: bundle))
        let frames = fixture.frames()
        #expect(frames.count == 2)
        for (path, frame) in frames {
            #expect(data.range(of: frame) != nil, "\(path) is not in the bundle as it is")
        }
        #expect(try BundleReader(file: bundle).manifest().members.count == 5)
    }

    @Test func systemZstdAndTarReadAFramedBundle() throws {
        let fixture = try Fixture()
        defer { fixture.scratch.remove() }
        let (bundle, _) = try fixture.write("a.vgrid")
        let list = fixture.scratch.path("list.txt")
        try fixture.scratch.run("bash", ["-c", "set -o pipefail; zstd -q -d -c '\(bundle)' | tar -tf - > '\(list)'"])
        let names = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(names == ["manifest.json"] + fixture.sources.map(\.member))
        let dir = fixture.scratch.path("tar")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try fixture.scratch.run("tar", ["--zstd", "-xf", bundle, "-C", dir])
        for (path, data) in fixture.contents {
            #expect(FileManager.default.contents(atPath: dir + "/" + path) == data, "tar extracted \(path) wrong")
        }
    }

    @Test func aSecondExportCopiesTheCachedFrames() throws {
        let fixture = try Fixture()
        defer { fixture.scratch.remove() }
        _ = try fixture.write("first.vgrid")
        let before = fixture.frames()
        let (second, compressed) = try fixture.write("second.vgrid")
        #expect(compressed.isEmpty, "compressed again: \(compressed)")
        #expect(fixture.frames() == before, "the cache entries changed")
        try fixture.expectRoundTrip(second)
        let data = try Data(contentsOf: URL(fileURLWithPath: second))
        for frame in before.values { #expect(data.range(of: frame) != nil) }
    }

    @Test func theExpandedRootFilesystemComesFromTheCacheWithoutItsFile() throws {
        let fixture = try Fixture()
        defer { fixture.scratch.remove() }
        _ = try fixture.write("first.vgrid")
        let cache = ImageFrameCache(directory: fixture.cacheDirectory, level: 3)
        let known = try #require(cache.expansion(group: Self.group, member: "images/tiny/rootfs.qcow2", mode: 0o644,
                                                 original: Self.original))
        #expect(known == ContentDigest(sha256: FileDigest.of(data: fixture.contents["images/tiny/rootfs.qcow2"]!),
                                       size: Int64(fixture.contents["images/tiny/rootfs.qcow2"]!.count)))
        #expect(cache.expansion(group: Self.group, member: "images/tiny/rootfs.qcow2", mode: 0o644,
                                original: .init(sha256: Self.original.sha256, size: 1)) == nil, "another original")
        // The source names a file that does not exist: only the cached frame is used.
        var sources = fixture.sources
        sources[3].file = fixture.scratch.path("not-expanded.qcow2")
        sources[3].digest = known
        let (bundle, compressed) = try fixture.write("known.vgrid", sources: sources)
        #expect(compressed.isEmpty)
        try fixture.expectRoundTrip(bundle)
    }

    @Test func aDamagedCacheEntryIsCompressedAgainNotShipped() throws {
        let fixture = try Fixture()
        defer { fixture.scratch.remove() }
        _ = try fixture.write("first.vgrid")
        // The kernel's frame loses a byte in its middle; the root filesystem's is replaced by
        // a well-formed frame of different content.
        let kernel = try fixture.framePath(of: "images/tiny/vmlinuz")
        var damaged = try Data(contentsOf: URL(fileURLWithPath: kernel))
        damaged[damaged.startIndex + damaged.count / 2] ^= 0xFF
        try damaged.write(to: URL(fileURLWithPath: kernel))
        let rootfs = try fixture.framePath(of: "images/tiny/rootfs.qcow2")
        let forged = try fixture.forgedFrame(of: "images/tiny/rootfs.qcow2")
        try forged.write(to: URL(fileURLWithPath: rootfs))

        let (bundle, compressed) = try fixture.write("second.vgrid")
        #expect(Set(compressed) == ["images/tiny/vmlinuz", "images/tiny/rootfs.qcow2"])
        try fixture.expectRoundTrip(bundle)
        let data = try Data(contentsOf: URL(fileURLWithPath: bundle))
        #expect(data.range(of: forged) == nil, "the forged frame was shipped")
        // The entries are whole again.
        #expect(try Data(contentsOf: URL(fileURLWithPath: kernel)) != damaged)
        let (third, again) = try fixture.write("third.vgrid")
        #expect(again.isEmpty)
        try fixture.expectRoundTrip(third)
    }

    @Test func aDamagedRootFilesystemEntryIsNoExpansion() throws {
        let fixture = try Fixture()
        defer { fixture.scratch.remove() }
        _ = try fixture.write("first.vgrid")
        let rootfs = try fixture.framePath(of: "images/tiny/rootfs.qcow2")
        try fixture.forgedFrame(of: "images/tiny/rootfs.qcow2").write(to: URL(fileURLWithPath: rootfs))
        let cache = ImageFrameCache(directory: fixture.cacheDirectory, level: 3)
        #expect(cache.expansion(group: Self.group, member: "images/tiny/rootfs.qcow2", mode: 0o644, original: Self.original) == nil)
        #expect(!FileManager.default.fileExists(atPath: rootfs), "the damaged entry stays")
        // A truncated frame fails the check too.
        _ = try fixture.write("second.vgrid")
        let whole = try Data(contentsOf: URL(fileURLWithPath: rootfs))
        try whole.prefix(whole.count - 10).write(to: URL(fileURLWithPath: rootfs))
        #expect(ImageFrameCache(directory: fixture.cacheDirectory, level: 3)
            .expansion(group: Self.group, member: "images/tiny/rootfs.qcow2", mode: 0o644, original: Self.original) == nil)
    }

    @Test func aKnownDigestWithoutItsFrameIsRefused() throws {
        let fixture = try Fixture()
        defer { fixture.scratch.remove() }
        var sources = fixture.sources
        sources[3].file = fixture.scratch.path("not-expanded.qcow2")
        sources[3].digest = ContentDigest(sha256: String(repeating: "0", count: 64), size: 4096)
        #expect(throws: BundleError.self) { _ = try fixture.write("x.vgrid", sources: sources) }
        #expect(fixture.scratch.entries(startingWith: "x.vgrid").isEmpty)
    }

    @Test func aBundleCutBetweenFramesIsTruncated() throws {
        let fixture = try Fixture()
        defer { fixture.scratch.remove() }
        let (bundle, _) = try fixture.write("a.vgrid")
        let data = try Data(contentsOf: URL(fileURLWithPath: bundle))
        let frame = try Data(contentsOf: URL(fileURLWithPath: try fixture.framePath(of: "images/tiny/rootfs.qcow2")))
        let range = try #require(data.range(of: frame))
        // Every frame before the cut is whole, so zstd succeeds: the tar stream itself ends early.
        let cut = fixture.scratch.path("cut.vgrid")
        try data[..<range.upperBound].write(to: URL(fileURLWithPath: cut))
        let target = fixture.scratch.path("target")
        let error = #expect(throws: BundleError.self) { _ = try BundleReader(file: cut).extract(into: target) }
        #expect(error?.code == .truncated, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func anUnwritableCacheFallsBackToTheOrdinaryStream() throws {
        let fixture = try Fixture()
        defer { fixture.scratch.remove() }
        let blocker = try fixture.scratch.write("blocker", "a file, not a directory")
        let (bundle, _, warnings) = try fixture.writeWarning("a.vgrid", cacheDirectory: blocker + "/cache")
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.allSatisfy { $0.contains("cannot keep the compressed image") })
        try fixture.expectRoundTrip(bundle)
    }

    @Test func aNewImageVersionReplacesTheOldEntries() throws {
        let fixture = try Fixture()
        defer { fixture.scratch.remove() }
        _ = try fixture.write("first.vgrid")
        let v2 = ImageFrameCache.group(image: "tiny", version: "v2")
        let sources = fixture.sources.map { source -> BundleSource in
            var source = source
            if source.cacheGroup != nil { source.cacheGroup = v2 }
            return source
        }
        let (bundle, compressed) = try fixture.write("second.vgrid", sources: sources)
        #expect(compressed.count == 2)
        try fixture.expectRoundTrip(bundle)
        let versions = try FileManager.default.contentsOfDirectory(atPath: fixture.cacheDirectory + "/tiny")
        #expect(versions == ["v2"])
    }

    @Test func groupNamesAreSafeDirectoryNames() {
        #expect(ImageFrameCache.group(image: "tiny", version: "c2fbc6e238326e10") == "tiny/c2fbc6e238326e10")
        #expect(ImageFrameCache.group(image: "../x", version: "..") == ".._x/_..")
        #expect(ImageFrameCache.group(image: "", version: "a/b") == "_/a_b")
    }
}
