/// The continuous uniform distribution on [min, max].
///
/// F(x) = (x − min)/(max − min); F⁻¹(p) = min + p·(max − min); mean (min + max)/2;
/// variance (max − min)²/12. Sampling is F⁻¹ of a uniform in (0, 1).
public struct UniformDistribution: Distribution {
    /// The lower bound.
    public let min: Double
    /// The upper bound.
    public let max: Double

    /// Returns nil unless min < max, both finite (equal bounds: use `FixedDistribution`).
    public init?(min: Double, max: Double) {
        guard min.isFinite, max.isFinite, min < max else { return nil }
        self.min = min
        self.max = max
    }

    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus) {
        let width = max - min
        for i in out.indices { out[i] = min + Xoshiro256PlusPlus.openUnit(words[i]) * width }
    }

    public func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability outside [0, 1]")
        return Swift.min(max, min + p * (max - min))
    }

    public func cdf(_ x: Double) -> Double {
        if x <= min { return 0 }
        if x >= max { return 1 }
        return (x - min) / (max - min)
    }

    public var mean: Double { 0.5 * (min + max) }
    public var variance: Double { (max - min) * (max - min) / 12 }
    public var support: (lower: Double, upper: Double) { (min, max) }
    /// The median, (min + max)/2.
    public var naturalBase: Double { mean }
    public var description: String { DistributionFormatting.call("uniform", [("min", min), ("max", max)]) }
}
