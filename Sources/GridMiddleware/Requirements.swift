/// A parsed REQUIREMENTS expression: a boolean filter over a host's variables.
///
/// Grammar (GridWay's): `VAR = INT | VAR != INT | VAR > INT | VAR < INT | VAR = "glob" |
/// VAR != "glob"`, combined with `&`, `|`, `!` and parentheses, optional trailing `;`;
/// empty means true. There is no `>=` or `<=`.
///
/// Differences from GridWay, chosen on purpose:
/// - Precedence is the usual one: `!` binds tightest, then `&`, then `|`. GridWay's yacc
///   grammar gave all three the same precedence, left to right; the two agree whenever
///   mixed `&`/`|` are parenthesised, which is what the course material does.
/// - A variable the host does not publish makes its comparison false, whatever the
///   operator (`CPU_MHZ > 0`, `ARCH != "x*"` are both false), except that `VAR = ""` is true
///   for a missing or empty VAR. `!(...)` around such a comparison is therefore true.
/// - Comparing a GridWay string variable with a number, or an integer variable with a
///   string, is an error when parsing rather than a silent false.
public struct Requirements: Sendable, Hashable, CustomStringConvertible {
    public enum IntegerComparison: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "!="
        case greater = ">"
        case less = "<"
    }

    /// The expression tree.
    public indirect enum Node: Sendable, Hashable {
        case always
        case integer(variable: String, IntegerComparison, Int)
        case glob(variable: String, negated: Bool, pattern: String)
        case not(Node)
        case and(Node, Node)
        case or(Node, Node)
    }

    /// The text as written.
    public var source: String
    public var root: Node

    /// True for every host (an empty REQUIREMENTS).
    public static let always = Requirements(source: "", root: .always)

    public init(source: String, root: Node) {
        self.source = source
        self.root = root
    }

    /// Parses `text`; a syntax error carries the 1-based column of the failing token.
    public init(parsing text: String) throws {
        var cursor = TokenCursor(tokens: try ExpressionLexer.tokens(text, expressionName: "REQUIREMENTS"),
                                 source: text, expressionName: "REQUIREMENTS")
        if cursor.current.kind == .end || cursor.current.kind == .symbol(";") {
            try cursor.expectEnd()
            self.init(source: text, root: .always)
            return
        }
        let root = try Self.parseOr(&cursor)
        try cursor.expectEnd()
        self.init(source: text, root: root)
    }

    public var description: String { source }

    /// Whether the host passes the filter.
    public func matches(_ host: HostAttributes) -> Bool { Self.evaluate(root, host) }

    static func evaluate(_ node: Node, _ host: HostAttributes) -> Bool {
        switch node {
        case .always:
            return true
        case let .integer(variable, comparison, value):
            guard let actual = host.integer(variable) else { return false }
            switch comparison {
            case .equal: return actual == value
            case .notEqual: return actual != value
            case .greater: return actual > value
            case .less: return actual < value
            }
        case let .glob(variable, negated, pattern):
            guard let actual = host.string(variable) else { return pattern.isEmpty && !negated }
            return Glob.matches(pattern, actual) != negated
        case .not(let inner):
            return !evaluate(inner, host)
        case let .and(left, right):
            return evaluate(left, host) && evaluate(right, host)
        case let .or(left, right):
            return evaluate(left, host) || evaluate(right, host)
        }
    }

    static func parseOr(_ cursor: inout TokenCursor) throws -> Node {
        var node = try parseAnd(&cursor)
        while cursor.take("|") { node = .or(node, try parseAnd(&cursor)) }
        return node
    }

    static func parseAnd(_ cursor: inout TokenCursor) throws -> Node {
        var node = try parseUnary(&cursor)
        while cursor.take("&") { node = .and(node, try parseUnary(&cursor)) }
        return node
    }

    static func parseUnary(_ cursor: inout TokenCursor) throws -> Node {
        if cursor.take("!") { return .not(try parseUnary(&cursor)) }
        if cursor.current.kind == .symbol("(") {
            let open = cursor.advance()
            let inner = try parseOr(&cursor)
            guard cursor.take(")") else {
                throw cursor.error("expected ')' to close the '(' at column \(open.column), found \(cursor.current.display)")
            }
            return inner
        }
        return try parseComparison(&cursor)
    }

    static func parseComparison(_ cursor: inout TokenCursor) throws -> Node {
        let variableToken = cursor.advance()
        guard case .identifier(let name) = variableToken.kind else {
            throw cursor.error("expected a variable such as ARCH or CPU_MHZ, found \(variableToken.display)",
                               at: variableToken)
        }
        try cursor.checkCase(of: name, at: variableToken)
        let operatorToken = cursor.advance()
        guard case .symbol(let symbol) = operatorToken.kind,
              let comparison = IntegerComparison(rawValue: symbol) else {
            throw cursor.error("expected =, !=, > or < after \(name), found \(operatorToken.display)", at: operatorToken)
        }
        let kind = HostAttributes.kind(of: name)
        let valueToken = cursor.current
        switch valueToken.kind {
        case .string(let pattern):
            _ = cursor.advance()
            guard comparison == .equal || comparison == .notEqual else {
                throw cursor.error("\(symbol) compares integers, not strings", at: operatorToken,
                                   hint: "strings take = or != with a glob, such as HOSTNAME = \"worker*\"", code: .typeMismatch)
            }
            if kind == .integer {
                throw cursor.error("\(name) is an integer, not a string", at: valueToken,
                                   hint: "write \(name) \(symbol) 1000, without quotes", code: .typeMismatch)
            }
            return .glob(variable: name, negated: comparison == .notEqual, pattern: pattern)
        case .integer, .symbol("-"):
            let negative = cursor.take("-")
            guard case .integer(let magnitude) = cursor.current.kind else {
                throw cursor.error("expected a number after '-', found \(cursor.current.display)")
            }
            _ = cursor.advance()
            if kind == .string {
                throw cursor.error("\(name) is a string, not an integer", at: valueToken,
                                   hint: "quote the value: \(name) = \"\(negative ? "-" : "")\(magnitude)\"", code: .typeMismatch)
            }
            return .integer(variable: name, comparison, negative ? -magnitude : magnitude)
        default:
            throw cursor.error("expected a number or a \"quoted\" glob after \(name) \(symbol), found \(valueToken.display)",
                               at: valueToken)
        }
    }
}
