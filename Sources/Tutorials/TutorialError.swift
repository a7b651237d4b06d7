/// A problem in a tutorial file or in running it, with the place it refers to.
public struct TutorialError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The Markdown could not be read.
        case unreadable
        /// A checkable block is malformed (unknown attribute, bad value, output before a command).
        case syntax
        /// The tutorial names a node or user the lab lacks, or a placeholder has no value.
        case lab
        /// Running a step failed for a reason other than its output (agent, timeout).
        case run
    }

    public var code: Code
    public var path: String
    public var line: Int?
    public var message: String
    public var hint: String?

    public init(_ code: Code, path: String, line: Int? = nil, _ message: String, hint: String? = nil) {
        self.code = code
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let place = line.map { "\(path):\($0)" } ?? path
        return "\(place): error: \(message)" + (hint.map { "\n  hint: \($0)" } ?? "")
    }
}
