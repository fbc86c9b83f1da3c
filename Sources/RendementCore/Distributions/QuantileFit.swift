import Foundation

/// Distributions fitted to elicited quantiles: the metalog (exact with as many terms as pairs),
/// and the least-squares PERT, lognormal and beta (the parameters minimising the squared
/// differences between the distribution's quantiles and the elicited values, by Nelder–Mead).
public enum QuantileFit {
    public enum Family: String, Sendable, CaseIterable {
        case metalog, pert, lognormal, beta
    }

    /// A fitted distribution and how far its quantiles are from the elicited values.
    public struct Candidate: Sendable {
        public var family: Family
        public var distribution: any Distribution
        /// Root mean square and largest absolute difference at the elicited probabilities.
        public var rmse: Double
        public var maxError: Double
    }

    /// Every family that can be fitted to these pairs (metalog when feasible; lognormal for
    /// positive values; beta when both bounds are known), best first by `rmse`.
    public static func candidates(_ pairs: [(p: Double, x: Double)], lower: Double?, upper: Double?) -> [Candidate] {
        Family.allCases.compactMap { fit($0, pairs, lower: lower, upper: upper) }.sorted { $0.rmse < $1.rmse }
    }

    /// The least-squares (or, for the metalog, exact) fit of one family, or nil when it cannot be fitted.
    public static func fit(_ family: Family, _ pairs: [(p: Double, x: Double)], lower: Double?, upper: Double?) -> Candidate? {
        let pairs = pairs.sorted { $0.p < $1.p }
        guard pairs.count >= 2, let first = pairs.first, let last = pairs.last else { return nil }
        let distribution: (any Distribution)?
        switch family {
        case .metalog:
            distribution = try? MetalogDistribution.fit(pairs, lower: lower, upper: upper)
        case .pert:
            let span = last.x - first.x
            let lo0 = lower ?? first.x - 0.5 * span, hi0 = upper ?? last.x + 0.5 * span
            let medianX = pairs.min { abs($0.p - 0.5) < abs($1.p - 0.5) }!.x
            func make(_ t: [Double]) -> PertDistribution? {
                let lo = lower ?? t[0]
                let hi = upper ?? lo + exp(t[1])
                return PertDistribution(min: lo, mode: lo + (hi - lo) / (1 + exp(-t[2])), max: hi)
            }
            let start = [lo0, log(hi0 - lo0), logit((medianX - lo0) / (hi0 - lo0))]
            distribution = minimise(start, steps: [0.1 * span, 0.2, 0.5]) { sse(make($0), pairs) }.flatMap(make)
        case .lognormal:
            guard first.x > 0, (lower ?? 0) <= 0, upper == nil else { return nil }
            // Start from the regression of ln x on the normal quantiles.
            let z = pairs.map { StandardNormal.quantile($0.p) }, l = pairs.map { log($0.x) }
            let zm = z.reduce(0, +) / Double(z.count), lm = l.reduce(0, +) / Double(l.count)
            let slope = zip(z, l).reduce(0) { $0 + ($1.0 - zm) * ($1.1 - lm) } / max(1e-12, z.reduce(0) { $0 + ($1 - zm) * ($1 - zm) })
            func make(_ t: [Double]) -> LognormalDistribution? { LognormalDistribution(mu: t[0], sigma: exp(t[1])) }
            distribution = minimise([lm - slope * zm, log(max(slope, 1e-3))], steps: [0.1, 0.1]) { sse(make($0), pairs) }.flatMap(make)
        case .beta:
            guard let lower, let upper else { return nil }
            // Shapes kept within [0.05, 10^4], where the incomplete beta is accurate and fast.
            func shape(_ x: Double) -> Double { exp(Swift.min(Swift.max(x, log(0.05)), log(1e4))) }
            func make(_ t: [Double]) -> BetaDistribution? { BetaDistribution(alpha: shape(t[0]), beta: shape(t[1]), min: lower, max: upper) }
            distribution = minimise([log(2), log(2)], steps: [0.5, 0.5]) { sse(make($0), pairs) }.flatMap(make)
        }
        guard let distribution else { return nil }
        let errors = pairs.map { distribution.quantile($0.p) - $0.x }
        return Candidate(family: family, distribution: distribution,
                         rmse: (errors.reduce(0) { $0 + $1 * $1 } / Double(errors.count)).squareRoot(),
                         maxError: errors.map(abs).max() ?? 0)
    }

    static func logit(_ y: Double) -> Double {
        let c = min(max(y, 1e-6), 1 - 1e-6)
        return log(c / (1 - c))
    }

    /// Sum of squared differences between the distribution's quantiles and the values (∞ when undefined).
    static func sse(_ d: (any Distribution)?, _ pairs: [(p: Double, x: Double)]) -> Double {
        guard let d else { return .infinity }
        let s = pairs.reduce(0.0) { let e = d.quantile($1.p) - $1.x; return $0 + e * e }
        return s.isFinite ? s : .infinity
    }

    /// Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½) from `start`, the simplex
    /// spanned by `steps`; stops when the values at the simplex's corners agree to 1e-15 of the
    /// best, the simplex has shrunk below 1e-11 (relative), or after 5,000 iterations. Deterministic.
    static func minimise(_ start: [Double], steps: [Double], _ f: ([Double]) -> Double) -> [Double]? {
        let n = start.count
        var simplex = [start] + (0..<n).map { i in var p = start; p[i] += steps[i]; return p }
        var values = simplex.map(f)
        for _ in 0..<5_000 {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            // Converged when the corners' values agree, or the simplex has shrunk to rounding.
            if values[n] - values[0] <= 1e-13 * abs(values[0]) + 1e-300 { break }
            let size = (1...n).map { i in (0..<n).map { abs(simplex[i][$0] - simplex[0][$0]) / max(1, abs(simplex[0][$0])) }.max()! }.max()!
            if size < 1e-11 { break }
            let centroid = (0..<n).map { j in simplex[0..<n].reduce(0) { $0 + $1[j] } / Double(n) }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1), fr = f(reflected)
            if fr < values[0] {
                let expanded = along(-2), fe = f(expanded)
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr)
            } else if fr < values[n - 1] {
                (simplex[n], values[n]) = (reflected, fr)
            } else {
                let contracted = fr < values[n] ? along(-0.5) : along(0.5), fc = f(contracted)
                if fc < min(fr, values[n]) {
                    (simplex[n], values[n]) = (contracted, fc)
                } else {
                    for i in 1...n {
                        simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = f(simplex[i])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return values[best].isFinite ? simplex[best] : nil
    }
}
