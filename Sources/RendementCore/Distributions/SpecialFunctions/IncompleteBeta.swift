import RealModule

/// The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), its complement
/// and its inverses, for a, b > 0 (the CDF and quantile of the Beta(a, b) distribution).
///
/// Accuracy, measured against mpmath (50 digits) on 400 random (a, b, x) with a, b in
/// [0.05, 1000] plus a grid about the mean for b up to 1e5, and against SciPy's
/// `betainc`/`betaincinv` in the tests: I and 1 − I within 2e-14 relative wherever they exceed
/// 1e-20, within 1e-13 down to 1e-300 (the prefactor xᵃ(1 − x)ᵇ/B(a, b) is an exponential
/// whose argument carries a few ulps of its terms, so the relative error grows like
/// |a·ln x|·ε deep in the tails). The inverses return x within an ulp of the root of the
/// computed function, so their relative error is the function's times the condition number
/// I/(x·density) (about 1/a in the lower tail): 2e-14 in the same survey.
public enum IncompleteBeta {
    /// I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b); 0 for x ≤ 0 and 1 for x ≥ 1.
    public static func regularized(_ x: Double, a: Double, b: Double) -> Double {
        regularizedPair(x: x, y: 1 - x, a: a, b: b).p
    }

    /// 1 − I_x(a, b) = I_{1−x}(b, a) = P(X > x), computed without cancellation when it is small.
    public static func complement(_ x: Double, a: Double, b: Double) -> Double {
        regularizedPair(x: x, y: 1 - x, a: a, b: b).q
    }

    /// (I_x(a, b), 1 − I_x(a, b)), where y = 1 − x is passed separately so that a caller who
    /// knows 1 − x more precisely than `1 - x` (x near 1) keeps that precision.
    ///
    /// Method (Didonato & Morris 1992, ACM TOMS 18(3), 360–373, algorithm 708, `bfrac`): with
    /// λ = a − (a + b)x, I_x(a, b) = xᵃyᵇ/B(a, b) · R, where R is the continued fraction
    /// (DLMF 8.17.22, in Didonato & Morris's contracted form) whose partial denominators involve
    /// x, y and 1 + λ only through sums of positive terms when λ ≥ 0, i.e. for x at or below the
    /// mean a/(a + b). Above the mean the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used (then
    /// −λ ≥ 0). So no partial denominator cancels (the textbook form 1 − (a + b)x/(a + 1) loses
    /// log₁₀(b) digits near x ≈ (a + 1)/(a + b)), and λ itself is formed with a fused
    /// multiply-add and an exact two-term a + b. The side computed directly is the smaller one,
    /// or within a factor ~10 of it for very skewed shapes, so both tails keep their precision.
    public static func regularizedPair(x: Double, y: Double, a: Double, b: Double) -> (p: Double, q: Double) {
        precondition(a > 0 && b > 0, "incomplete beta needs a, b > 0")
        if x.isNaN || y.isNaN { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        let l = lambda(x: x, y: y, a: a, b: b)
        if l >= 0 {
            let p = powerTerms(x: x, y: y, a: a, b: b) * continuedFraction(x: x, y: y, a: a, b: b, lambda: l)
            return (p, 1 - p)
        }
        let q = powerTerms(x: y, y: x, a: b, b: a) * continuedFraction(x: y, y: x, a: b, b: a, lambda: -l)
        return (1 - q, q)
    }

    /// λ = a − (a + b)x = (a + b)y − b, from the smaller (more precise) of x and y, with the
    /// product fused and a + b carried as an exact two-term sum: relative error about ε.
    static func lambda(x: Double, y: Double, a: Double, b: Double) -> Double {
        let sum = a + b
        let bPart = sum - a
        let sumError = (a - (sum - bPart)) + (b - bPart)  // a + b = sum + sumError exactly
        if x <= y { return a.addingProduct(-sum, x) - sumError * x }
        return (-b).addingProduct(sum, y) + sumError * y
    }

    /// The Beta(a, b) density x^(a−1)(1 − x)^(b−1) / B(a, b), with y = 1 − x.
    public static func density(x: Double, y: Double, a: Double, b: Double) -> Double {
        if x <= 0 || y <= 0 { return 0 }
        return powerTerms(x: x, y: y, a: a, b: b) / (x * y)
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), without cancellation for large arguments
    /// (TOMS 708's `betaln`: Stirling's series for the large ones). About 1e-15 absolute.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b)
        typealias S = SpecialFunctionSupport
        if p >= 8 {
            let correction = S.stirlingCorrection(p) + S.stirlingCorrection(q) - S.stirlingCorrection(p + q)
            let w = p / (p + q)
            return S.halfLogTwoPi - 0.5 * Double.log(q) + correction
                + (p - 0.5) * Double.log(w) + q * Double.log(onePlus: -w)
        }
        if q >= 8 {
            // ln Γ(q) − ln Γ(p + q) by Stirling: −(q − ½)·ln(1 + p/q) − p·ln(p + q) + p + δ(q) − δ(p + q).
            let difference = S.stirlingCorrection(q) - S.stirlingCorrection(p + q)
                - (q - 0.5) * Double.log(onePlus: p / q) - p * Double.log(p + q) + p
            return Double.logGamma(p) + difference
        }
        return Double.logGamma(p) + Double.logGamma(q) - Double.logGamma(p + q)
    }

