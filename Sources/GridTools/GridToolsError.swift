import GridCA

/// A runtime failure of a guest command: what failed, how to fix it, and the library error behind it.
///
/// Printed as Globus prints errors (`Error: <summary>`), followed by the cause and a hint.
public struct GridToolsError: Error, CustomStringConvertible, @unchecked Sendable {
    /// What failed, in the words the Globus tool uses where it has them.
    public var summary: String
    /// How to fix it; when nil, the cause's hint is used.
    public var hint: String?
    /// The GridCA (or system) error that caused this one.
    public var underlying: (any Error)?
    /// The process exit status (1, or 2 for an expired certificate as grid-proxy-init does).
    public var exitCode: Int32

    /// Creates an error.
    public init(_ summary: String, hint: String? = nil, underlying: (any Error)? = nil, exitCode: Int32 = 1) {
        self.summary = summary
        self.hint = hint
        self.underlying = underlying
        self.exitCode = exitCode
    }

    /// The GridCA error code behind this error, if any.
    public var code: GridCAError.Code? { (underlying as? GridCAError)?.code }

    /// The text printed on standard error; `debug` adds the causes of the cause.
    public func rendered(debug: Bool = false) -> String {
        var lines = ["Error: " + summary]
        var hintText = hint
        if let cause = underlying as? GridCAError {
            var detail = cause.message
            if let location = cause.location { detail += " (\(location))" }
            lines.append("       " + detail)
            if debug, let deeper = cause.underlying { lines.append("       caused by: \(deeper)") }
            hintText = hintText ?? cause.hint
        } else if let cause = underlying as? GridToolsError {
            lines.append("       " + cause.summary)
            hintText = hintText ?? cause.hint
        } else if let cause = underlying {
            lines.append("       \(cause)")
        }
        if let hintText { lines.append("hint: " + hintText) }
        if !debug, underlying != nil { lines.append("Use -debug for further information.") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// GridWay's form: `FAILED: <summary>`, the cause indented below, then `hint: ...`.
    public func renderedAsFailure() -> String {
        var lines = ["FAILED: " + summary]
        var hintText = hint
        if let cause = underlying as? GridCAError {
            lines.append("        " + cause.message + (cause.location.map { " (\($0))" } ?? ""))
            hintText = hintText ?? cause.hint
        } else if let cause = underlying as? GridToolsError {
            lines.append("        " + cause.summary)
            hintText = hintText ?? cause.hint
        } else if let cause = underlying {
            lines.append("        \(cause)")
        }
        if let hintText { lines.append("hint: " + hintText) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The rendered text without debug details.
    public var description: String { rendered() }
}

/// Bad command-line input: printed with the short usage, exit status 1.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    /// The option the problem is about (empty for a general problem).
    public var option: String
    /// What is wrong with it.
    public var message: String

    /// Creates a usage error about `option`.
    public init(option: String, _ message: String) {
        self.option = option
        self.message = message
    }

    /// `option -x : message`, as Globus words it.
    public var description: String { option.isEmpty ? message : "option \(option) : \(message)" }
}
