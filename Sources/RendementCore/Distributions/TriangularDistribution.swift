/// The triangular distribution on [min, max] with its peak at `mode`.
///
/// With w = max − min and c = (mode − min)/w: F(x) = (x − min)²/(w·(mode − min)) up to the
/// mode and 1 − (max − x)²/(w·(max − mode)) after it; F⁻¹(p) = min + √(p·w·(mode − min)) for
/// p < c, else max − √((1 − p)·w·(max − mode)). Mean (min + mode + max)/3, variance
/// (min² + mode² + max² − min·mode − min·max − mode·max)/18. Sampled by F⁻¹ of a uniform in
/// (0, 1), which is exact.
public struct TriangularDistribution: Distribution {
    /// The lowest possible value.
    public let min: Double
    /// The most likely value (the peak).
    public let mode: Double
    /// The highest possible value.
    public let max: Double

    /// Returns nil unless min ≤ mode ≤ max and min < max, all finite.
    public init?(min: Double, mode: Double, max: Double) {
        guard min.isFinite, mode.isFinite, max.isFinite, min <= mode, mode <= max, min < max else { return nil }
        self.min = min
        self.mode = mode
        self.max = max
    }

    /// Inversion, as `quantile` but without its branch (see `transform`).
    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus) {
        guard let x = out.baseAddress else { return }
        let n = out.count
        // Uniforms first, then the transform in a loop of its own, which the compiler
        // vectorises (square roots included); the values
        // are the same as drawing and transforming one by one.
        for i in 0..<n { x[i] = Xoshiro256PlusPlus.openUnit(words[i]) }
        let width = max - min, left = mode - min, right = max - mode
        for i in 0..<n { x[i] = transform(x[i], width: width, left: left, right: right) }
    }

    /// The inverse CDF at a uniform p, written without a branch: which side of the mode a draw
    /// falls on is a coin toss the processor cannot predict.
    @inline(__always)
    private func transform(_ p: Double, width: Double, left: Double, right: Double) -> Double {
        let isLeft = p * width < left
        let root = (isLeft ? p * width * left : (1 - p) * width * right).squareRoot()
        let below = Swift.min(mode, min + root), above = Swift.max(mode, max - root)
        return isLeft ? below : above
    }

    public func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability outside [0, 1]")
        let width = max - min
        if p * width < mode - min {
            return Swift.min(mode, min + (p * width * (mode - min)).squareRoot())
        }
        return Swift.max(mode, max - ((1 - p) * width * (max - mode)).squareRoot())
    }

    public func cdf(_ x: Double) -> Double {
        if x <= min { return 0 }
        if x >= max { return 1 }
        let width = max - min
        if x <= mode { return (x - min) * (x - min) / (width * (mode - min)) }
        return 1 - (max - x) * (max - x) / (width * (max - mode))
    }

    public var mean: Double { (min + mode + max) / 3 }
    public var variance: Double {
        // The same as (a² + b² + c² − ab − ac − bc)/18, written in differences to avoid cancellation.
        let l = mode - min, u = max - mode
        return (l * l + l * u + u * u) / 18
    }
    public var support: (lower: Double, upper: Double) { (min, max) }
    /// The mode.
    public var naturalBase: Double { mode }
    public var description: String {
        DistributionFormatting.call("triangular", [("min", min), ("mode", mode), ("max", max)])
    }
}
