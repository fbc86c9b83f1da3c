/// An arithmetic expression from a scenario file, as parsed (names not yet resolved).
///
/// `offset` fields are 0-based character positions in the expression text, for error messages.
public indirect enum Expression: Sendable, Equatable {
    case number(Double)
    case name(String, offset: Int)
    case negate(Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(Function, [Expression], offset: Int)

    /// Every name the expression refers to, with its offset.
    public var names: [(name: String, offset: Int)] {
        switch self {
        case .number: return []
        case let .name(name, offset): return [(name, offset)]
        case let .negate(e): return e.names
        case let .binary(_, a, b): return a.names + b.names
        case let .call(_, args, _): return args.flatMap(\.names)
        }
    }

    /// The constant value, when the expression is a plain number.
    public var constantValue: Double? {
        switch self {
        case let .number(v): return v
        case let .negate(e): return e.constantValue.map { -$0 }
        default: return nil
        }
    }
}

/// Binary operators, from lowest to highest precedence group: comparisons, `+ -`, `* /`, `^`.
public enum BinaryOperator: String, Sendable, Equatable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
}

/// The functions an expression may call.
public enum Function: String, Sendable, Equatable, CaseIterable {
    case min, max, abs, exp, log, sqrt, sin, cos, floor, ceil, clamp
    case `if`

    /// The number of arguments: `nil` for variadic (at least two).
    var arity: Int? {
        switch self {
        case .min, .max: return nil
        case .clamp, .if: return 3
        default: return 1
        }
    }

    var signature: String {
        switch self {
        case .min, .max: return "\(rawValue)(a, b, …)"
        case .clamp: return "clamp(x, lo, hi)"
        case .if: return "if(condition, then, else)"
        default: return "\(rawValue)(x)"
        }
    }
}
