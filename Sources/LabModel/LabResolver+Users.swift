extension LabResolver {
    struct ResolvedUser {
        var user: User
        var location: SourceLocation
    }

    /// The lab's users, each once.
    mutating func resolveUsers() -> [ResolvedUser] {
        var seen: [String: SourceLocation] = [:]
        var users: [ResolvedUser] = []
        for entry in labFile.users {
            if let first = seen[entry.name.value] {
                report(.duplicate, at: entry.name.location, "duplicate user '\(entry.name.value)'",
                       hint: "list each user once",
                       notes: [.init("'\(entry.name.value)' is first listed here", at: first)])
                continue
            }
            seen[entry.name.value] = entry.name.location
            users.append(ResolvedUser(user: User(name: entry.name.value, passphrase: entry.passphrase,
                                                 admin: entry.admin),
                                      location: entry.name.location))
        }
        return users
    }

    /// The students of a course (none for a plain lab), each once and none also a user.
    mutating func resolveStudents(users: [ResolvedUser]) -> [Located<String>] {
        let listed: [Located<String>]
        switch labFile.students {
        case nil: return []
        case .count(let count)?:
            listed = (1...count.value).map { Located(value: "student\($0)", location: count.location) }
        case .names(let names)?:
            listed = names
        }
        var seen: [String: SourceLocation] = [:]
        var students: [Located<String>] = []
        for student in listed {
            if let first = seen[student.value] {
                report(.duplicate, at: student.location, "duplicate student '\(student.value)'",
                       hint: "list each student once",
                       notes: [.init("'\(student.value)' is first listed here", at: first)])
                continue
            }
            seen[student.value] = student.location
            if let user = users.first(where: { $0.user.name == student.value }) {
                report(.conflict, at: student.location, "student '\(student.value)' is also listed in 'users'",
                       hint: "each copy already gets its student as a user; remove '\(student.value)' from one list",
                       notes: [.init("user '\(student.value)' is listed here", at: user.location)])
                continue
            }
            students.append(student)
        }
        return students
    }

    /// Rules that only matter when the grid is copied once per student.
    mutating func checkCourse(_ students: [Located<String>]) {
        for (subnet, name) in [(labFile.external.subnet, "external"), (labFile.internalSubnet, "internal")] {
            if let subnet, case .fixed(let cidr) = subnet.value, labFile.external.mode?.value != .bridge || name == "internal" {
                report(.conflict, at: subnet.location,
                       "a course cannot use a fixed \(name) subnet (\(cidr)): each of the \(students.count) "
                       + "student copies needs its own network",
                       hint: "write 'subnet: auto'; vgrid picks a free subnet for each copy")
            }
        }
        guard let lab = labFile.name?.value else { return }
        var reported = Set<SourceLocation>()
        // Last first, so a `students: N` course names its longest id (studentN) once.
        for student in students.reversed() where lab.count + 1 + student.value.count > NameRules.maxInstanceID {
            guard reported.insert(student.location).inserted else { continue }
            let id = "\(lab)-\(student.value)"
            report(.outOfRange, at: student.location,
                   "instance id '\(id)' is \(id.count) characters long; at most \(NameRules.maxInstanceID) are allowed",
                   hint: "shorten the lab name ('\(lab)', \(lab.count) characters) or the student names")
        }
    }
}
