/// The beta distribution Beta(alpha, beta), scaled from [0, 1] to [min, max]:
/// X = min + (max − min)·B.
///
/// F(x) = I_u(α, β) with u = (x − min)/(max − min) (`IncompleteBeta`); F⁻¹ by the inverse
/// incomplete beta, through the complement for p > ½ so both tails keep their precision.
/// Mean min + w·α/(α + β), variance w²·αβ/((α + β)²(α + β + 1)), w = max − min. Sampled exactly
/// by table-guided rejection when 1 ≤ α, β and α + β ≤ 64 (`BetaTableSampler`: every PERT), else
/// as G_α/(G_α + G_β) (`BetaSampler`).
public struct BetaDistribution: Distribution {
    /// The first shape, α > 0.
    public let alpha: Double
    /// The second shape, β > 0.
    public let beta: Double
    /// The lower end of the scaled support (0 for the standard beta).
    public let min: Double
    /// The upper end of the scaled support (1 for the standard beta).
    public let max: Double
    @usableFromInline let sampler: BetaSampler
    /// The faster exact sampler, where it applies.
    @usableFromInline let table: BetaTableSampler?

    /// Returns nil unless alpha > 0, beta > 0 and min < max, all finite.
    public init?(alpha: Double, beta: Double, min: Double = 0, max: Double = 1) {
        guard alpha.isFinite, beta.isFinite, alpha > 0, beta > 0,
              min.isFinite, max.isFinite, min < max else { return nil }
        self.alpha = alpha
        self.beta = beta
        self.min = min
        self.max = max
        sampler = BetaSampler(a: alpha, b: beta)
        table = BetaTableSampler.applies(a: alpha, b: beta) ? BetaTableSampler(a: alpha, b: beta) : nil
    }

    /// With the table sampler, value i starts from `words[i]`; otherwise (shapes outside the
    /// table's range) every value is a ratio of gammas drawn from `rng`.
    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus) {
        if let table { return table.sample(into: out, min: min, max: max, words: words, using: &rng) }
        let width = max - min
        for i in out.indices { out[i] = min + width * sampler.next(&rng) }
    }

    public func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability outside [0, 1]")
        // Solved on the equation of the smaller of p and 1 − p (exact for p ≥ ½).
        let u = IncompleteBeta.inverse(p, a: alpha, b: beta)
        return Swift.min(max, min + (max - min) * u)
    }

    public func cdf(_ x: Double) -> Double {
        if x <= min { return 0 }
        if x >= max { return 1 }
        let width = max - min
        return IncompleteBeta.regularizedPair(x: (x - min) / width, y: (max - x) / width, a: alpha, b: beta).p
    }

    public var mean: Double { min + (max - min) * alpha / (alpha + beta) }
    public var variance: Double {
        let s = alpha + beta, w = max - min
        return w * w * alpha * beta / (s * s * (s + 1))
    }
    public var support: (lower: Double, upper: Double) { (min, max) }
    /// The median.
    public var naturalBase: Double { quantile(0.5) }
    public var description: String {
        var parameters = [("alpha", alpha), ("beta", beta)]
        if min != 0 || max != 1 { parameters += [("min", min), ("max", max)] }
        return DistributionFormatting.call("beta", parameters)
    }
}
