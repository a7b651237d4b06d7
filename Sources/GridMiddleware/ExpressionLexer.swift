/// One token of a REQUIREMENTS or RANK expression, with its 1-based column.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case integer(Int)
        case string(String)
        /// One of `= != > < & | ! ( ) ; + - * /`.
        case symbol(String)
        case end
    }

    var kind: Kind
    var column: Int

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .identifier(let name): return "'\(name)'"
        case .integer(let value): return "'\(value)'"
        case .string(let text): return "\"\(text)\""
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "the end of the expression"
        }
    }
}

/// Splits an expression into tokens; rejects C-style operators with a hint.
enum ExpressionLexer {
    /// Operators people try from other languages, and what to write instead.
    static let foreignOperators: [String: (message: String, hint: String)] = [
        ">=": ("'>=' is not an operator here", "GridWay has only > and <: write VAR > N-1, or !(VAR < N)"),
        "<=": ("'<=' is not an operator here", "GridWay has only > and <: write VAR < N+1, or !(VAR > N)"),
        "==": ("'==' is not an operator here", "equality is a single '='"),
        "&&": ("'&&' is not an operator here", "'and' is a single '&'"),
        "||": ("'||' is not an operator here", "'or' is a single '|'"),
    ]

    static func tokens(_ text: String, expressionName: String) throws -> [ExpressionToken] {
        let chars = Array(text)
        var tokens: [ExpressionToken] = []
        var i = 0
        func fail(_ message: String, _ column: Int, hint: String? = nil) -> MiddlewareError {
            MiddlewareError(.expressionSyntax, "\(expressionName): \(message)", hint: hint,
                            expression: (text, column))
        }
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            if c.isASCII, c.isLetter || c == "_" {
                let start = i
                while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                tokens.append(.init(kind: .identifier(String(chars[start..<i])), column: column))
            } else if c.isASCII, c.isNumber {
                let start = i
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
                guard let value = Int(String(chars[start..<i])) else {
                    throw fail("the number \(String(chars[start..<i])) is too large", column)
                }
                tokens.append(.init(kind: .integer(value), column: column))
            } else if c == "\"" {
                guard let close = chars[(i + 1)...].firstIndex(of: "\"") else {
                    throw fail("unterminated string", column, hint: "close the string with a double quote")
                }
                tokens.append(.init(kind: .string(String(chars[(i + 1)..<close])), column: column))
                i = close + 1
            } else {
                let pair = i + 1 < chars.count ? String([c, chars[i + 1]]) : ""
                if let foreign = foreignOperators[pair] {
                    throw fail(foreign.message, column, hint: foreign.hint)
                }
                if pair == "!=" {
                    tokens.append(.init(kind: .symbol("!="), column: column))
                    i += 2
                    continue
                }
                guard "=><&|!();+-*/".contains(c) else {
                    throw fail("unexpected character '\(c)'", column)
                }
                tokens.append(.init(kind: .symbol(String(c)), column: column))
                i += 1
            }
        }
        tokens.append(.init(kind: .end, column: chars.count + 1))
        return tokens
    }
}

/// A cursor over tokens shared by the two expression parsers.
struct TokenCursor {
    let tokens: [ExpressionToken]
    let source: String
    let expressionName: String
    var position = 0

    var current: ExpressionToken { tokens[position] }

    mutating func advance() -> ExpressionToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// Consumes the symbol if it is next.
    mutating func take(_ symbol: String) -> Bool {
        guard current.kind == .symbol(symbol) else { return false }
        _ = advance()
        return true
    }

    func error(_ message: String, at token: ExpressionToken? = nil, hint: String? = nil,
               code: MiddlewareError.Code = .expressionSyntax) -> MiddlewareError {
        MiddlewareError(code, "\(expressionName): \(message)", hint: hint,
                        expression: (source, (token ?? current).column))
    }

    /// An optional `;`, then the end of the expression.
    mutating func expectEnd() throws {
        _ = take(";")
        guard current.kind == .end else {
            throw error("unexpected \(current.display)")
        }
    }

    /// A known variable written in the wrong case (`arch`) is a typo, not a generic value.
    func checkCase(of name: String, at token: ExpressionToken) throws {
        guard HostAttributes.kind(of: name) == .generic else { return }
        let known = HostAttributes.stringVariables.union(HostAttributes.integerVariables)
        if let match = known.first(where: { $0.lowercased() == name.lowercased() }) {
            throw error("unknown variable '\(name)'", at: token, hint: "variables are upper case: did you mean '\(match)'?")
        }
    }
}
