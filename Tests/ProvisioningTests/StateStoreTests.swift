import Foundation
import Testing
@testable import Provisioning

/// vgrid's local notes about the labs it made, in a temporary root.
struct StateStoreTests {
    static func record(_ instance: String, lab: String) -> StateStore.InstanceRecord {
        StateStore.InstanceRecord(
            lab: lab, instance: instance, source: "/labs/\(lab).yaml", internalSubnet: "10.213.7.0/24",
            externalSubnet: "192.168.130.0/24",
            seeds: ["head": .init(content: "c1", hosts: "h1"), "worker1": .init(content: "c2", hosts: "h2")],
            accelerator: "kvm")
    }

    @Test func saveThenLoadGivesTheSameRecord() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(root: dir.path)
        let record = Self.record("intro", lab: "intro")
        try store.save(record)
        #expect(store.load("intro") == record)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/labs/intro/state.json"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/labs/intro/state.json.tmp"))
    }

    @Test func saveReplacesTheEarlierRecord() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(root: dir.path)
        try store.save(Self.record("intro", lab: "intro"))
        var changed = Self.record("intro", lab: "intro")
        changed.externalSubnet = nil
        changed.seeds["worker2"] = .init(content: "c3", hosts: "h3")
        try store.save(changed)
        #expect(store.load("intro") == changed)
    }

    @Test func loadOfUnknownOrDamagedStateIsNil() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(root: dir.path)
        #expect(store.load("nothing") == nil)
        try FileManager.default.createDirectory(atPath: store.instanceDirectory("broken"), withIntermediateDirectories: true)
        try Data("{ half a reco".utf8).write(to: URL(fileURLWithPath: store.instanceDirectory("broken") + "/state.json"))
        #expect(store.load("broken") == nil)
    }

    @Test func instancesOfLabListsOnlyThatLabSorted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(root: dir.path)
        for instance in ["course-student2", "course-student1", "course-student3"] {
            try store.save(Self.record(instance, lab: "course"))
        }
        try store.save(Self.record("intro", lab: "intro"))
        try store.save(Self.record("course-x", lab: "course-x"))
        #expect(store.instances(ofLab: "course") == ["course-student1", "course-student2", "course-student3"])
        #expect(store.instances(ofLab: "intro") == ["intro"])
        #expect(store.instances(ofLab: "big") == [])
        #expect(StateStore(root: dir.path + "/missing").instances(ofLab: "course") == [])
    }

    @Test func removeForgetsTheInstanceOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(root: dir.path)
        try store.save(Self.record("course-student1", lab: "course"))
        try store.save(Self.record("course-student2", lab: "course"))
        store.remove("course-student1")
        #expect(store.load("course-student1") == nil)
        #expect(!FileManager.default.fileExists(atPath: store.instanceDirectory("course-student1")))
        #expect(store.instances(ofLab: "course") == ["course-student2"])
        store.remove("never-existed")
    }

    @Test func directoriesLiveUnderTheRoot() {
        let store = StateStore(root: "/srv/vgrid")
        #expect(store.instanceDirectory("intro") == "/srv/vgrid/labs/intro")
        #expect(store.seedDirectory("intro", node: "head") == "/srv/vgrid/labs/intro/seeds/head")
        #expect(store.caDirectory(lab: "intro") == "/srv/vgrid/ca/intro")
    }

    @Test func unwritableRootThrowsIOErrorWithAHint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // A file where the root directory should be: even root cannot create directories in it.
        let root = dir.path + "/not-a-directory"
        try Data().write(to: URL(fileURLWithPath: root))
        let error = provisioningError(.io) { try StateStore(root: root).save(Self.record("intro", lab: "intro")) }
        #expect(error?.hint?.contains(root) == true)
    }

    /// The write-then-rename must not fail silently: `up` would think the state was kept.
    @Test func saveThatCannotReplaceTheStateFileThrows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(root: dir.path)
        // A non-empty directory where state.json belongs: rename(2) onto it fails.
        let blocker = store.instanceDirectory("intro") + "/state.json"
        try FileManager.default.createDirectory(atPath: blocker + "/inside", withIntermediateDirectories: true)
        _ = provisioningError(.io) { try store.save(Self.record("intro", lab: "intro")) }
    }
}
