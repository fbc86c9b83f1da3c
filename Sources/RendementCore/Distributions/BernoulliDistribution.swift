/// The Bernoulli distribution: 1 with probability p, else 0.
///
/// F(x) = 0 below 0, 1 − p on [0, 1), 1 from 1 on; F⁻¹(u) = 0 if u ≤ 1 − p, else 1 (the
/// smallest value whose cumulative probability is ≥ u, as for `DiscreteDistribution`);
/// sampling is F⁻¹ of a uniform in (0, 1). Mean p, variance p(1 − p).
public struct BernoulliDistribution: Distribution {
    /// The probability of 1.
    public let p: Double

    /// Returns nil unless 0 ≤ p ≤ 1.
    public init?(p: Double) {
        guard p >= 0, p <= 1 else { return nil }
        self.p = p
    }

    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus) {
        let threshold = 1 - p
        for i in out.indices { out[i] = Xoshiro256PlusPlus.openUnit(words[i]) <= threshold ? 0 : 1 }
    }

    public func quantile(_ u: Double) -> Double {
        precondition(u >= 0 && u <= 1, "probability outside [0, 1]")
        return u <= 1 - p ? 0 : 1
    }

    public func cdf(_ x: Double) -> Double {
        if x < 0 { return 0 }
        return x < 1 ? 1 - p : 1
    }

    public var mean: Double { p }
    public var variance: Double { p * (1 - p) }
    public var support: (lower: Double, upper: Double) { (p == 1 ? 1 : 0, p == 0 ? 0 : 1) }
    /// The median: 0 when p ≤ ½, else 1.
    public var naturalBase: Double { quantile(0.5) }
    public var description: String { "bernoulli(p \(DistributionFormatting.number(p)))" }
}
