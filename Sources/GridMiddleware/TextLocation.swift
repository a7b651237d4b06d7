/// Where in a text a problem is: a file (or `stdin`), a line and, when known, a column.
public struct TextLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is about the whole file.
    public var line: Int
    /// 1-based; nil when only the line is known.
    public var column: Int?

    public init(file: String, line: Int = 0, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, `file:line` or `file`, like a compiler.
    public var description: String {
        guard line > 0 else { return file }
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }
}
