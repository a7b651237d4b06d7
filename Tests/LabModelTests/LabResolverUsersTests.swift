import Testing
@testable import LabModel

/// Users, students, and the rules that make one copy per student possible.
struct LabResolverUsersTests {
    @Test func rejectsDuplicateUsersAndPointsAtTheFirst() {
        let diagnostic = expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        users:
          - alice
          - name: alice
            admin: true
        """, line: 5, column: 11, "duplicate user 'alice'", code: .duplicate)
        #expect(diagnostic?.notes.first?.location.line == 4)
        #expect(diagnostic?.notes.first?.location.column == 5)
    }

    @Test(arguments: [
        ("Alice", "must start with a lower-case letter or '_'"),
        ("9lives", "must start with a lower-case letter or '_'"),
        ("al ice", "contains ' '"),
        ("root", "is a reserved system account"),
        ("daemon", "is a reserved system account"),
    ])
    func rejectsInvalidOrReservedUserNames(name: String, problem: String) {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        users:
          - "\(name)"
        """, line: 4, column: 5, "invalid user name '\(name)': \(problem)", code: .invalidValue)
    }

    @Test func explainsWhyAReservedNameIsRejected() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        users: [root]
        """, line: 3, column: 9, "is a reserved system account", hint: "system accounts already exist")
    }

    @Test func rejectsAUserNameLongerThan32Characters() {
        let name = String(repeating: "a", count: 33)
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        users: [\(name)]
        """, line: 3, column: 9, "is 33 characters long; at most 32 are allowed", code: .invalidValue)
    }

    @Test func rejectsAShortPassphrase() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        users:
          - name: bob
            passphrase: abc
        """, line: 5, column: 17, "'passphrase' must be at least 4 characters long", code: .invalidValue)
    }

    @Test func requiresANameInTheUserMapForm() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        users:
          - admin: true
        """, line: 4, column: 5, "missing required key 'name' in user", code: .missingKey)
    }

    @Test func rejectsDuplicateStudents() {
        let diagnostic = expectOneError("""
        lab: t
        students: [ana, ben, ana]
        nodes: [{ name: head, role: headnode }]
        """, line: 2, column: 22, "duplicate student 'ana'", code: .duplicate)
        #expect(diagnostic?.notes.first?.location.column == 12)
    }

    @Test func rejectsAStudentWhoIsAlsoAUser() {
        let diagnostic = expectOneError("""
        lab: t
        students: [ana, ben]
        nodes: [{ name: head, role: headnode }]
        users: [teacher, ben]
        """, line: 2, column: 17, "student 'ben' is also listed in 'users'", code: .conflict)
        #expect(diagnostic?.notes.first?.location.line == 4)
        #expect(diagnostic?.notes.first?.location.column == 18)
    }

    @Test func rejectsNumberedStudentsThatCollideWithAUser() {
        expectOneError("""
        lab: t
        students: 2
        nodes: [{ name: head, role: headnode }]
        users: [student2]
        """, line: 2, column: 11, "student 'student2' is also listed in 'users'", code: .conflict)
    }

    @Test func rejectsStudentNamesWithUnderscores() {
        expectOneError("""
        lab: t
        students: [ana_b]
        nodes: [{ name: head, role: headnode }]
        """, line: 2, column: 12, "invalid student name 'ana_b': contains '_'", hint: "part of VM names",
                       code: .invalidValue)
    }

    @Test func rejectsZeroStudents() {
        expectOneError("lab: t\nstudents: 0\nnodes: [{ name: head, role: headnode }]\n", line: 2, column: 11,
                       "'students' must be between 1 and 100, got 0", code: .outOfRange)
    }

    @Test func rejectsASingleNameAsStudents() {
        expectOneError("lab: t\nstudents: ana\nnodes: [{ name: head, role: headnode }]\n", line: 2, column: 11,
                       "expected a number of students or a list of names for 'students', got 'ana'",
                       hint: "students: [ana, ben]", code: .wrongType)
    }

    @Test func rejectsAnEmptyStudentList() {
        expectOneError("lab: t\nstudents: []\nnodes: [{ name: head, role: headnode }]\n", line: 2, column: 11,
                       "'students' is empty", code: .invalidValue)
    }

    @Test func rejectsAFixedSubnetInACourse() {
        let found = fixtureDiagnostics("course-fixed-subnet.yaml")
        #expect(found.count == 1)
        expect(found.first, line: 6, column: 13,
               "a course cannot use a fixed external subnet (192.168.60.0/24): each of the 4 student copies needs its own network",
               hint: "subnet: auto", code: .conflict)
    }

    @Test func rejectsAFixedInternalSubnetInACourse() {
        expectOneError("""
        lab: t
        students: [ana]
        networks:
          internal: { subnet: 10.1.0.0/24 }
        nodes: [{ name: head, role: headnode }]
        """, line: 4, column: 23, "a course cannot use a fixed internal subnet (10.1.0.0/24)", code: .conflict)
    }

    @Test func rejectsInstanceIDsLongerThan24Characters() {
        expectOneError("""
        lab: grid-computing-101
        students: [ana, bartholomew]
        nodes: [{ name: head, role: headnode }]
        """, line: 2, column: 17,
                       "instance id 'grid-computing-101-bartholomew' is 30 characters long; at most 24 are allowed",
                       hint: "shorten the lab name ('grid-computing-101', 18 characters) or the student names",
                       code: .outOfRange)
    }

    @Test func reportsTheLongestNumberedStudentIDOnce() {
        expectOneError("""
        lab: operating-systems
        students: 12
        nodes: [{ name: head, role: headnode }]
        """, line: 2, column: 11, "instance id 'operating-systems-student12' is 27 characters long", code: .outOfRange)
    }
}
