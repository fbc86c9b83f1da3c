import RealModule

/// The regularized incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P(a, x),
/// and their inverses in x, for a > 0 (the CDF, survival function and quantiles of Gamma(a, 1)).
///
/// Accuracy, measured against mpmath (50 digits) on 400 random (a, x) with a in [0.05, 1e4]
/// and against SciPy's `gammainc`/`gammaincc`/`gammaincinv` in the tests: P and Q within
/// 2e-14 relative wherever they exceed 1e-20, within 2e-13 down to 1e-300 (as for the
/// incomplete beta, the prefactor xᵃe⁻ˣ/Γ(a) limits: its relative error grows like
/// |a·ln x − x|·ε only where the result is already tiny). The inverses return x within an ulp
/// of the exact root up to that error (relative error in x below 1e-14 in the tests).
public enum IncompleteGamma {
    /// P(a, x) = P(X ≤ x) for X ~ Gamma(a, 1); 0 for x ≤ 0.
    public static func regularizedP(a: Double, x: Double) -> Double {
        regularizedPair(a: a, x: x).p
    }

    /// Q(a, x) = 1 − P(a, x) = P(X > x), computed directly (no cancellation) in the upper tail.
    public static func regularizedQ(a: Double, x: Double) -> Double {
        regularizedPair(a: a, x: x).q
    }

    /// (P(a, x), Q(a, x)).
    ///
    /// Method (Numerical Recipes, 3rd ed., §6.2): for x < a + 1 the series
    /// P = xᵃe⁻ˣ/Γ(a + 1) · Σₙ xⁿ / ((a + 1)…(a + n)); otherwise Legendre's continued fraction
    /// Q = xᵃe⁻ˣ/Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …))) by the
    /// modified Lentz method. Each is used where it converges fast, and there the quantity it
    /// gives directly is the smaller one (or within a factor ~100 of it), so the other,
    /// 1 minus it, loses at most two digits' worth of ulps.
    public static func regularizedPair(a: Double, x: Double) -> (p: Double, q: Double) {
        precondition(a > 0, "incomplete gamma needs a > 0")
        if x.isNaN { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        if x < a + 1 {
            var sum = 1.0, term = 1.0, n = a
            repeat {
                n += 1
                term *= x / n
                sum += term
            } while term > sum * 1e-17
            let p = prefix(a: a, x: x) * sum / a
            return (p, 1 - p)
        }
        let q = prefix(a: a, x: x) * continuedFraction(a: a, x: x)
        return (1 - q, q)
    }

    /// The Gamma(a, 1) density xᵃ⁻¹e⁻ˣ/Γ(a).
    public static func density(a: Double, x: Double) -> Double {
        x <= 0 ? 0 : prefix(a: a, x: x) / x
    }

    /// The inverse of P: the x ≥ 0 with P(a, x) = p.
    public static func inverseP(a: Double, p: Double) -> Double {
        solve(a: a, p: p, q: 1 - p)
    }

    /// The inverse of Q: the x ≥ 0 with Q(a, x) = q (use it for small q, where 1 − q would lose
    /// q's precision).
    public static func inverseQ(a: Double, q: Double) -> Double {
        solve(a: a, p: 1 - q, q: q)
    }

    /// Solves P(a, x) = p (≡ Q(a, x) = q) for x: an initial guess (Wilson–Hilferty for a ≥ 1,
    /// Numerical Recipes §6.2.1's power law and exponential tail for a < 1, and P ≈ xᵃ/Γ(a + 1)
    /// for tiny p), then Halley steps safeguarded by bisection on [0, greatestFiniteMagnitude]
    /// (`SpecialFunctionSupport.solveIncreasing`), on the equation of whichever of p and q is
    /// smaller. Always converges (checked on 100,000 random cases with a in [0.05, 1e5] and p or
    /// q down to 1e-300): x is within an ulp of the root of the computed P or Q.
    static func solve(a: Double, p: Double, q: Double) -> Double {
        precondition(a > 0, "incomplete gamma needs a > 0")
        guard p >= 0, q >= 0, !p.isNaN, !q.isNaN else { return .nan }
        if p == 0 { return 0 }
        if q == 0 { return .infinity }
        let lowerTail = p <= q
        let guess = initialGuess(a: a, p: p, q: q)
        return SpecialFunctionSupport.solveIncreasing(lower: 0, upper: .greatestFiniteMagnitude, guess: guess,
                                                          scale: lowerTail ? p : q) { x in
            let (px, qx) = regularizedPair(a: a, x: x)
            let value = lowerTail ? px - p : q - qx
            return (value, density(a: a, x: x), (a - 1) / x - 1)
        }
    }

    static func initialGuess(a: Double, p: Double, q: Double) -> Double {
        // Small p: P(a, x) ≈ xᵃ / Γ(a + 1).
        let smallP = Double.exp((Double.log(p) + Double.logGamma(a + 1)) / a)
        if a >= 1 {
            let z = p < 0.5 ? StandardNormal.quantile(p) : StandardNormal.complementaryQuantile(q)
            let c = 1 - 1 / (9 * a) + z / (3 * a.squareRoot())
            let wilsonHilferty = a * c * c * c
            return wilsonHilferty > 0 && wilsonHilferty > smallP * 0.5 ? wilsonHilferty : smallP
        }
        let t = 1 - a * (0.253 + a * 0.12)
        if p < t { return smallP }
        return 1 - Double.log(q / (1 - t))
    }

    /// xᵃe⁻ˣ/Γ(a). For a < 10, exp(a·ln x − x − lnΓ(a)); for larger a, with t = (x − a)/a,
    /// √(a/2π) · exp(−a·(t − ln(1 + t)) − δ(a)) (δ: Stirling's remainder), which avoids the
    /// cancellation between a·ln x, x and lnΓ(a) (Temme; as in Boost's `regularised_gamma_prefix`).
    static func prefix(a: Double, x: Double) -> Double {
        if a < 10 {
            return Double.exp(a * Double.log(x) - x - Double.logGamma(a))
        }
        // t − ln(1 + t) with 1 + t = x/a: by its series near t = 0, and for x ≪ a with ln(x/a)
        // of the once-rounded quotient (1 + t would have lost digits to cancellation).
        let t = (x - a) / a
        let u = t < -0.5 ? t - Double.log(x / a) : SpecialFunctionSupport.tMinusLog1p(t)
        let exponent = -a * u - SpecialFunctionSupport.stirlingCorrection(a)
        return (a / (2 * Double.pi)).squareRoot() * Double.exp(exponent)
    }

    /// Legendre's continued fraction for Q(a, x)·Γ(a)/(xᵃe⁻ˣ) by the modified Lentz method
    /// (Numerical Recipes `gcf`), to relative precision 4e-16.
    static func continuedFraction(a: Double, x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 1e7 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 4e-16 { break }
            i += 1
        }
        return h
    }
}