    /// The inverse: the x in [0, 1] with I_x(a, b) = p.
    public static func inverse(_ p: Double, a: Double, b: Double) -> Double {
        solve(p: p, q: 1 - p, a: a, b: b)
    }

    /// The inverse of the complement: the x with 1 − I_x(a, b) = q (use it for small q, i.e. the
    /// upper tail, where 1 − q would lose q's precision).
    public static func inverseComplement(_ q: Double, a: Double, b: Double) -> Double {
        solve(p: 1 - q, q: q, a: a, b: b)
    }

    /// Solves I_x(a, b) = p (≡ 1 − I_x = q) for x: an initial guess (Numerical Recipes §6.14.1:
    /// a normal approximation for a, b ≥ 1, a power law at either end otherwise), then Halley
    /// steps safeguarded by bisection (`SpecialFunctionSupport.solveIncreasing`), on the
    /// equation of whichever of p and q is smaller, so that tiny tail probabilities keep their
    /// relative precision. Always converges (checked on 100,000 random cases with a, b in
    /// [0.05, 1e5] and p down to 1e-300): x is within an ulp of the root of the computed I.
    static func solve(p: Double, q: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0, "incomplete beta needs a, b > 0")
        guard p >= 0, q >= 0, !p.isNaN, !q.isNaN else { return .nan }
        if p == 0 { return 0 }
        if q == 0 { return 1 }
        let lowerTail = p <= q
        let guess = initialGuess(p: p, q: q, a: a, b: b)
        return SpecialFunctionSupport.solveIncreasing(lower: 0, upper: 1, guess: guess, scale: lowerTail ? p : q) { x in
            let y = 1 - x
            let (ix, jx) = regularizedPair(x: x, y: y, a: a, b: b)
            let value = lowerTail ? ix - p : q - jx
            let slope = density(x: x, y: y, a: a, b: b)
            return (value, slope, (a - 1) / x - (b - 1) / y)
        }
    }

    static func initialGuess(p: Double, q: Double, a: Double, b: Double) -> Double {
        if a >= 1 && b >= 1 {
            // A normal approximation (Abramowitz & Stegun 26.5.22).
            let z = p < 0.5 ? -StandardNormal.quantile(p) : StandardNormal.quantile(q)
            let al = (z * z - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = z * (al + h).squareRoot() / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h))
            return a / (a + b * Double.exp(2 * w))
        }
        // Power laws near either end: I_x ≈ xᵃ / (a·B) near 0 and 1 − I_x ≈ (1 − x)ᵇ / (b·B) near 1.
        let logB = logBeta(a, b)
        let t = Double.exp(a * Double.log(a / (a + b)) - logB) / a
        let u = Double.exp(b * Double.log(b / (a + b)) - logB) / b
        if p < t / (t + u) {
            return Double.exp((Double.log(p) + Double.log(a) + logB) / a)
        }
        return 1 - Double.exp((Double.log(q) + Double.log(b) + logB) / b)
    }

    /// xᵃyᵇ / B(a, b) with y = 1 − x.
    ///
    /// For min(a, b) ≥ 8, TOMS 708's `brcomp`: with x₀ = a/(a + b), y₀ = b/(a + b) and
    /// λ = a − (a + b)x (see `lambda`), the value is √(ab / (2π(a + b))) · exp(−a·r(−λ/a) − b·r(λ/b) − δ),
    /// r(t) = t − ln(1 + t), δ = δ(a) + δ(b) − δ(a + b) (Stirling remainders): no large
    /// logarithms cancel. Otherwise exp(a ln x + b ln y − ln B(a, b)) with ln(1 − x) taken by
    /// log1p from the smaller of x and y.
    static func powerTerms(x: Double, y: Double, a: Double, b: Double) -> Double {
        if x <= 0 || y <= 0 { return 0 }
        typealias S = SpecialFunctionSupport
        if min(a, b) >= 8 {
            let x0 = a / (a + b), y0 = b / (a + b)
            let lambda = lambda(x: x, y: y, a: a, b: b)
            let e1 = -lambda / a
            let u = abs(e1) > 0.6 ? e1 - Double.log(x / x0) : S.tMinusLog1p(e1)
            let e2 = lambda / b
            let v = abs(e2) > 0.6 ? e2 - Double.log(y / y0) : S.tMinusLog1p(e2)
            let correction = S.stirlingCorrection(a) + S.stirlingCorrection(b) - S.stirlingCorrection(a + b)
            return (a * b / (a + b)).squareRoot() * 0.398_942_280_401_432_677_94
                * Double.exp(-(a * u + b * v) - correction)
        }
        let logX = x <= y ? Double.log(x) : Double.log(onePlus: -y)
        let logY = x <= y ? Double.log(onePlus: -x) : Double.log(y)
        return Double.exp(a * logX + b * logY - logBeta(a, b))
    }

    /// The continued fraction R of I_x(a, b) = xᵃyᵇ/B(a, b)·R for λ = a − (a + b)x ≥ 0
    /// (Didonato & Morris 1992, `bfrac`), evaluated by the forward three-term recurrence of its
    /// convergents Aₙ/Bₙ, rescaled every step, to relative precision 1e-15. With t = n/a and
    /// s = a + 2n − 1, the n-th partial numerator and denominator are
    ///   αₙ = (1 + (n−1)/a)(1 + (n−1)/a + b/a)·(a/s)²·n(b − n)x², βₙ = n + n(b − n)x/s +
    ///   (1 + t)/(1 + 1/a + 2t)·(1 + λ + n(1 + y)),
    /// starting from A₀/B₀ = (1 + 1/a)/(1 + λ).
    static func continuedFraction(x: Double, y: Double, a: Double, b: Double, lambda: Double) -> Double {
        let c = 1 + lambda
        let bOverA = b / a
        let c1 = 1 + 1 / a
        let onePlusY = 1 + y
        var previousA = 0.0, previousB = 1.0
        var currentA = 1.0, currentB = c / c1
        var ratio = c1 / c
        var factor = 1.0  // 1 + (n − 1)/a
        var s = a + 1     // a + 2n − 1
        var n = 1.0
        while n < 1e6 {
            let t = n / a
            let w = n * (b - n) * x
            let e = a / s
            let alpha = factor * (factor + bOverA) * e * e * (w * x)
            let beta = n + w / s + (1 + t) / (c1 + 2 * t) * (c + n * onePlusY)
            factor = 1 + t
            s += 2
            (previousA, currentA) = (currentA, alpha * previousA + beta * currentA)
            (previousB, currentB) = (currentB, alpha * previousB + beta * currentB)
            let previousRatio = ratio
            ratio = currentA / currentB
            if abs(ratio - previousRatio) <= 1e-15 * ratio { break }
            previousA /= currentB
            previousB /= currentB
            currentA = ratio
            currentB = 1
            n += 1
        }
        return ratio
    }
}
