import RealModule

/// The standard normal distribution N(0, 1): density, distribution function (both tails) and
/// inverse distribution function.
public enum StandardNormal {
    /// 1/√(2π).
    @usableFromInline static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94
    /// 1/√2.
    @usableFromInline static let inverseSqrtTwo = 0.707_106_781_186_547_524_40
    /// √2 as the sum of two doubles.
    @usableFromInline static let sqrtTwoHigh = 1.414_213_562_373_095_1
    @usableFromInline static let sqrtTwoLow = -9.667_293_313_452_913e-17
    /// 2/√π.
    @usableFromInline static let twoOverSqrtPi = 1.128_379_167_095_512_6

    /// The density φ(x) = exp(−x²/2) / √(2π).
    ///
    /// The rounding error of x² (recovered exactly with a fused multiply-add) is put back as a
    /// first-order factor, so the result is within a few ulps even where the exponential
    /// magnifies it (|x| ≫ 1). Returns 0 for |x| ≳ 38.6, where φ underflows.
    @inlinable
    public static func density(_ x: Double) -> Double {
        let square = x * x
        guard square.isFinite else { return 0 }
        let squareError = (-square).addingProduct(x, x)
        return inverseSqrtTwoPi * Double.exp(-0.5 * square) * (1 - 0.5 * squareError)
    }

    /// The distribution function Φ(x) = P(Z ≤ x) = Q(−x); see `complementaryCDF`. The lower
    /// tail keeps full *relative* accuracy: Φ(−37) ≈ 5.7e-300 is right to a few ulps.
    @inlinable
    public static func cdf(_ x: Double) -> Double {
        complementaryCDF(-x)
    }

    /// The upper tail Q(x) = 1 − Φ(x) = P(Z > x) = erfc(x/√2) / 2, computed directly (no
    /// cancellation), so Q(x) keeps its relative accuracy far into the upper tail.
    ///
    /// The platform's erfc (glibc: a few ulps) is evaluated at z = fl(x/√2); the rounding of z,
    /// which the Gaussian would magnify to a relative error of about 2z²·ε (6e-14 at x = 30, the
    /// level of SciPy's `ndtr`), is corrected to first order: erfc(x/√2) ≈ erfc(z) +
    /// (2/√π)·e^(−z²)·(z − x/√2), with z·√2 − x computed exactly by a fused multiply-add and a
    /// two-part √2. Overall a few ulps for all x where Q(x) does not underflow (x < 37.5).
    @inlinable
    public static func complementaryCDF(_ x: Double) -> Double {
        let z = x * inverseSqrtTwo
        let value = Double.erfc(z)
        guard z > 0.5, value > 0 else { return 0.5 * value }
        // z·√2 − x, exactly up to the tiny z·(√2 − sqrtTwoHigh) term.
        let residual = (-x).addingProduct(z, sqrtTwoHigh) + z * sqrtTwoLow
        let correction = twoOverSqrtPi * Double.exp(-z * z) * residual * inverseSqrtTwo
        return 0.5 * (value + correction)
    }

    /// P(a < Z ≤ b) = Φ(b) − Φ(a), for a ≤ b, without cancellation in either tail: when the
    /// interval lies in the upper half it is computed as Q(a) − Q(b). Infinite bounds are allowed.
    @inlinable
    public static func probability(from a: Double, to b: Double) -> Double {
        if a > 0 { return complementaryCDF(a) - complementaryCDF(b) }
        if b < 0 { return cdf(b) - cdf(a) }
        // The interval contains 0: both tails are small and the result is at least of order φ.
        return 1 - cdf(a) - complementaryCDF(b)
    }

