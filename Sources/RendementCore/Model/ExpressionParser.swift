/// Parses the expression language of scenario files (format version 1).
///
/// Grammar, lowest precedence first (`^` is right-associative and binds tighter than unary minus,
/// so `-2^2` is −4 as in mathematics):
///
///     comparison := additive (('<' | '<=' | '>' | '>=' | '==' | '!=') additive)*
///     additive   := term (('+' | '-') term)*
///     term       := unary (('*' | '/') unary)*
///     unary      := ('-' | '+') unary | power
///     power      := primary (('^' | '**') unary)?
///     primary    := number | name | name '(' comparison (',' comparison)* ')' | '(' comparison ')'
public struct ExpressionParser {
    /// A syntax error at a character offset of the expression text.
    public struct SyntaxError: Error, Sendable, Equatable {
        public var offset: Int
        public var message: String
    }

    private enum Token: Equatable {
        case number(Double), name(String), symbol(String), end
    }

    /// The deepest nesting of parentheses, signs, powers and function calls allowed.
    public static let maxDepth = 64
    /// The most tokens (numbers, names, operators) one expression may have: the compiler walks
    /// the expression tree recursively, and a long chain of operators makes a deep tree.
    public static let maxTokens = 4096

    private let characters: [Character]
    private var tokens: [(token: Token, offset: Int)] = []
    private var index = 0
    private var depth = 0

    /// Parses `text`, or throws the first syntax error with its position.
    public static func parse(_ text: String) throws(SyntaxError) -> Expression {
        var parser = ExpressionParser(text)
        try parser.tokenize()
        let expression = try parser.comparison()
        if case let (token, offset) = parser.tokens[parser.index], token != .end {
            throw SyntaxError(offset: offset, message: "unexpected \(describe(token)) after a complete expression")
        }
        return expression
    }

    private init(_ text: String) { characters = Array(text) }

    private mutating func tokenize() throws(SyntaxError) {
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c.isWhitespace { i += 1; continue }
            if c.isNumber || (c == "." && i + 1 < characters.count && characters[i + 1].isNumber) {
                let start = i
                while i < characters.count, characters[i].isNumber || characters[i] == "." || characters[i] == "_" { i += 1 }
                if i < characters.count, characters[i] == "e" || characters[i] == "E" {
                    var j = i + 1
                    if j < characters.count, characters[j] == "+" || characters[j] == "-" { j += 1 }
                    if j < characters.count, characters[j].isNumber {
                        i = j
                        while i < characters.count, characters[i].isNumber { i += 1 }
                    }
                }
                let literal = String(characters[start..<i]).replacingOccurrences(of: "_", with: "")
                guard let value = Double(literal) else {
                    throw SyntaxError(offset: start, message: "'\(String(characters[start..<i]))' is not a number")
                }
                tokens.append((.number(value), start))
                continue
            }
            if c.isLetter || c == "_" {
                let start = i
                while i < characters.count, characters[i].isLetter || characters[i].isNumber || characters[i] == "_" { i += 1 }
                tokens.append((.name(String(characters[start..<i])), start))
                continue
            }
            let two = i + 1 < characters.count ? String([c, characters[i + 1]]) : ""
            if ["<=", ">=", "==", "!=", "**"].contains(two) {
                tokens.append((.symbol(two == "**" ? "^" : two), i))
                i += 2
                continue
            }
            if "+-*/^()<>,".contains(c) {
                tokens.append((.symbol(String(c)), i))
                i += 1
                continue
            }
            if c == "=" {
                throw SyntaxError(offset: i, message: "'=' is not an operator; use '==' to compare")
            }
            throw SyntaxError(offset: i, message: "unexpected character '\(c)'")
        }
        tokens.append((.end, characters.count))
        if tokens.count - 1 > Self.maxTokens {
            throw SyntaxError(offset: tokens[Self.maxTokens].offset,
                              message: "the expression has more than \(Self.maxTokens) numbers, names and operators; split it into derived values")
        }
    }

    private static func describe(_ token: Token) -> String {
        switch token {
        case let .number(v): return "number \(v)"
        case let .name(n): return "name '\(n)'"
        case let .symbol(s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    private var current: (token: Token, offset: Int) { tokens[index] }

    private mutating func accept(_ symbol: String) -> Bool {
        if current.token == .symbol(symbol) { index += 1; return true }
        return false
    }

    private mutating func comparison() throws(SyntaxError) -> Expression {
        var left = try additive()
        while case let .symbol(s) = current.token, let op = BinaryOperator(rawValue: s),
              [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual].contains(op) {
            index += 1
            left = .binary(op, left, try additive())
        }
        return left
    }

    private mutating func additive() throws(SyntaxError) -> Expression {
        var left = try term()
        while true {
            if accept("+") { left = .binary(.add, left, try term()) }
            else if accept("-") { left = .binary(.subtract, left, try term()) }
            else { return left }
        }
    }

    private mutating func term() throws(SyntaxError) -> Expression {
        var left = try unary()
        while true {
            if accept("*") { left = .binary(.multiply, left, try unary()) }
            else if accept("/") { left = .binary(.divide, left, try unary()) }
            else { return left }
        }
    }

    private mutating func unary() throws(SyntaxError) -> Expression {
        // Every nesting (parentheses, signs, powers, call arguments) passes through here.
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            throw SyntaxError(offset: current.offset, message: "the expression nests deeper than \(Self.maxDepth) levels (parentheses, signs, powers, function calls)")
        }
        if accept("-") { return .negate(try unary()) }
        if accept("+") { return try unary() }
        return try power()
    }

    private mutating func power() throws(SyntaxError) -> Expression {
        let base = try primary()
        if accept("^") { return .binary(.power, base, try unary()) }
        return base
    }

    private mutating func primary() throws(SyntaxError) -> Expression {
        let (token, offset) = current
        switch token {
        case let .number(v):
            index += 1
            return .number(v)
        case let .name(name):
            index += 1
            guard accept("(") else { return .name(name, offset: offset) }
            guard let function = Function(rawValue: name) else {
                let hint = Suggest.closest(to: name, in: Function.allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
                throw SyntaxError(offset: offset, message: "unknown function '\(name)'\(hint); the functions are \(Function.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var arguments: [Expression] = []
            if !accept(")") {
                repeat { arguments.append(try comparison()) } while accept(",")
                guard accept(")") else {
                    throw SyntaxError(offset: current.offset, message: "expected ',' or ')' in the call of \(function.rawValue), found \(Self.describe(current.token))")
                }
            }
            if let arity = function.arity, arguments.count != arity {
                throw SyntaxError(offset: offset, message: "\(function.signature) takes \(arity) argument\(arity == 1 ? "" : "s"), found \(arguments.count)")
            }
            if function.arity == nil, arguments.count < 2 {
                throw SyntaxError(offset: offset, message: "\(function.signature) takes at least 2 arguments, found \(arguments.count)")
            }
            return .call(function, arguments, offset: offset)
        case .symbol("("):
            index += 1
            let inner = try comparison()
            guard accept(")") else {
                throw SyntaxError(offset: current.offset, message: "expected ')', found \(Self.describe(current.token))")
            }
            return inner
        default:
            throw SyntaxError(offset: offset, message: "expected a number, a name or '(', found \(Self.describe(token))")
        }
    }
}
