/// Several experts' estimates of one input, pooled linearly (SHELF's linear opinion pool): the
/// mixture F(x) = Σ wᵢ Fᵢ(x) with weights adding up to one.
///
/// Sampling is exact: value i picks expert k from its own word (by the cumulative weights), then
/// draws expert k's estimate from the next word of the spare generator (and further words for a
/// rejection), in the order of the values, so that blocks give the same numbers (which is why
/// the draws are not batched per expert: that would tie the numbers to the block size). The
/// inverse CDF (for Latin hypercube and Sobol' designs, one-way analyses) is solved between the
/// experts' own quantiles, which always bracket the pool's.
public struct PooledDistribution: Distribution {
    public struct Expert: Sendable {
        public var name: String
        public var distribution: any Distribution
        /// The normalised weight.
        public var weight: Double
    }

    public let experts: [Expert]
    /// Cumulative weights, the last exactly 1.
    let cumulative: [Double]
    public let mean: Double
    public let variance: Double

    /// Returns nil without experts, or with weights that are negative or all zero.
    public init?(experts: [(name: String, distribution: any Distribution, weight: Double)]) {
        guard !experts.isEmpty, experts.allSatisfy({ $0.weight >= 0 && $0.weight.isFinite }) else { return nil }
        // Scaled by the largest weight first, so that the sum cannot overflow.
        let largest = experts.map(\.weight).max() ?? 0
        guard largest > 0 else { return nil }
        let total = experts.reduce(0) { $0 + $1.weight / largest }
        self.experts = experts.map { Expert(name: $0.name, distribution: $0.distribution, weight: $0.weight / largest / total) }
        var running = 0.0
        var cumulative = self.experts.map { running += $0.weight; return running }
        cumulative[cumulative.count - 1] = 1
        self.cumulative = cumulative
        let mean = self.experts.reduce(0) { $0 + $1.weight * $1.distribution.mean }
        self.mean = mean
        variance = max(0, self.experts.reduce(0) { $0 + $1.weight * ($1.distribution.variance + $1.distribution.mean * $1.distribution.mean) } - mean * mean)
    }

    @inline(__always)
    func expert(for u: Double) -> Int {
        var k = 0
        while k < cumulative.count - 1, u > cumulative[k] { k += 1 }
        return k
    }

    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 1) { one in
            for i in out.indices {
                let k = expert(for: Xoshiro256PlusPlus.openUnit(words[i]))
                var word = rng.next()
                experts[k].distribution.sample(into: one, words: &word, using: &rng)
                out[i] = one[0]
            }
        }
    }

    public func cdf(_ x: Double) -> Double {
        experts.reduce(0) { $0 + $1.weight * $1.distribution.cdf(x) }
    }

    /// The smallest x with F(x) ≥ p, between the experts' quantiles at p (the pool's lies
    /// between the smallest and the largest of them): regula falsi with the Illinois rule, which
    /// converges superlinearly on a smooth F, with a bisection step whenever an interpolation
    /// gains too little, down to adjacent doubles.
    public func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability outside [0, 1]")
        let qs = experts.map { $0.distribution.quantile(p) }
        var lo = qs.min()!, hi = qs.max()!
        if lo == hi { return lo }
        // Keep F(lo) < p ≤ F(hi) (lo itself may already reach p: then it is the answer).
        var flo = cdf(lo) - p, fhi = cdf(hi) - p
        if flo >= 0 { return lo }
        guard lo.isFinite, hi.isFinite else { return bisect(p, lo, hi) }
        var side = 0
        for step in 0..<400 {
            let width = hi - lo
            var mid = fhi > flo ? lo - flo * width / (fhi - flo) : lo + width / 2
            // Every fourth step, or when the interpolation lands at an end, bisect.
            if step % 4 == 3 || !(mid > lo && mid < hi) { mid = lo + width / 2 }
            if mid <= lo || mid >= hi { break }
            let f = cdf(mid) - p
            if f >= 0 {
                (hi, fhi) = (mid, f)
                if side == 1 { flo /= 2 }
                side = 1
            } else {
                (lo, flo) = (mid, f)
                if side == -1 { fhi /= 2 }
                side = -1
            }
        }
        return hi
    }

    /// Bisection to adjacent doubles (for infinite brackets' finite parts).
    func bisect(_ p: Double, _ low: Double, _ high: Double) -> Double {
        var lo = low, hi = high
        for _ in 0..<2_000 {
            let mid = lo.isFinite && hi.isFinite ? lo + (hi - lo) / 2 : (lo.isFinite ? max(2 * lo, lo + 1) : min(2 * hi, hi - 1))
            if mid <= lo || mid >= hi { break }
            if cdf(mid) >= p { hi = mid } else { lo = mid }
        }
        return hi
    }

    public var support: (lower: Double, upper: Double) {
        (experts.map { $0.distribution.support.lower }.min()!, experts.map { $0.distribution.support.upper }.max()!)
    }

    /// The pool's median.
    public var naturalBase: Double { quantile(0.5) }

    public var description: String {
        "pool(" + experts.map { "\($0.name) \(format($0.weight)): \($0.distribution.description)" }.joined(separator: "; ") + ")"
    }
}
