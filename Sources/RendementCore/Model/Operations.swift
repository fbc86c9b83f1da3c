import Foundation

/// Element-wise operations of the compiled model. Each has one scalar definition, `apply`, used
/// both for constant folding at compile time and (inlined) in the batch loops, so a folded
/// constant is bit-identical to the value the loop would compute.
enum UnaryOp: UInt8, Sendable, Hashable {
    case negate, abs, exp, log, sqrt, sin, cos, floor, ceil

    @inline(__always)
    func apply(_ x: Double) -> Double {
        switch self {
        case .negate: return -x
        case .abs: return Swift.abs(x)
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .sqrt: return x.squareRoot()
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .floor: return x.rounded(.down)
        case .ceil: return x.rounded(.up)
        }
    }
}

enum BinaryOp: UInt8, Sendable, Hashable {
    case add, subtract, multiply, divide, power, min, max
    case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual

    @inline(__always)
    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .power: return Foundation.pow(a, b)
        case .min: return b < a ? b : a
        case .max: return b > a ? b : a
        case .less: return a < b ? 1 : 0
        case .lessOrEqual: return a <= b ? 1 : 0
        case .greater: return a > b ? 1 : 0
        case .greaterOrEqual: return a >= b ? 1 : 0
        case .equal: return a == b ? 1 : 0
        case .notEqual: return a != b ? 1 : 0
        }
    }
}

enum TernaryOp: UInt8, Sendable, Hashable {
    /// `if(c, a, b)`: a where c ≠ 0, else b.
    case select
    /// `clamp(x, lo, hi)` = min(max(x, lo), hi).
    case clamp

    @inline(__always)
    func apply(_ x: Double, _ y: Double, _ z: Double) -> Double {
        switch self {
        case .select: return x != 0 ? y : z
        case .clamp:
            let low = y > x ? y : x
            return z < low ? z : low
        }
    }
}

/// Present value of a yearly stream: Σ_{t < count} (1 − decay)^t / (1 + rate)^(start + t).
///
/// Computed by recurrence (one division per year) rather than `pow`, identically for constant
/// folding and per sample. `count` is already cut to the horizon.
@inline(__always)
func presentValueFactor(rate: Double, decay: Double, start: Int, count: Int) -> Double {
    let growth = 1 + rate
    var weight = 1.0
    for _ in 0..<start { weight /= growth }
    var keep = 1.0, sum = 0.0
    for _ in 0..<count {
        sum += keep * weight
        keep *= 1 - decay
        weight /= growth
    }
    return sum
}
