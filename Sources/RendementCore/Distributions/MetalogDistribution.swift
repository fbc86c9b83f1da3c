import Foundation

/// Keelin's metalog distribution (Decision Analysis 13(4), 2016): a quantile function that is a
/// series in y and ln(y / (1 − y)), fitted to elicited (probability, value) pairs; unbounded, or
/// bounded below, above or on both sides through a log or logit transform.
///
/// With k terms, M(y) = a1 + a2·L + a3·c·L + a4·c + a5·c² + a6·c²·L + a7·c³ + a8·c³·L + …, where
/// L = ln(y / (1 − y)) and c = y − ½. Written as M(y) = P(c) + L·Q(c), with P holding the terms
/// without L and Q those with it. The quantile function is x = M(y) (unbounded), lower + e^M,
/// upper − e^(−M), or (lower + upper·e^M) / (1 + e^M). With as many terms as pairs the fit
/// reproduces every elicited quantile exactly (up to rounding); with fewer it is least squares.
/// It is a distribution only when M is increasing on (0, 1): `fit` checks this (feasibility).
public struct MetalogDistribution: Distribution {
    /// Coefficients a1 … ak.
    public let coefficients: [Double]
    public let lower: Double?
    public let upper: Double?
    /// The elicited pairs it was fitted to, in increasing probability.
    public let pairs: [(p: Double, x: Double)]
    /// P and Q as polynomials in c (coefficient of c^j at index j).
    let p: [Double]
    let q: [Double]
    public let mean: Double
    public let variance: Double

    /// Why a fit failed, for the message that names the input.
    public enum FitError: Error, Equatable {
        case tooFewPairs, probabilitiesNotIncreasing, valuesNotIncreasing, outsideBounds, singular, infeasible
    }

    /// Fits `terms` terms (default: one per pair) to the pairs (probabilities in (0, 1)). Throws
    /// when the pairs are unusable or the fitted quantile function is not increasing.
    public static func fit(_ pairs: [(p: Double, x: Double)], lower: Double? = nil, upper: Double? = nil, terms: Int? = nil) throws(FitError) -> MetalogDistribution {
        let sorted = pairs.sorted { $0.p < $1.p }
        let k = terms ?? sorted.count
        guard sorted.count >= 2, k >= 2, k <= sorted.count else { throw .tooFewPairs }
        guard zip(sorted, sorted.dropFirst()).allSatisfy({ $0.p < $1.p }), sorted.allSatisfy({ $0.p > 0 && $0.p < 1 }) else { throw .probabilitiesNotIncreasing }
        guard zip(sorted, sorted.dropFirst()).allSatisfy({ $0.x < $1.x }) else { throw .valuesNotIncreasing }
        if let lower, let upper, !(lower < upper) { throw .outsideBounds }
        for pair in sorted {
            if let lower, !(pair.x > lower) { throw .outsideBounds }
            if let upper, !(pair.x < upper) { throw .outsideBounds }
        }
        // The transformed values z, and the basis at each probability.
        let z = sorted.map { transform($0.x, lower: lower, upper: upper) }
        let rows = sorted.map { basis($0.p, terms: k) }
        guard let a = leastSquares(rows, z) else { throw .singular }
        let d = MetalogDistribution(coefficients: a, lower: lower, upper: upper, pairs: sorted)
        guard d.isFeasible else { throw .infeasible }
        return d
    }

    init(coefficients: [Double], lower: Double?, upper: Double?, pairs: [(p: Double, x: Double)]) {
        self.coefficients = coefficients
        self.lower = lower
        self.upper = upper
        self.pairs = pairs
        var p = [Double](repeating: 0, count: coefficients.count), q = p
        for (i, a) in coefficients.enumerated() {
            let (withL, power) = Self.slot(i + 1)
            if withL { q[power] += a } else { p[power] += a }
        }
        self.p = p
        self.q = q
        (mean, variance) = Self.moments(p: p, q: q, lower: lower, upper: upper)
    }

    /// Term k (1-based): whether it carries L, and its power of c.
    static func slot(_ k: Int) -> (withL: Bool, power: Int) {
        switch k {
        case 1: return (false, 0)
        case 2: return (true, 0)
        case 3: return (true, 1)
        case 4: return (false, 1)
        default: return k % 2 == 1 ? (false, (k - 1) / 2) : (true, k / 2 - 1)
        }
    }

