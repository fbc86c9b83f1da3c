import Foundation

/// Conservative bounds of every node of a model graph, from the supports of the inputs.
/// Used to catch shares outside [0, 1] and impossible discount rates before sampling.
///
/// Node ids are a topological order and a graph only grows, so the bounds computed so far are
/// kept and each call computes only the nodes added since: checking every line of a scenario
/// costs time linear in its size, not quadratic.
struct IntervalAnalysis {
    typealias Interval = (lower: Double, upper: Double)
    private var r: [Interval] = []

    /// The bounds of node `target` of `graph`, whose input `i` lies within `supports[i]`.
    mutating func range(of target: Int, in graph: ModelGraph, supports: (Int) -> Interval) -> Interval {
        guard target >= r.count else { return r[target] }
        for id in r.count...target {
            r.append((-.infinity, .infinity))
            switch graph.nodes[id] {
            case let .constant(bits): let v = Double(bitPattern: bits); r[id] = (v, v)
            case let .input(i): r[id] = supports(i)
            case let .unary(op, a): r[id] = unary(op, r[a])
            case let .binary(op, a, b): r[id] = binary(op, r[a], r[b])
            case let .ternary(op, a, b, c):
                switch op {
                case .select: r[id] = (min(r[b].lower, r[c].lower), max(r[b].upper, r[c].upper))
                case .clamp: r[id] = (op.apply(r[a].lower, r[b].lower, r[c].lower), op.apply(r[a].upper, r[b].upper, r[c].upper))
                }
            case .presentValue: r[id] = (0, .infinity)
            }
            if r[id].lower.isNaN || r[id].upper.isNaN { r[id] = (-.infinity, .infinity) }
        }
        return r[target]
    }

    private func unary(_ op: UnaryOp, _ x: Interval) -> Interval {
        switch op {
        case .negate: return (-x.upper, -x.lower)
        case .abs: return x.lower >= 0 ? x : x.upper <= 0 ? (-x.upper, -x.lower) : (0, max(-x.lower, x.upper))
        case .exp, .floor, .ceil: return (op.apply(x.lower), op.apply(x.upper))
        case .log, .sqrt: return x.lower >= 0 ? (op.apply(x.lower), op.apply(x.upper)) : (-.infinity, .infinity)
        case .sin, .cos: return (-1, 1)
        }
    }

    private func binary(_ op: BinaryOp, _ x: Interval, _ y: Interval) -> Interval {
        func hull(_ values: [Double]) -> Interval {
            let finite = values.map { $0.isNaN ? 0 : $0 }
            return (finite.min()!, finite.max()!)
        }
        switch op {
        case .add: return (x.lower + y.lower, x.upper + y.upper)
        case .subtract: return (x.lower - y.upper, x.upper - y.lower)
        case .multiply: return hull([x.lower * y.lower, x.lower * y.upper, x.upper * y.lower, x.upper * y.upper])
        case .divide:
            if y.lower <= 0 && y.upper >= 0 { return (-.infinity, .infinity) }
            return hull([x.lower / y.lower, x.lower / y.upper, x.upper / y.lower, x.upper / y.upper])
        case .power:
            // For x ≥ 0, x^y is monotone in x for fixed y and in y for fixed x: its extremes over
            // the box lie at the corners (unless a negative power of zero makes it unbounded).
            guard x.lower >= 0 else { return (-.infinity, .infinity) }
            if x.lower == 0, y.lower < 0 { return (0, .infinity) }
            guard x.upper.isFinite, y.lower.isFinite, y.upper.isFinite else { return (0, .infinity) }
            return hull([pow(x.lower, y.lower), pow(x.lower, y.upper), pow(x.upper, y.lower), pow(x.upper, y.upper)])
        case .min: return (min(x.lower, y.lower), min(x.upper, y.upper))
        case .max: return (max(x.lower, y.lower), max(x.upper, y.upper))
        default: return (0, 1)
        }
    }
}
