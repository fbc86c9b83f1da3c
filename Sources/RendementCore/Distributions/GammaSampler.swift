import RealModule

/// Exact Gamma(shape, 1) variates by Marsaglia & Tsang's method.
///
/// Marsaglia, G. & Tsang, W. W. (2000), "A Simple Method for Generating Gamma Variables",
/// ACM Transactions on Mathematical Software 26(3), 363–372: for a ≥ 1, with d = a − ⅓ and
/// c = 1/√(9d), draw a normal z (ziggurat) and U, put v = (1 + cz)³, and return d·v when
/// v > 0 and ln U < z²/2 + d − d·v + d·ln v (with the squeeze U < 1 − 0.0331 z⁴ first); the
/// acceptance rate is above 95% for every a. For a < 1 the boost G(a) = G(a + 1)·U^(1/a)
/// (same paper, §6). Precompute once per shape; no allocation per draw.
public struct GammaSampler: Sendable {
    /// The shape a > 0.
    public let shape: Double
    @usableFromInline let d: Double
    @usableFromInline let c: Double
    /// 1/a when a < 1 (the boost is used), else 0.
    @usableFromInline let inverseShape: Double
    /// The ziggurat tables, fetched once here rather than on every draw.
    @usableFromInline let normalTable = Ziggurat.table

    /// Precomputes d = a − ⅓ and c = 1/√(9d) (for a < 1, of a + 1) for the given shape a > 0.
    public init(shape: Double) {
        precondition(shape > 0 && shape.isFinite, "gamma shape must be positive and finite")
        self.shape = shape
        let a = shape < 1 ? shape + 1 : shape
        d = a - 1.0 / 3
        c = 1 / (9 * d).squareRoot()
        inverseShape = shape < 1 ? 1 / shape : 0
    }

    /// One Gamma(shape, 1) variate.
    @inlinable
    public func next(_ rng: inout Xoshiro256PlusPlus) -> Double {
        if inverseShape == 0 { return core(&rng) }
        return core(&rng) * Double.exp(Double.log(rng.nextOpenUnit()) * inverseShape)
    }

    /// ln of one Gamma(shape, 1) variate, without underflow for tiny shapes (a draw of
    /// Gamma(0.05) is below 1e-300 with probability about 1e-15, and its logarithm stays exact).
    @inlinable
    public func nextLog(_ rng: inout Xoshiro256PlusPlus) -> Double {
        let g = Double.log(core(&rng))
        if inverseShape == 0 { return g }
        return g + Double.log(rng.nextOpenUnit()) * inverseShape
    }

    /// Marsaglia–Tsang for the shape max(a, a + 1 if a < 1) ≥ 1. Inlined into the sampling
    /// loops: a call per draw would spill the generator's state to memory.
    @inlinable @inline(__always)
    func core(_ rng: inout Xoshiro256PlusPlus) -> Double {
        while true {
            var z: Double
            var v: Double
            repeat {
                z = Ziggurat.normal(&rng, table: normalTable)
                v = 1 + c * z
            } while v <= 0
            v = v * v * v
            let u = rng.nextOpenUnit()
            let z2 = z * z
            if u < 1 - 0.0331 * z2 * z2 { return d * v }
            if Double.log(u) < 0.5 * z2 + d * (1 - v + Double.log(v)) { return d * v }
        }
    }
}

/// Exact Beta(a, b) variates as G_a / (G_a + G_b) with independent gammas (Marsaglia–Tsang).
/// When a shape is below 1 the ratio is formed from the gammas' logarithms,
/// 1 / (1 + exp(ln G_b − ln G_a)), so that two underflowing gammas cannot give 0/0.
public struct BetaSampler: Sendable {
    @usableFromInline let gammaA: GammaSampler
    @usableFromInline let gammaB: GammaSampler
    @usableFromInline let logSpace: Bool

    /// A sampler of Beta(a, b), a, b > 0.
    public init(a: Double, b: Double) {
        gammaA = GammaSampler(shape: a)
        gammaB = GammaSampler(shape: b)
        logSpace = a < 1 || b < 1
    }

    /// One Beta(a, b) variate in [0, 1].
    @inlinable
    public func next(_ rng: inout Xoshiro256PlusPlus) -> Double {
        if logSpace {
            let la = gammaA.nextLog(&rng)
            let lb = gammaB.nextLog(&rng)
            return 1 / (1 + Double.exp(lb - la))
        }
        let ga = gammaA.next(&rng)
        let gb = gammaB.next(&rng)
        return ga / (ga + gb)
    }
}
