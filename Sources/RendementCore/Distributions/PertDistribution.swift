/// The beta-PERT distribution: a beta scaled to [min, max] with
/// α = 1 + λ(mode − min)/(max − min) and β = 1 + λ(max − mode)/(max − min) (λ = 4 by default),
/// so that its mean is (min + λ·mode + max)/(λ + 2) and its mode is `mode`.
///
/// Vose (2008), "Risk Analysis", §9.1.3. CDF, quantiles, variance and exact sampling are those of
/// the scaled `BetaDistribution`; the natural base is the mode.
public struct PertDistribution: BetaBacked {
    /// The lowest possible value.
    public let min: Double
    /// The most likely value.
    public let mode: Double
    /// The highest possible value.
    public let max: Double
    /// The weight λ of the mode (4 in classic PERT).
    public let lambda: Double
    /// The underlying scaled beta.
    public let beta: BetaDistribution

    /// Returns nil unless min ≤ mode ≤ max, min < max and lambda > 0, all finite.
    public init?(min: Double, mode: Double, max: Double, lambda: Double = 4) {
        guard min.isFinite, mode.isFinite, max.isFinite, lambda.isFinite, lambda > 0,
              min <= mode, mode <= max, min < max else { return nil }
        let width = max - min
        guard let beta = BetaDistribution(alpha: 1 + lambda * (mode - min) / width,
                                          beta: 1 + lambda * (max - mode) / width,
                                          min: min, max: max) else { return nil }
        self.min = min
        self.mode = mode
        self.max = max
        self.lambda = lambda
        self.beta = beta
    }

    public var support: (lower: Double, upper: Double) { (min, max) }
    /// The mode.
    public var naturalBase: Double { mode }
    public var description: String {
        var parameters = [("min", min), ("mode", mode), ("max", max)]
        if lambda != 4 { parameters.append(("lambda", lambda)) }
        return DistributionFormatting.call("pert", parameters)
    }
}
