import RealModule

/// The lognormal distribution: X = exp(Y) with Y ~ N(mu, sigma²), optionally truncated to
/// [lower, upper] (bounds on X; lower ≤ 0 means no lower truncation).
///
/// With the log-scale bounds α = (ln lower − μ)/σ, β = (ln upper − μ)/σ and Z = Φ(β) − Φ(α):
/// F(x) = (Φ((ln x − μ)/σ) − Φ(α))/Z; F⁻¹(p) = exp of the truncated normal's quantile; the
/// moments in closed form, E[Xᵏ] = exp(kμ + k²σ²/2)·(Φ(β − kσ) − Φ(α − kσ))/Z (untruncated:
/// mean exp(μ + σ²/2), variance (exp(σ²) − 1)·exp(2μ + σ²)). Near a lower bound F and F⁻¹ go
/// through the log-scale offset ln(x/lower)/σ (see `NormalDistribution`), so x − lower keeps
/// its relative precision. Sampling is exp of the truncated normal's exact draws, by
/// `BatchExponential` (within 2 ulp of the C library's exp).
public struct LognormalDistribution: Distribution {
    /// μ, the mean of ln X before truncation.
    public let mu: Double
    /// σ, the standard deviation of ln X before truncation.
    public let sigma: Double
    /// The lower bound on X (0 when untruncated below).
    public let lower: Double
    /// The upper bound on X (+∞ when untruncated above).
    public let upper: Double
    /// The 5th and 95th percentiles the distribution was made from, if any (for `description`).
    public let percentiles: (p5: Double, p95: Double)?
    /// ln X: a normal truncated to [ln lower, ln upper].
    public let logDistribution: NormalDistribution

    /// Returns nil unless mu is finite, sigma > 0 finite and max(lower, 0) < upper with positive
    /// kept mass.
    public init?(mu: Double, sigma: Double, lower: Double = 0, upper: Double = .infinity) {
        self.init(mu: mu, sigma: sigma, lower: lower, upper: upper, percentiles: nil)
    }

    init?(mu: Double, sigma: Double, lower: Double, upper: Double, percentiles: (p5: Double, p95: Double)?) {
        guard !lower.isNaN, !upper.isNaN else { return nil }
        let lower = Swift.max(lower, 0)
        guard upper > lower,
              let logDistribution = NormalDistribution(mean: mu, sd: sigma, lower: Double.log(lower),
                                                       upper: Double.log(upper))
        else { return nil }
        self.mu = mu
        self.sigma = sigma
        self.lower = lower
        self.upper = upper
        self.percentiles = percentiles
        self.logDistribution = logDistribution
    }

    /// The 1.6448536269514722 = Φ⁻¹(0.95) used by `fromPercentiles`.
    public static let z95 = 1.644_853_626_951_472_2

    /// The untruncated lognormal whose 5th and 95th percentiles are p5 and p95 (a 90% interval):
    /// μ = (ln p5 + ln p95)/2, σ = (ln p95 − ln p5)/(2·1.6448536269514722). Returns nil unless
    /// 0 < p5 < p95, both finite.
    public static func fromPercentiles(p5: Double, p95: Double) -> LognormalDistribution? {
        guard p5.isFinite, p95.isFinite, p5 > 0, p95 > p5 else { return nil }
        let (l5, l95) = (Double.log(p5), Double.log(p95))
        return LognormalDistribution(mu: 0.5 * (l5 + l95), sigma: (l95 - l5) / (2 * z95),
                                     lower: 0, upper: .infinity, percentiles: (p5, p95))
    }

    /// Whether a bound truncates the distribution.
    public var isTruncated: Bool { logDistribution.isTruncated }

    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus) {
        logDistribution.sample(into: out, words: words, using: &rng)
        BatchExponential.apply(out)
        for i in out.indices { out[i] = Swift.min(upper, Swift.max(lower, out[i])) }
    }

    public func quantile(_ p: Double) -> Double {
        if let h = logDistribution.lowerOffset(probability: p) {
            // x = lower·exp(σh), with x − lower = lower·expm1(σh) kept to full precision.
            return Swift.min(upper, lower + lower * Double.expMinusOne(sigma * h))
        }
        return Swift.min(upper, Swift.max(lower, Double.exp(logDistribution.quantile(p))))
    }

    public func cdf(_ x: Double) -> Double {
        if x <= lower { return 0 }
        if x >= upper { return 1 }
        if lower > 0 {
            // The log-scale offset above the bound, ln(x/lower)/σ, without cancellation.
            let h = Double.log(onePlus: (x - lower) / lower) / sigma
            if logDistribution.isShortSlice(h) { return logDistribution.cdf(lowerOffset: h) }
        }
        return logDistribution.cdf(Double.log(x))
    }

    /// E[Xᵏ] / exp(kμ + k²σ²/2): the truncation factor (Φ(β − kσ) − Φ(α − kσ))/Z.
    func truncationFactor(_ k: Double) -> Double {
        let d = logDistribution
        return StandardNormal.probability(from: d.alpha - k * sigma, to: d.beta - k * sigma) / d.keptMass
    }

    public var mean: Double {
        let m = Double.exp(mu + 0.5 * sigma * sigma)
        return isTruncated ? m * truncationFactor(1) : m
    }

    public var variance: Double {
        let s2 = sigma * sigma
        guard isTruncated else { return Double.expMinusOne(s2) * Double.exp(2 * mu + s2) }
        let f1 = truncationFactor(1)
        // E[X²] − E[X]² = exp(2μ + σ²)·(exp(σ²)·f₂ − f₁²).
        return Swift.max(0, Double.exp(2 * mu + s2) * (Double.exp(s2) * truncationFactor(2) - f1 * f1))
    }

    public var support: (lower: Double, upper: Double) { (lower, upper) }
    /// The median.
    public var naturalBase: Double { quantile(0.5) }
    public var description: String {
        if let percentiles, !isTruncated {
            return DistributionFormatting.call("lognormal", [("p5", percentiles.p5), ("p95", percentiles.p95)])
        }
        var parameters = [("mu", mu), ("sigma", sigma)]
        if lower > 0 { parameters.append(("min", lower)) }
        if upper < .infinity { parameters.append(("max", upper)) }
        return DistributionFormatting.call("lognormal", parameters)
    }
}
