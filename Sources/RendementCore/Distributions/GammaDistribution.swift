/// The gamma distribution with shape a and scale θ (mean aθ, variance aθ²), optionally
/// truncated to [lower, upper].
///
/// With l = lower/θ, u = upper/θ and the kept mass Z = P(a, u) − P(a, l) (`IncompleteGamma`,
/// taken as Q(a, l) − Q(a, u) when the interval lies in the upper tail, so no cancellation):
/// F(x) = (P(a, x/θ) − P(a, l))/Z; F⁻¹ solves P(a, z) = P(a, l) + pZ in the lower half and
/// Q(a, z) = Q(a, u) + (1 − p)Z in the upper half. Moments in closed form,
/// E[Xᵏ] = θᵏ·Γ(a + k)/Γ(a)·(P(a + k, u) − P(a + k, l))/Z, so mean = aθ·ΔP(a + 1)/Z and
/// E[X²] = a(a + 1)θ²·ΔP(a + 2)/Z. Just above a positive lower bound F and F⁻¹ work with the
/// offset (x − lower)/θ and the slice mass (Gauss–Legendre), so x − lower keeps its precision.
///
/// Sampling: θ·(Marsaglia–Tsang gamma); truncated with Z ≥ 0.3 by rejection of draws outside
/// [l, u], otherwise by F⁻¹ of a uniform in (0, 1). All exact.
public struct GammaDistribution: Distribution {
    /// The shape a > 0.
    public let shape: Double
    /// The scale θ > 0 (mean aθ before truncation).
    public let scale: Double
    /// The lower bound (0 when untruncated below).
    public let lower: Double
    /// The upper bound (+∞ when untruncated above).
    public let upper: Double
    /// The kept mass Z (1 when untruncated).
    public let keptMass: Double
    let sampler: GammaSampler
    /// P(a, l) and Q(a, u).
    let lowerCDF: Double
    let upperSurvival: Double

    /// Returns nil unless shape > 0 and scale > 0 are finite and max(lower, 0) < upper with
    /// positive kept mass.
    public init?(shape: Double, scale: Double, lower: Double = 0, upper: Double = .infinity) {
        guard shape.isFinite, scale.isFinite, shape > 0, scale > 0, !lower.isNaN, !upper.isNaN else { return nil }
        let lower = Swift.max(lower, 0)
        guard lower < upper else { return nil }
        self.shape = shape
        self.scale = scale
        self.lower = lower
        self.upper = upper
        sampler = GammaSampler(shape: shape)
        lowerCDF = IncompleteGamma.regularizedP(a: shape, x: lower / scale)
        upperSurvival = IncompleteGamma.regularizedQ(a: shape, x: upper / scale)
        keptMass = Self.probability(shape, from: lower / scale, to: upper / scale)
        guard keptMass > 0 else { return nil }
    }

    /// P(a, to) − P(a, from) for from ≤ to, as Q(a, from) − Q(a, to) when P(a, from) > ½.
    static func probability(_ a: Double, from: Double, to: Double) -> Double {
        let (p0, q0) = IncompleteGamma.regularizedPair(a: a, x: from)
        if p0 > 0.5 { return q0 - IncompleteGamma.regularizedQ(a: a, x: to) }
        return IncompleteGamma.regularizedP(a: a, x: to) - p0
    }

    /// Whether a bound truncates the distribution.
    public var isTruncated: Bool { lower > 0 || upper < .infinity }

