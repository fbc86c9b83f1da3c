import RealModule

/// Shared pieces of the special functions: Stirling's correction, t − log1p(t), a safeguarded
/// root finder for monotone functions and a fixed Gauss–Legendre rule. Internal to the module.
enum SpecialFunctionSupport {
    /// ½·ln(2π).
    static let halfLogTwoPi = 0.918_938_533_204_672_741_78

    /// The remainder of Stirling's series, δ(a) = lnΓ(a) − [(a − ½)·ln a − a + ½·ln 2π], a > 0.
    ///
    /// For a ≥ 8 the asymptotic series Σ B₂ₖ / (2k(2k − 1)·a²ᵏ⁻¹), k = 1…8 (truncation below
    /// 1e-16 absolute); below 8 the difference of lnΓ and the Stirling terms, whose size keeps
    /// the cancellation under ~1e-15 absolute. Used where lnΓ(a) itself would cancel: δ is what
    /// remains in ratios of gamma functions of large arguments.
    static func stirlingCorrection(_ a: Double) -> Double {
        if a < 8 {
            return Double.logGamma(a) - ((a - 0.5) * Double.log(a) - a + halfLogTwoPi)
        }
        let r = 1 / a
        let r2 = r * r
        let series = 1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680 + r2 * (1.0 / 1188
            + r2 * (-691.0 / 360_360 + r2 * (1.0 / 156 + r2 * (-3617.0 / 122_400)))))))
        return series * r
    }

    /// t − ln(1 + t) for t > −1, accurate also for small |t| (where both terms nearly cancel).
    ///
    /// For |t| ≤ ½, with u = t / (2 + t): ln(1 + t) = 2·atanh u, so t − ln(1 + t) = t·u − 2(u³/3 +
    /// u⁵/5 + …), a series with |u| ≤ ⅓ summed to full precision. Otherwise directly.
    static func tMinusLog1p(_ t: Double) -> Double {
        if abs(t) > 0.5 { return t - Double.log(onePlus: t) }
        let u = t / (2 + t)
        let u2 = u * u
        var power = u * u2
        var sum = 0.0
        var k = 3.0
        while true {
            let term = power / k
            sum += term
            if abs(term) <= abs(sum) * 1e-17 { break }
            power *= u2
            k += 2
        }
        return t * u - 2 * sum
    }

    /// Solves f(x) = 0 for an increasing f on [lower, upper] (0 ≤ lower < upper, with
    /// f(lower) ≤ 0 ≤ f(upper) assumed rather than evaluated) by Halley's method safeguarded with
    /// bisection.
    ///
    /// `evaluate(x)` returns f(x), f′(x) > 0 and f″(x)/f′(x). Each evaluation narrows a bracket;
    /// a Halley step that leaves the bracket, or that failed to halve |f|, is replaced by a
    /// bisection of the bracket's *bit patterns* (for non-negative doubles a geometric bisection
    /// that reaches adjacent doubles within 64 steps, whatever the scale). Stops when a step is
    /// below 1e-13·|x| while |f| ≤ 0.01·`scale` (the size of the target, so that the iteration
    /// is in its quadratic regime: the error after such a step is at the level of the function's
    /// own rounding; a small step alone can also mean slow, linear progress on a power law), or
    /// when the bracket holds no double between its ends.
    static func solveIncreasing(
        lower: Double, upper: Double, guess: Double, scale: Double,
        evaluate: (Double) -> (value: Double, derivative: Double, curvature: Double)
    ) -> Double {
        var lo = lower, hi = upper
        var x = (guess > lo && guess < hi) ? guess : bitMidpoint(lo, hi)
        var previousSize = Double.infinity
        var lastWasHalley = false
        for _ in 0..<400 {
            let (f, d, c) = evaluate(x)
            if f == 0 { return x }
            if f < 0 { lo = x } else if f > 0 { hi = x }
            if hi.bitPattern &- lo.bitPattern <= 1 { return x }
            let slow = lastWasHalley && !(abs(f) <= 0.5 * previousSize)
            previousSize = abs(f)
            var step = f / d
            let correction = 0.5 * step * c
            if abs(correction) < 0.5 { step /= 1 - correction }
            var next = x - step
            if next == x {
                // A step below half an ulp: x is the root rounded, unless progress is still
                // linear (a large residual), where the neighbour in the step's direction is next.
                if abs(f) <= 0.01 * scale { return x }
                next = step > 0 ? x.nextDown : x.nextUp
            }
            if slow || !(next > lo && next < hi) {
                x = bitMidpoint(lo, hi)
                lastWasHalley = false
                continue
            }
            if abs(step) <= 1e-13 * abs(next) && abs(f) <= 0.01 * scale { return next }
            x = next
            lastWasHalley = true
        }
        return x
    }

    /// ∫ f over [start, start + width] by 10-point Gauss–Legendre quadrature (nodes and weights
    /// to 16 digits). For a positive integrand whose logarithm changes by at most ~1 over the
    /// interval the rule is exact to ~1e-16 relative; it is used for the probability of a short
    /// slice above a truncation bound, where a difference of two CDF values would cancel.
    static func gaussLegendre(from start: Double, width: Double, _ f: (Double) -> Double) -> Double {
        let half = 0.5 * width, middle = start + half
        func pair(_ node: Double) -> Double { f(middle - half * node) + f(middle + half * node) }
        let sum = 0.295_524_224_714_752_87 * pair(0.148_874_338_981_631_22)
            + 0.269_266_719_309_996_35 * pair(0.433_395_394_129_247_2)
            + 0.219_086_362_515_982_04 * pair(0.679_409_568_299_024_4)
            + 0.149_451_349_150_580_6 * pair(0.865_063_366_688_984_5)
            + 0.066_671_344_308_688_14 * pair(0.973_906_528_517_171_7)
        return sum * half
    }

    /// The double whose bit pattern is halfway between those of two non-negative doubles.
    static func bitMidpoint(_ a: Double, _ b: Double) -> Double {
        let (lo, hi) = (a.bitPattern, b.bitPattern)
        return Double(bitPattern: lo + (hi - lo) / 2)
    }
}
