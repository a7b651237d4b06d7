/// A Globus `<hash>.signing_policy` file: which subjects a CA may sign.
public struct SigningPolicy: Sendable, Equatable {
    /// The CA subject in one-line form.
    public var caSubject: String
    /// Glob patterns of subjects the CA may sign, e.g. `/O=Grid/OU=GlobusTest/OU=simpleCA-head/*`.
    public var allowedSubjects: [String]

    /// Creates a policy for a CA.
    public init(caSubject: String, allowedSubjects: [String]) {
        self.caSubject = caSubject
        self.allowedSubjects = allowedSubjects
    }

    /// The file text, in SimpleCA's layout (patterns double-quoted inside single quotes).
    public var text: String {
        let patterns = allowedSubjects.map { "\"\($0)\"" }.joined(separator: " ")
        return """
            access_id_CA      X509         '\(caSubject)'
            pos_rights        globus        CA:sign
            cond_subjects     globus       '\(patterns)'

            """
    }

    /// Whether `subject` (one-line form) matches one of the allowed patterns (`*` matches any run of characters).
    public func allows(_ subject: String) -> Bool {
        allowedSubjects.contains { Self.glob($0[...], matches: subject[...]) }
    }

    static func glob(_ pattern: Substring, matches text: Substring) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            let rest = pattern.dropFirst()
            var suffix = text[...]
            while true {
                if glob(rest, matches: suffix) { return true }
                if suffix.isEmpty { return false }
                suffix = suffix.dropFirst()
            }
        }
        guard let character = text.first, character == first || (first == "?") else { return false }
        return glob(pattern.dropFirst(), matches: text.dropFirst())
    }
}