    /// Marsaglia–Tsang needs several uniforms per value: every value is drawn from `rng`, except
    /// when inverting the CDF (a narrow truncation), which takes value i from `words[i]`.
    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using generator: inout Xoshiro256PlusPlus) {
        var rng = generator   // a local copy, which the loops keep in registers (`out` could alias `generator`)
        defer { generator = rng }
        if !isTruncated {
            for i in out.indices { out[i] = scale * sampler.next(&rng) }
        } else if keptMass >= 0.3 {
            for i in out.indices {
                var x: Double
                repeat { x = scale * sampler.next(&rng) } while x < lower || x > upper
                out[i] = x
            }
        } else {
            for i in out.indices { out[i] = quantile(Xoshiro256PlusPlus.openUnit(words[i])) }
        }
    }

    public func quantile(_ p: Double) -> Double {
        if let d = lowerOffset(probability: p) { return Swift.min(upper, lower + scale * d) }
        return Swift.min(upper, Swift.max(lower, scale * standardizedQuantile(p)))
    }

    public func cdf(_ x: Double) -> Double {
        if x <= lower { return 0 }
        if x >= upper { return 1 }
        if !isTruncated { return IncompleteGamma.regularizedP(a: shape, x: x / scale) }
        let d = (x - lower) / scale
        if isShortSlice(d) { return cdf(lowerOffset: d) }
        return Swift.min(1, Self.probability(shape, from: lower / scale, to: x / scale) / keptMass)
    }

    /// F⁻¹(p)/θ.
    func standardizedQuantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability outside [0, 1]")
        let fromBelow = lowerCDF + p * keptMass
        return lowerCDF <= 0.5 && fromBelow <= 0.5
            ? IncompleteGamma.inverseP(a: shape, p: fromBelow)
            : IncompleteGamma.inverseQ(a: shape, q: upperSurvival + (1 - p) * keptMass)
    }

    // MARK: Just above a positive lower bound

    /// Whether [l, l + d] (l = lower/θ) is short enough that P(a, l + d) − P(a, l) would cancel:
    /// d ≤ l/10 and the log-density, of slope (a − 1)/t − 1, changes by at most 0.1 across it
    /// (the tail beyond l is about density/|slope|, so longer slices lose at most a digit).
    func isShortSlice(_ d: Double) -> Bool {
        let l = lower / scale
        return lower > 0 && d <= 0.1 * l && d * abs((shape - 1) / l - 1) <= 0.1
    }

    /// ∫ density over [l, l + d] by Gauss–Legendre, over Z.
    func cdf(lowerOffset d: Double) -> Double {
        let a = shape
        let mass = SpecialFunctionSupport.gaussLegendre(from: lower / scale, width: d) { IncompleteGamma.density(a: a, x: $0) }
        return Swift.min(1, mass / keptMass)
    }

    /// d = (F⁻¹(p) − lower)/θ to full relative precision when the quantile lies in a short slice
    /// above a positive lower bound (nil otherwise): Newton steps on the slice mass.
    func lowerOffset(probability p: Double) -> Double? {
        guard lower > 0, p > 0 else { return nil }
        let l = lower / scale
        var d = standardizedQuantile(p) - l
        guard isShortSlice(d) else { return nil }
        let target = p * keptMass
        if !(d > 0) { d = target / IncompleteGamma.density(a: shape, x: l) }
        for _ in 0..<4 {
            let step = (cdf(lowerOffset: d) * keptMass - target) / IncompleteGamma.density(a: shape, x: l + d)
            guard step.isFinite else { break }
            d = Swift.max(0.5 * d, d - step)
            if abs(step) <= 1e-13 * d { break }  // quadratic convergence: now at rounding level
        }
        return d
    }

    /// ΔP(a + k)/Z, the truncation factor of E[Xᵏ].
    func truncationFactor(_ k: Double) -> Double {
        Self.probability(shape + k, from: lower / scale, to: upper / scale) / keptMass
    }

    public var mean: Double {
        let m = shape * scale
        return isTruncated ? m * truncationFactor(1) : m
    }

    public var variance: Double {
        let v = shape * scale * scale
        guard isTruncated else { return v }
        let f1 = truncationFactor(1)
        // E[X²] − E[X]² = aθ²·((a + 1)·f₂ − a·f₁²).
        return Swift.max(0, v * ((shape + 1) * truncationFactor(2) - shape * f1 * f1))
    }

    public var support: (lower: Double, upper: Double) { (lower, upper) }
    /// The median.
    public var naturalBase: Double { quantile(0.5) }
    public var description: String {
        var parameters = [("shape", shape), ("scale", scale)]
        if lower > 0 { parameters.append(("min", lower)) }
        if upper < .infinity { parameters.append(("max", upper)) }
        return DistributionFormatting.call("gamma", parameters)
    }
}
