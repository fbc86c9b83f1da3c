/// A distribution that is a (scaled) beta under another parameterisation (PERT, "k of n"):
/// sampling, quantiles, CDF and moments are the beta's.
public protocol BetaBacked: Distribution {
    var beta: BetaDistribution { get }
}

extension BetaBacked {
    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus) {
        beta.sample(into: out, words: words, using: &rng)
    }

    public func quantile(_ p: Double) -> Double { beta.quantile(p) }
    public func cdf(_ x: Double) -> Double { beta.cdf(x) }
    /// For PERT, (min + λ·mode + max)/(λ + 2).
    public var mean: Double { beta.mean }
    public var variance: Double { beta.variance }
}