    static func basis(_ y: Double, terms: Int) -> [Double] {
        let l = log(y / (1 - y)), c = y - 0.5
        return (1...terms).map { k in
            let (withL, power) = slot(k)
            return pow(c, Double(power)) * (withL ? l : 1)
        }
    }

    static func transform(_ x: Double, lower: Double?, upper: Double?) -> Double {
        switch (lower, upper) {
        case let (l?, u?): return log((x - l) / (u - x))
        case let (l?, nil): return log(x - l)
        case let (nil, u?): return -log(u - x)
        case (nil, nil): return x
        }
    }

    /// Solves the least-squares problem rows · a ≈ z by the normal equations (a handful of terms),
    /// Gaussian elimination with partial pivoting; nil when singular.
    static func leastSquares(_ rows: [[Double]], _ z: [Double]) -> [Double]? {
        let k = rows[0].count
        var m = [[Double]](repeating: [Double](repeating: 0, count: k + 1), count: k)
        for (row, target) in zip(rows, z) {
            for i in 0..<k {
                for j in 0..<k { m[i][j] += row[i] * row[j] }
                m[i][k] += row[i] * target
            }
        }
        for col in 0..<k {
            guard let pivot = (col..<k).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[pivot][col]) > 1e-300 else { return nil }
            m.swapAt(col, pivot)
            for r in 0..<k where r != col {
                let f = m[r][col] / m[col][col]
                if f != 0 { for c in col...k { m[r][c] -= f * m[col][c] } }
            }
        }
        let a = (0..<k).map { m[$0][k] / m[$0][$0] }
        return a.allSatisfy(\.isFinite) ? a : nil
    }

    /// M(y) = P(c) + L·Q(c) (Horner in c).
    @inline(__always)
    func m(_ y: Double) -> Double {
        let c = y - 0.5, l = log(y / (1 - y))
        var pp = 0.0, qq = 0.0
        for j in stride(from: p.count - 1, through: 0, by: -1) { pp = pp * c + p[j]; qq = qq * c + q[j] }
        return pp + l * qq
    }

    @inline(__always)
    func value(ofM m: Double) -> Double {
        switch (lower, upper) {
        case let (l?, u?):
            // (l + u·e^M) / (1 + e^M), written so that neither exponential overflows.
            if m > 0 { let e = exp(-m); return (l * e + u) / (e + 1) }
            let e = exp(m)
            return (l + u * e) / (1 + e)
        case let (l?, nil): return l + exp(m)
        case let (nil, u?): return u - exp(-m)
        case (nil, nil): return m
        }
    }

    /// y(1 − y)·M'(y) = Q(c) + y(1 − y)·(P'(c) + L·Q'(c)): positive wherever the density is.
    func scaledSlope(_ y: Double) -> Double {
        let c = y - 0.5, l = log(y / (1 - y))
        var qq = 0.0, dp = 0.0, dq = 0.0
        for j in stride(from: q.count - 1, through: 0, by: -1) { qq = qq * c + q[j] }
        for j in stride(from: p.count - 1, through: 1, by: -1) { dp = dp * c + Double(j) * p[j] }
        for j in stride(from: q.count - 1, through: 1, by: -1) { dq = dq * c + Double(j) * q[j] }
        return qq + y * (1 - y) * (dp + l * dq)
    }

    /// Whether M increases on all of (0, 1): the slope is checked at 4,001 points spread evenly in
    /// ln(y / (1 − y)) over [−40, 40], and the tails' limits Q(−½) and Q(½) must be positive.
    public var isFeasible: Bool {
        let tails = q.reversed().reduce(0.0) { $0 * -0.5 + $1 } > 0 && q.reversed().reduce(0.0) { $0 * 0.5 + $1 } > 0
        guard tails || q.allSatisfy({ $0 == 0 }) else { return false }
        for i in 0...4000 {
            let t = -40 + 80 * Double(i) / 4000
            let y = 1 / (1 + exp(-t))
            guard y > 0, y < 1 else { continue }
            if !(scaledSlope(y) > 0) { return false }
        }
        return true
    }

    /// Mean and variance by Simpson's rule on t = ln(y / (1 − y)) over [−60, 60] (dy = y(1 − y)·dt);
    /// infinite where a log-transformed tail is too heavy (upper tail exponent Q(½) ≥ 1 for the mean).
    static func moments(p: [Double], q: [Double], lower: Double?, upper: Double?) -> (Double, Double) {
        // A log tail e^(Q(±½)·|t|) against the weight e^(−|t|): the mean exists for Q < 1, the variance for Q < ½.
        let qHi = q.reversed().reduce(0.0) { $0 * 0.5 + $1 }, qLo = q.reversed().reduce(0.0) { $0 * -0.5 + $1 }
        let heavy = (lower != nil && upper == nil) ? qHi : (upper != nil && lower == nil) ? qLo : 0
        if heavy >= 1 { return (lower != nil ? .infinity : -.infinity, .infinity) }
        let d = MetalogDistribution(coefficients: [], lower: lower, upper: upper, p: p, q: q)
        let n = 24_000, a = -60.0, h = 120.0 / Double(n)
        var s1 = 0.0, s2 = 0.0
        for i in 0...n {
            let t = a + Double(i) * h
            let y = 1 / (1 + exp(-t))
            guard y > 0, y < 1 else { continue }
            let w = (i == 0 || i == n) ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)
            let x = d.value(ofM: d.m(y)), dy = y * (1 - y)
            s1 += w * x * dy
            s2 += w * x * x * dy
        }
        let mean = s1 * h / 3, second = s2 * h / 3
        // A tail too wide for a double: say so rather than return a finite number.
        guard mean.isFinite, second.isFinite else { return (mean.isFinite ? mean : .nan, .infinity) }
        return (mean, heavy >= 0.5 ? .infinity : Swift.max(0, second - mean * mean))
    }

    /// A shell for the moment integration (no moments of its own).
    private init(coefficients: [Double], lower: Double?, upper: Double?, p: [Double], q: [Double]) {
        self.coefficients = coefficients
        self.lower = lower
        self.upper = upper
        self.pairs = []
        self.p = p
        self.q = q
        mean = .nan
        variance = .nan
    }

    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus) {
        for i in out.indices { out[i] = value(ofM: m(Xoshiro256PlusPlus.openUnit(words[i]))) }
    }

    public func quantile(_ y: Double) -> Double {
        precondition(y >= 0 && y <= 1, "probability outside [0, 1]")
        if y == 0 { return support.lower }
        if y == 1 { return support.upper }
        return value(ofM: m(y))
    }

    public func quantiles(of probabilities: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<probabilities.count { out[i] = quantile(probabilities[i]) }
    }

    /// F(x): the y with quantile(y) = x, solved on t = ln(y / (1 − y)) by Newton's method on
    /// M(y(t)) = transform(x) (dM/dt is `scaledSlope`, positive for a feasible fit), kept inside
    /// a bracket and bisecting whenever a step would leave it: a handful of steps, not fifty.
    public func cdf(_ x: Double) -> Double {
        if x <= support.lower { return 0 }
        if x >= support.upper { return 1 }
        let z = Self.transform(x, lower: lower, upper: upper)
        var lo = -745.0, hi = 745.0, t = 0.0
        for _ in 0..<300 {
            let y = 1 / (1 + exp(-t))
            let f = y > 0 && y < 1 ? m(y) - z : (y <= 0 ? -Double.infinity : .infinity)
            if f == 0 { break }
            if f < 0 { lo = t } else { hi = t }
            let slope = y > 0 && y < 1 ? scaledSlope(y) : .nan
            var next = t - f / slope
            if !(next > lo && next < hi) { next = lo + (hi - lo) / 2 }
            if next == t || next <= lo || next >= hi || abs(next - t) <= 4e-16 * max(1, abs(t)) { t = next; break }
            t = next
        }
        return 1 / (1 + exp(-t))
    }

    public var support: (lower: Double, upper: Double) { (lower ?? -.infinity, upper ?? .infinity) }
    /// The median, a1 transformed.
    public var naturalBase: Double { quantile(0.5) }
    public var description: String {
        let q = pairs.map { "(\(format($0.p)), \(format($0.x)))" }.joined(separator: ", ")
        var extra = ""
        if let lower { extra += ", lower \(format(lower))" }
        if let upper { extra += ", upper \(format(upper))" }
        if coefficients.count != pairs.count { extra += ", \(coefficients.count) terms" }
        return "metalog(\(q)\(extra))"
    }
}
