/// One problem found in a lab file, printed like a compiler message:
///
///     labs/x.yaml:12:5: error: unknown key 'memroy' in node
///       hint: did you mean 'memory'?
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; stable, for tests and machine-readable output.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The file could not be read.
        case unreadable
        /// The YAML itself is malformed (indentation, quoting, tabs, repeated keys).
        case syntax
        /// The file holds no document.
        case empty
        /// A key that this section does not know (often a typo).
        case unknownKey
        /// A required key is absent.
        case missingKey
        /// A value of the wrong YAML type (a list where a number belongs, ...).
        case wrongType
        /// A value of the right type that is not acceptable (bad name, unit, CIDR, ...).
        case invalidValue
        /// A number outside its allowed range.
        case outOfRange
        /// Something declared twice (node, user, student).
        case duplicate
        /// Keys or sections that contradict each other.
        case conflict
        /// A node has less memory than its image needs (`LabChecks.memory`).
        case insufficientMemory
        /// A node names an image that the catalogue does not have (`LabChecks.images`).
        case unknownImage
    }

    /// A secondary position that explains the error ("first defined here").
    public struct Note: Sendable, Hashable, CustomStringConvertible {
        public var location: SourceLocation
        public var message: String

        public init(_ message: String, at location: SourceLocation) {
            self.message = message
            self.location = location
        }

        public var description: String { "\(location): note: \(message)" }
    }

    public var code: Code
    public var file: String
    public var line: Int
    public var column: Int
    /// What is wrong, naming the key or value.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?
    public var notes: [Note]

    public init(_ code: Code, at location: SourceLocation, _ message: String,
                hint: String? = nil, notes: [Note] = []) {
        self.code = code
        self.file = location.file
        self.line = location.line
        self.column = location.column
        self.message = message
        self.hint = hint
        self.notes = notes
    }

    public var location: SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// The compiler-style text: the error line, then `  hint:` and any notes.
    public var description: String {
        var lines = ["\(location): error: \(message)"]
        if let hint { lines.append("  hint: \(hint)") }
        lines += notes.map(\.description)
        return lines.joined(separator: "\n")
    }
}
