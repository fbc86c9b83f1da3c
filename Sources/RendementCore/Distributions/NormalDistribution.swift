/// The normal distribution N(mean, sd²), truncated to [lower, upper] where a bound is finite.
///
/// With α = (lower − μ)/σ, β = (upper − μ)/σ and Z = Φ(β) − Φ(α) (the kept mass, computed
/// without cancellation in either tail by `StandardNormal.probability(from:to:)`):
/// F(x) = (Φ((x − μ)/σ) − Φ(α))/Z; mean μ + σ(φ(α) − φ(β))/Z; variance
/// σ²[1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²] (Johnson, Kotz & Balakrishnan 1994, §10.1).
/// The variance formula cancels when the kept interval lies far in one tail (relative error
/// about α⁴·ε: 2e-12 at α = 10). F⁻¹ solves Φ(z) = Φ(α) + pZ in the lower half and
/// Q(z) = Q(β) + (1 − p)Z in the upper half, so quantiles keep their precision in both tails.
/// Just above a finite lower bound, where Φ(z) − Φ(α) would cancel, F and F⁻¹ work with the
/// offset h = (x − lower)/σ and the slice mass ∫ φ over [α, α + h] (Gauss–Legendre), so that
/// x − lower keeps its relative precision too.
///
/// Sampling: untruncated, μ + σ·(ziggurat normal); truncated with Z ≥ 0.3, ziggurat draws
/// rejected outside [α, β] (at most 1/0.3 ≈ 3.3 draws per value on average); otherwise F⁻¹ of
/// a uniform in (0, 1). All exact.
public struct NormalDistribution: Distribution {
    /// The location μ (the mean before truncation).
    public let mu: Double
    /// The scale σ (the standard deviation before truncation).
    public let sigma: Double
    /// The lower truncation bound (−∞ when untruncated below).
    public let lower: Double
    /// The upper truncation bound (+∞ when untruncated above).
    public let upper: Double
    /// The kept mass Z = Φ(β) − Φ(α) (1 when untruncated).
    public let keptMass: Double
    /// Standardized bounds α, β.
    let alpha: Double
    let beta: Double
    /// Φ(α) and Q(β).
    let lowerCDF: Double
    let upperSurvival: Double

    /// Returns nil unless mean is finite, sd > 0 finite and lower < upper with a kept mass
    /// Φ(β) − Φ(α) > 0 (in doubles).
    public init?(mean: Double, sd: Double, lower: Double = -.infinity, upper: Double = .infinity) {
        guard mean.isFinite, sd.isFinite, sd > 0, !lower.isNaN, !upper.isNaN, lower < upper,
              lower < .infinity, upper > -.infinity else { return nil }
        mu = mean
        sigma = sd
        self.lower = lower
        self.upper = upper
        alpha = (lower - mean) / sd
        beta = (upper - mean) / sd
        lowerCDF = StandardNormal.cdf(alpha)
        upperSurvival = StandardNormal.complementaryCDF(beta)
        keptMass = StandardNormal.probability(from: alpha, to: beta)
        guard keptMass > 0 else { return nil }
    }

    /// Whether a finite bound truncates the distribution.
    public var isTruncated: Bool { lower > -.infinity || upper < .infinity }

