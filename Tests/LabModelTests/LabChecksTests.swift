import Testing
@testable import LabModel

/// Checks made once the image catalogue is known, pointing back into the lab file.
struct LabChecksTests {
    static let yaml = """
    lab: t
    defaults:
      memory: 64MiB
    nodes:
      - name: head
        role: headnode
        memory: 128MiB
      - name: worker
        role: workernode
        count: 2
      - name: big
        role: workernode
        image: large
    """

    @Test func reportsNodesBelowTheirImageMinimumAtTheDecidingValue() throws {
        let lab = try LabLoader.parse(yaml: Self.yaml, path: "t.yaml")
        let found = LabChecks.memory(lab: lab) { $0 == "large" ? 256 : 96 }
        #expect(found.count == 3)
        guard found.count == 3 else { return }
        // worker1 and worker2 get their memory from defaults: point there.
        expect(found[0], line: 3, column: 11, "node 'worker1' has 64MiB of memory, but image 'tiny' needs at least 96MiB",
               hint: "raise 'memory' in 'defaults:'", code: .insufficientMemory)
        expect(found[1], line: 3, column: 11, "node 'worker2' has 64MiB", code: .insufficientMemory)
        expect(found[2], line: 3, column: 11, "node 'big' has 64MiB of memory, but image 'large' needs at least 256MiB")
        #expect(found[0].file == "t.yaml")
    }

    @Test func pointsAtTheNodeWhenItSetsItsOwnMemory() throws {
        let lab = try LabLoader.parse(yaml: Self.yaml, path: "t.yaml")
        let found = LabChecks.memory(lab: lab) { $0 == "tiny" ? 192 : nil }
        let head = found.first { $0.message.contains("'head'") }
        expect(head, line: 7, column: 13, "node 'head' has 128MiB of memory, but image 'tiny' needs at least 192MiB",
               hint: "raise this node's 'memory' to at least 192MiB")
    }

    @Test func pointsAtTheNameWhenMemoryIsBuiltIn() throws {
        let lab = try LabLoader.parse(yaml: "lab: t\nnodes:\n  - name: head\n    role: headnode\n", path: "t.yaml")
        let found = LabChecks.memory(lab: lab) { _ in 128 }
        #expect(found.count == 1)
        expect(found.first, line: 3, column: 11, "node 'head' has 96MiB", hint: "add 'memory: 128MiB'")
    }

    @Test func acceptsEnoughMemoryAndUnknownMinimums() throws {
        let lab = try LabLoader.parse(yaml: Self.yaml, path: "t.yaml")
        #expect(LabChecks.memory(lab: lab) { _ in 64 }.isEmpty)
        #expect(LabChecks.memory(lab: lab) { _ in nil }.isEmpty)
    }

    @Test func reportsUnknownImagesWithASuggestion() throws {
        let lab = try LabLoader.parse(yaml: Self.yaml, path: "t.yaml")
        let found = LabChecks.images(lab: lab, available: ["tiny", "larger"])
        #expect(found.count == 1)
        expect(found.first, line: 13, column: 12, "node 'big' uses unknown image 'large'", hint: "did you mean 'larger'?",
               code: .unknownImage)
    }

    @Test func checksACourseOnlyOnce() throws {
        let lab = try LabLoader.parse(yaml: "lab: c\nstudents: 5\nnodes: [{ name: head, role: headnode }]\n", path: "c.yaml")
        #expect(LabChecks.memory(lab: lab) { _ in 128 }.count == 1)
    }
}
