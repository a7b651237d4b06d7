/// A parsed RANK expression: integer arithmetic over a host's variables; higher is better.
///
/// Grammar: integers and variables combined with `+ - * /`, unary minus and parentheses;
/// optional trailing `;`; empty means the host's fixed priority (GridWay's rule).
///
/// Evaluation never fails for a host: a variable the host does not publish (or a generic
/// value that is not a number) counts as 0, division by zero gives 0, and overflow wraps.
/// A GridWay string variable (`ARCH`) in a RANK is an error when parsing.
public struct RankExpression: Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    public indirect enum Node: Sendable, Hashable {
        case integer(Int)
        case variable(String)
        case negate(Node)
        case binary(Operator, Node, Node)
    }

    /// The text as written.
    public var source: String
    /// Nil for an empty expression.
    public var root: Node?

    public init(source: String, root: Node?) {
        self.source = source
        self.root = root
    }

    /// Parses `text`; a syntax error carries the 1-based column of the failing token.
    public init(parsing text: String) throws {
        var cursor = TokenCursor(tokens: try ExpressionLexer.tokens(text, expressionName: "RANK"),
                                 source: text, expressionName: "RANK")
        if cursor.current.kind == .end || cursor.current.kind == .symbol(";") {
            try cursor.expectEnd()
            self.init(source: text, root: nil)
            return
        }
        let root = try Self.parseSum(&cursor)
        try cursor.expectEnd()
        self.init(source: text, root: root)
    }

    public var description: String { source }

    /// The rank of `host`; `hostPriority` when the expression is empty.
    public func evaluate(_ host: HostAttributes, hostPriority: Int) -> Int {
        guard let root else { return hostPriority }
        return Self.evaluate(root, host)
    }

    static func evaluate(_ node: Node, _ host: HostAttributes) -> Int {
        switch node {
        case .integer(let value): return value
        case .variable(let name): return host.integer(name) ?? 0
        case .negate(let inner): return 0 &- evaluate(inner, host)
        case let .binary(op, left, right):
            let a = evaluate(left, host), b = evaluate(right, host)
            switch op {
            case .add: return a &+ b
            case .subtract: return a &- b
            case .multiply: return a &* b
            case .divide:
                guard b != 0 else { return 0 }
                let (quotient, overflow) = a.dividedReportingOverflow(by: b)
                return overflow ? a : quotient
            }
        }
    }

    static func parseSum(_ cursor: inout TokenCursor) throws -> Node {
        var node = try parseProduct(&cursor)
        while true {
            if cursor.take("+") { node = .binary(.add, node, try parseProduct(&cursor)) }
            else if cursor.take("-") { node = .binary(.subtract, node, try parseProduct(&cursor)) }
            else { return node }
        }
    }

    static func parseProduct(_ cursor: inout TokenCursor) throws -> Node {
        var node = try parseUnary(&cursor)
        while true {
            if cursor.take("*") { node = .binary(.multiply, node, try parseUnary(&cursor)) }
            else if cursor.take("/") { node = .binary(.divide, node, try parseUnary(&cursor)) }
            else { return node }
        }
    }

    static func parseUnary(_ cursor: inout TokenCursor) throws -> Node {
        if cursor.take("-") { return .negate(try parseUnary(&cursor)) }
        let token = cursor.advance()
        switch token.kind {
        case .integer(let value):
            return .integer(value)
        case .identifier(let name):
            try cursor.checkCase(of: name, at: token)
            if HostAttributes.kind(of: name) == .string {
                throw cursor.error("\(name) is a string; RANK adds and multiplies integers", at: token,
                                   hint: "use integer variables such as CPU_MHZ or FREE_MEM_MB", code: .typeMismatch)
            }
            return .variable(name)
        case .symbol("("):
            let inner = try parseSum(&cursor)
            guard cursor.take(")") else {
                throw cursor.error("expected ')' to close the '(' at column \(token.column), found \(cursor.current.display)")
            }
            return inner
        case .string:
            throw cursor.error("RANK takes numbers and variables, not strings", at: token, code: .typeMismatch)
        default:
            throw cursor.error("expected a number, a variable or '(', found \(token.display)", at: token)
        }
    }
}
