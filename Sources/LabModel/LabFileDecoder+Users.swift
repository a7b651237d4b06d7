import Yams

extension LabFileDecoder {
    static let userKeys = ["name", "passphrase", "admin"]
    static let studentRange = 1...100

    mutating func userEntries(_ node: YAMLNode) -> [UserEntry] {
        guard let items = list(node, for: "users", example: "alice") else { return [] }
        return items.compactMap { userEntry($0) }
    }

    mutating func userEntry(_ node: YAMLNode) -> UserEntry? {
        if case .scalar = node {
            return userName(node, for: "users").map { UserEntry(name: $0, passphrase: nil, admin: false) }
        }
        guard let section = fields(node, in: "user", allowed: Self.userKeys) else { return nil }
        require("name", in: section, section: "user", example: "name: alice")
        var passphrase: String?
        if let node = section["passphrase"], let text = string(node, for: "passphrase") {
            // OpenSSL refuses to encrypt a private key with a shorter passphrase.
            if text.value.count < 4 {
                report(.invalidValue, at: text.location, "'passphrase' must be at least 4 characters long",
                       hint: "or leave it out and vgrid generates one")
            } else {
                passphrase = text.value
            }
        }
        let admin = section["admin"].flatMap { bool($0, for: "admin") } ?? false
        guard let node = section["name"], let name = userName(node, for: "name") else { return nil }
        return UserEntry(name: name, passphrase: passphrase, admin: admin)
    }

    mutating func userName(_ node: YAMLNode, for key: String) -> Located<String>? {
        guard let name = string(node, for: key) else { return nil }
        guard let problem = NameRules.userNameProblem(name.value) else { return name }
        let hint = NameRules.reservedUserNames.contains(name.value)
            ? "pick another name: system accounts already exist on every node"
            : "user names are POSIX login names: lower-case letters, digits, '_' and '-'"
        report(.invalidValue, at: name.location, "invalid user name '\(name.value)': \(problem)", hint: hint)
        return nil
    }

    /// `students: 3` or `students: [ana, ben]`.
    mutating func students(_ node: YAMLNode) -> StudentsEntry? {
        if case .scalar = node, node.tagName == .int {
            return int(node, for: "students", in: Self.studentRange).map(StudentsEntry.count)
        }
        if case .scalar = node {
            report(.wrongType, at: location(node),
                   "expected a number of students or a list of names for 'students', got \(node.shortDescription)",
                   hint: "write e.g. 'students: 3' or 'students: [ana, ben]'")
            return nil
        }
        guard let items = list(node, for: "students", example: "ana") else { return nil }
        if items.isEmpty {
            report(.invalidValue, at: location(node), "'students' is empty",
                   hint: "list the students' names, give their number, or remove 'students:' for a plain lab")
            return nil
        }
        return .names(items.compactMap { studentName($0) })
    }

    /// A student becomes a user and part of an instance id, so both rules apply.
    mutating func studentName(_ node: YAMLNode) -> Located<String>? {
        guard let name = string(node, for: "students") else { return nil }
        let problem = NameRules.dnsLabelProblem(name.value, maxLength: NameRules.maxUserName)
            ?? NameRules.userNameProblem(name.value)
        guard let problem else { return name }
        report(.invalidValue, at: name.location, "invalid student name '\(name.value)': \(problem)",
               hint: "student names are login names and part of VM names: lower-case letters, digits and '-'")
        return nil
    }
}