    /// In two tight loops: standard normals in [α, β] (`Ziggurat.fill`), then μ + σz.
    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using generator: inout Xoshiro256PlusPlus) {
        guard let z = out.baseAddress else { return }
        let n = out.count
        if isTruncated && keptMass < 0.3 {
            for i in 0..<n { z[i] = quantile(Xoshiro256PlusPlus.openUnit(words[i])) }
            return
        }
        if !isTruncated {
            Ziggurat.fill(z, words: words, count: n, using: &generator, table: Ziggurat.table)
            for i in 0..<n { z[i] = mu + sigma * z[i] }
        } else {
            Ziggurat.fill(z, words: words, count: n, within: (alpha, beta), using: &generator, table: Ziggurat.table)
            for i in 0..<n { z[i] = Swift.min(upper, Swift.max(lower, mu + sigma * z[i])) }
        }
    }

    public func quantile(_ p: Double) -> Double {
        if let h = lowerOffset(probability: p) { return Swift.min(upper, lower + sigma * h) }
        return Swift.min(upper, Swift.max(lower, mu + sigma * standardizedQuantile(p)))
    }

    public func cdf(_ x: Double) -> Double {
        if x <= lower { return 0 }
        if x >= upper { return 1 }
        if lower > -.infinity {
            let h = (x - lower) / sigma
            if isShortSlice(h) { return cdf(lowerOffset: h) }
        }
        let z = (x - mu) / sigma
        if !isTruncated { return StandardNormal.cdf(z) }
        return Swift.min(1, StandardNormal.probability(from: alpha, to: z) / keptMass)
    }

    /// F⁻¹(p) on the standardized scale, z = (x − μ)/σ.
    func standardizedQuantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability outside [0, 1]")
        if !isTruncated { return StandardNormal.quantile(p) }
        let fromBelow = lowerCDF + p * keptMass
        if alpha <= 0 && fromBelow <= 0.5 { return StandardNormal.quantile(fromBelow) }
        return StandardNormal.complementaryQuantile(upperSurvival + (1 - p) * keptMass)
    }

    // MARK: Just above the lower bound

    /// Whether [α, α + h] is short enough that Φ(α + h) − Φ(α) would cancel: the tail beyond α
    /// is about φ(α)/max(1, |α|), so the difference loses about log₁₀(1/(h·max(1, |α|))) digits;
    /// slices with h·max(1, |α|) ≤ 0.1 are integrated instead (beyond, at most one digit is lost).
    func isShortSlice(_ h: Double) -> Bool {
        h * Swift.max(1, abs(alpha)) <= 0.1
    }

    /// F at lower + σh for a short slice: ∫ φ over [α, α + h] / Z.
    func cdf(lowerOffset h: Double) -> Double {
        let mass = SpecialFunctionSupport.gaussLegendre(from: alpha, width: h, StandardNormal.density)
        return Swift.min(1, mass / keptMass)
    }

    /// h = (F⁻¹(p) − lower)/σ to full relative precision when the quantile lies in a short slice
    /// above a finite lower bound (nil otherwise): the standard quantile's offset refined by
    /// Newton steps on the slice mass.
    func lowerOffset(probability p: Double) -> Double? {
        guard lower > -.infinity, p > 0 else { return nil }
        var h = standardizedQuantile(p) - alpha
        guard isShortSlice(h) else { return nil }
        let target = p * keptMass
        if !(h > 0) { h = target / StandardNormal.density(alpha) }
        for _ in 0..<4 {
            let mass = SpecialFunctionSupport.gaussLegendre(from: alpha, width: h, StandardNormal.density)
            let step = (mass - target) / StandardNormal.density(alpha + h)
            guard step.isFinite else { break }
            h = Swift.max(0.5 * h, h - step)
            if abs(step) <= 1e-13 * h { break }  // quadratic convergence: now at rounding level
        }
        return h
    }

    // MARK: Moments

    public var mean: Double {
        guard isTruncated else { return mu }
        let (pa, pb) = (StandardNormal.density(alpha), StandardNormal.density(beta))
        return mu + sigma * (pa - pb) / keptMass
    }

    public var variance: Double {
        guard isTruncated else { return sigma * sigma }
        let (pa, pb) = (StandardNormal.density(alpha), StandardNormal.density(beta))
        let ta = alpha.isFinite ? alpha * pa : 0
        let tb = beta.isFinite ? beta * pb : 0
        let shift = (pa - pb) / keptMass
        return sigma * sigma * Swift.max(0, 1 + (ta - tb) / keptMass - shift * shift)
    }

    public var support: (lower: Double, upper: Double) { (lower, upper) }
    /// The median.
    public var naturalBase: Double { quantile(0.5) }
    public var description: String {
        var parameters = [("mean", mu), ("sd", sigma)]
        if lower > -.infinity { parameters.append(("min", lower)) }
        if upper < .infinity { parameters.append(("max", upper)) }
        return DistributionFormatting.call("normal", parameters)
    }
}
