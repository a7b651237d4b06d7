import Foundation

/// The one error type of GridMiddleware: what failed, how to fix it, and where.
public struct MiddlewareError: Error, CustomStringConvertible, @unchecked Sendable {
    /// A stable identifier of the failure, for tests and for the commands' exit paths.
    public enum Code: String, Sendable, CaseIterable {
        /// A line that is not `KEY = value` (or a DAG line that is not a known statement).
        case syntax
        /// A key that this file does not know (often a typo).
        case unknownKey
        /// A key that needs a value or an index it does not have.
        case missingValue
        /// A required key is absent (EXECUTABLE).
        case missingKey
        /// A value of the wrong shape or out of range.
        case invalidValue
        /// A REQUIREMENTS or RANK expression that does not parse.
        case expressionSyntax
        /// A variable used with the wrong kind of value (`ARCH > 3`, `CPU_MHZ = "x"`).
        case typeMismatch
        /// A staged file name that could leave the job's directory.
        case unsafePath
        /// A name defined twice (DAG job).
        case duplicateName
        /// A name used but never defined (DAG job in PARENT or SCRIPT).
        case unknownName
        /// The DAG's dependencies loop.
        case dependencyCycle
        /// A request or event that the job's current state does not allow.
        case wrongJobState
        /// A `gwps -o` column letter that does not exist.
        case invalidColumns
        /// A file that cannot be read (missing, unreadable, not text).
        case unreadableFile
    }

    public var code: Code
    /// What failed, in one sentence, naming the key or value.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?
    /// The file position, when the error is about a file.
    public var location: TextLocation?
    /// The expression text and the 1-based column of the failure in it, for a `^` display.
    public var expression: (text: String, column: Int)?
    /// The error that caused this one, when there is one.
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, hint: String? = nil, at location: TextLocation? = nil,
                expression: (text: String, column: Int)? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
        self.expression = expression
        self.underlying = underlying
    }

    /// Compiler-style text: `file:line: error: message`, the expression with a `^` under
    /// the failing column when there is one, then `  hint: ...`.
    public var description: String {
        var lines = [location.map { "\($0): error: \(message)" } ?? "error: \(message)"]
        if let expression {
            lines += ExpressionCaret.render(expression.text, column: expression.column)
                .split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        if let underlying { lines.append("  cause: \(underlying)") }
        if let hint { lines.append("  hint: \(hint)") }
        return lines.joined(separator: "\n")
    }
}

/// Something accepted but worth telling the user (a GridWay key that vgrid ignores, a key set twice).
public struct MiddlewareWarning: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var location: TextLocation

    public init(_ message: String, at location: TextLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): warning: \(message)" }
}

/// The two-line display of an expression error: the text, then a `^` under the column.
public enum ExpressionCaret {
    /// The expression, a newline, then a `^` under the 1-based `column`. Tabs before the
    /// column are copied so that the caret lines up in a terminal.
    public static func render(_ text: String, column: Int) -> String {
        let before = text.prefix(max(0, column - 1))
        let padding = String(before.map { $0 == "\t" ? "\t" : " " })
        let extra = String(repeating: " ", count: max(0, column - 1 - before.count))
        return text + "\n" + padding + extra + "^"
    }
}
