import Testing
import LabBundle

@Suite struct StudentSelectionTests {
    @Test func replacesACount() throws {
        let text = "lab: course\nstudents: 3\n\ndefaults:\n  image: tiny\n"
        let result = try #require(StudentSelection.rewrite(text, student: "student2"))
        #expect(result.hasPrefix("lab: course\nstudents: [student2]"))
        #expect(result.hasSuffix("\n\ndefaults:\n  image: tiny\n"))
    }

    @Test func replacesABlockList() throws {
        let text = "lab: c\nstudents:\n  - ana\n  - ben\n# nodes\nnodes: []\n"
        let result = try #require(StudentSelection.rewrite(text, student: "ben"))
        #expect(result == "lab: c\nstudents: [ben]   # one student's copy (vgrid export --student ben)\n# nodes\nnodes: []\n")
    }

    @Test func aPlainLabHasNoStudents() {
        #expect(StudentSelection.rewrite("lab: intro\nnodes: []\n", student: "x") == nil)
    }
}
