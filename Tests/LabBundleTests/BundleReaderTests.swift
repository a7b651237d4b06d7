import Foundation
import Testing
@testable import LabBundle

/// Reading and verifying bundles: a good one extracts completely; every kind of bad one is
/// refused with its own message, and the target directory is gone afterwards.
@Suite struct BundleReaderTests {
    @Test func extractsEveryMemberWithItsContentAndMode() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let bundle = try scratch.validBundle()
        let target = scratch.path("out")
        let manifest = try BundleReader(file: bundle).extract(into: target)
        #expect(manifest.members.map(\.path) == ["lab/intro.yaml", "ca/users/alice/userkey.pem", "material/01-tour.md"])
        #expect(try String(contentsOfFile: target + "/lab/intro.yaml", encoding: .utf8) == "lab: intro\n")
        let mode = try FileManager.default.attributesOfItem(atPath: target + "/ca/users/alice/userkey.pem")[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try BundleReader(file: bundle).manifest() == manifest)
    }

    @Test func systemTarReadsABundle() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let bundle = try scratch.validBundle()
        try FileManager.default.createDirectory(atPath: scratch.path("tar"), withIntermediateDirectories: true)
        try scratch.run("tar", ["--zstd", "-xf", bundle, "-C", scratch.path("tar")])
        #expect(FileManager.default.fileExists(atPath: scratch.path("tar/manifest.json")))
        #expect(FileManager.default.fileExists(atPath: scratch.path("tar/material/01-tour.md")))
    }

    /// Runs `extract` expecting a refusal with `code`; checks that nothing was left behind.
    func expectRefusal(_ bundle: String, _ code: BundleError.Code, mentioning text: String, scratch: Scratch) {
        let target = scratch.path("target")
        do {
            _ = try BundleReader(file: bundle).extract(into: target)
            Issue.record("the bundle was accepted")
        } catch let error as BundleError {
            #expect(error.code == code, "\(error)")
            #expect(error.description.contains(text), "\(error)")
            #expect(error.hint != nil)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: target), "the refused bundle left \(target) behind")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("evil")))
    }

    @Test func refusesATamperedMember() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var tar = try scratch.decompress(try scratch.validBundle())
        let range = try #require(tar.range(of: Data("secret key".utf8)))
        tar[range.lowerBound] = UInt8(ascii: "S")
        expectRefusal(try scratch.compress(tar, named: "tampered.vgrid"), .corrupt, mentioning: "ca/users/alice/userkey.pem' does not match its SHA-256", scratch: scratch)
    }

    @Test func refusesATruncatedBundle() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let bundle = try scratch.validBundle()
        let data = try Data(contentsOf: URL(fileURLWithPath: bundle))
        let cut = scratch.path("cut.vgrid")
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        expectRefusal(cut, .truncated, mentioning: "truncated", scratch: scratch)
    }

    @Test func refusesATarCutAfterAMember() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let tar = try scratch.decompress(try scratch.validBundle())
        // A well-formed zstd stream of a tar that stops in the middle of the second member.
        expectRefusal(try scratch.compress(tar.prefix(2048 + 100), named: "short.vgrid"), .truncated, mentioning: "truncated", scratch: scratch)
    }

    @Test func refusesAnUnknownFormatVersion() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let bundle = try scratch.rawBundle(manifest: Scratch.manifest(version: 2), entries: [])
        expectRefusal(bundle, .unsupportedVersion, mentioning: "format version 2", scratch: scratch)
        #expect(throws: BundleError.self) { _ = try BundleReader(file: bundle).manifest() }
    }

    @Test func refusesAMemberThatEscapesTheTarget() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let listed = try scratch.rawBundle(manifest: Scratch.manifest(members: [Scratch.member("../evil", "x")]),
                                           entries: [("../evil", "x")], named: "listed.vgrid")
        expectRefusal(listed, .unsafeMember, mentioning: "'../evil'", scratch: scratch)
        let unlisted = try scratch.rawBundle(manifest: Scratch.manifest(), entries: [("material/../../evil", "x")], named: "unlisted.vgrid")
        expectRefusal(unlisted, .unsafeMember, mentioning: "escape", scratch: scratch)
        let absolute = try scratch.rawBundle(manifest: Scratch.manifest(), entries: [("/tmp/evil", "x")], named: "absolute.vgrid")
        expectRefusal(absolute, .unsafeMember, mentioning: "absolute", scratch: scratch)
    }

    @Test func refusesLinksAndDevices() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let dir = scratch.path("linked")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Scratch.manifest(members: [Scratch.member("material/link", "x")]).encoded()
            .write(to: URL(fileURLWithPath: dir + "/manifest.json"))
        try FileManager.default.createDirectory(atPath: dir + "/material", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/material/link", withDestinationPath: "/etc/passwd")
        try scratch.run("tar", ["--zstd", "-cf", scratch.path("link.vgrid"), "manifest.json", "material/link"], in: dir)
        expectRefusal(scratch.path("link.vgrid"), .unsafeMember, mentioning: "a symbolic link", scratch: scratch)
        try FileManager.default.removeItem(atPath: dir + "/material/link")
        try scratch.run("mknod", [dir + "/material/link", "c", "1", "3"])
        try scratch.run("tar", ["--zstd", "-cf", scratch.path("device.vgrid"), "manifest.json", "material/link"], in: dir)
        expectRefusal(scratch.path("device.vgrid"), .unsafeMember, mentioning: "a character device", scratch: scratch)
    }

    @Test func refusesAMissingMember() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let bundle = try scratch.rawBundle(manifest: Scratch.manifest(members: [Scratch.member("a.md", "a"), Scratch.member("b.md", "b")]),
                                           entries: [("a.md", "a")])
        expectRefusal(bundle, .manifestMismatch, mentioning: "lacks 'b.md'", scratch: scratch)
    }

    @Test func refusesAnExtraMember() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let bundle = try scratch.rawBundle(manifest: Scratch.manifest(members: [Scratch.member("a.md", "a")]),
                                           entries: [("a.md", "a"), ("b.md", "b")])
        expectRefusal(bundle, .manifestMismatch, mentioning: "'b.md', which its manifest does not list", scratch: scratch)
    }

    @Test func refusesAMemberOfTheWrongSize() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let bundle = try scratch.rawBundle(manifest: Scratch.manifest(members: [Scratch.member("a.md", "a")]), entries: [("a.md", "ab")])
        expectRefusal(bundle, .corrupt, mentioning: "its manifest says 1", scratch: scratch)
    }

    @Test func refusesAFileThatIsNoBundle() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        expectRefusal(try scratch.write("plain.txt", "hello"), .corrupt, mentioning: "zstd", scratch: scratch)
        #expect(throws: BundleError.self) { _ = try BundleReader(file: scratch.path("missing.vgrid")).manifest() }
    }

    @Test func writerLeavesNoPartialFileWhenASourceIsMissing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let sources = [BundleSource(member: "a.md", file: scratch.path("nope"), kind: .material)]
        #expect(throws: BundleError.self) { try BundleWriter().write(Scratch.manifest(), sources: sources, to: scratch.path("x.vgrid")) }
        #expect(scratch.entries(startingWith: "x.vgrid").isEmpty)
    }
}