    /// The inverse distribution function Φ⁻¹(p), the probit, for p in [0, 1]
    /// (−∞ at 0, +∞ at 1, NaN outside).
    ///
    /// Wichura, M. J. (1988), "Algorithm AS 241: The percentage points of the normal
    /// distribution", Applied Statistics 37(3), 477–484: PPND16, rational minimax
    /// approximations in three regions, relative accuracy about 1e-16. For p > 1/2 the
    /// algorithm works with 1 − p, which is exact there, so both tails are resolved to the
    /// precision of p itself; for an upper-tail probability q known more accurately than
    /// 1 − q, call `complementaryQuantile(q)`.
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2.509_080_928_730_122_672_7e+3 * r
                + 3.343_057_558_358_812_810_5e+4) * r
                + 6.726_577_092_700_870_085_3e+4) * r
                + 4.592_195_393_154_987_145_7e+4) * r
                + 1.373_169_376_550_946_112_5e+4) * r
                + 1.971_590_950_306_551_442_7e+3) * r
                + 1.331_416_678_917_843_774_5e+2) * r
                + 3.387_132_872_796_366_608_0e+0)
            let den = (((((((5.226_495_278_852_854_561_0e+3 * r
                + 2.872_908_573_572_194_267_4e+4) * r
                + 3.930_789_580_009_271_061_0e+4) * r
                + 2.121_379_430_158_659_586_7e+4) * r
                + 5.394_196_021_424_751_107_7e+3) * r
                + 6.871_870_074_920_579_083_0e+2) * r
                + 4.231_333_070_160_091_125_2e+1) * r
                + 1.0)
            return q * num / den
        }
        let tail = q < 0 ? p : 1 - p
        return q < 0 ? -tailQuantile(tail) : tailQuantile(tail)
    }

    /// The upper-tail quantile: the x with Q(x) = 1 − Φ(x) = q, i.e. −Φ⁻¹(q), exact by symmetry.
    /// Use it when the upper-tail probability q is small and known to full relative precision.
    @inlinable
    public static func complementaryQuantile(_ q: Double) -> Double {
        -quantile(q)
    }

    /// AS 241's tail branches: |Φ⁻¹(t)| for a tail probability 0 ≤ t < 0.075.
    @usableFromInline
    static func tailQuantile(_ t: Double) -> Double {
        if t <= 0 { return .infinity }
        var r = (-Double.log(t)).squareRoot()
        if r <= 5 {
            r -= 1.6
            let num = (((((((7.745_450_142_783_414_076_40e-4 * r
                + 2.272_384_498_926_918_458_33e-2) * r
                + 2.417_807_251_774_506_117_70e-1) * r
                + 1.270_458_252_452_368_382_58e+0) * r
                + 3.647_848_324_763_204_605_04e+0) * r
                + 5.769_497_221_460_691_405_50e+0) * r
                + 4.630_337_846_156_545_295_90e+0) * r
                + 1.423_437_110_749_683_577_34e+0)
            let den = (((((((1.050_750_071_644_416_843_24e-9 * r
                + 5.475_938_084_995_344_946_00e-4) * r
                + 1.519_866_656_361_645_719_66e-2) * r
                + 1.481_039_764_274_800_745_90e-1) * r
                + 6.897_673_349_851_000_045_50e-1) * r
                + 1.676_384_830_183_803_849_40e+0) * r
                + 2.053_191_626_637_758_821_87e+0) * r
                + 1.0)
            return num / den
        }
        r -= 5
        let num = (((((((2.010_334_399_292_288_132_65e-7 * r
            + 2.711_555_568_743_487_578_15e-5) * r
            + 1.242_660_947_388_078_438_60e-3) * r
            + 2.653_218_952_657_612_309_30e-2) * r
            + 2.965_605_718_285_048_912_30e-1) * r
            + 1.784_826_539_917_291_335_80e+0) * r
            + 5.463_784_911_164_114_369_90e+0) * r
            + 6.657_904_643_501_103_777_20e+0)
        let den = (((((((2.044_263_103_389_939_785_64e-15 * r
            + 1.421_511_758_316_445_888_70e-7) * r
            + 1.846_318_317_510_054_681_80e-5) * r
            + 7.868_691_311_456_132_591_00e-4) * r
            + 1.487_536_129_085_061_485_25e-2) * r
            + 1.369_298_809_227_358_053_10e-1) * r
            + 5.998_322_065_558_879_376_90e-1) * r
            + 1.0)
        return num / den
    }
}
