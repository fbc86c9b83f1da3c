/// Count, mean, sum of squared deviations, extremes and the number of positive values of a
/// set of samples; mergeable (Chan, Golub & LeVeque 1979), so chunk results combine exactly the
/// same way whatever the thread count when merged in chunk order.
///
/// Non-finite values (an infinite BCR where costs are zero) are counted apart and left out of
/// the mean and variance.
public struct Moments: Sendable, Hashable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    public private(set) var m2 = 0.0
    public private(set) var min = Double.infinity
    public private(set) var max = -Double.infinity
    /// Values strictly greater than zero (finite or not).
    public private(set) var positive = 0
    /// Infinite or NaN values.
    public private(set) var nonFinite = 0

    public init() {}

    /// Moments from their parts (as stored in a partial result file).
    public init(count: Int, mean: Double, m2: Double, min: Double, max: Double, positive: Int, nonFinite: Int) {
        (self.count, self.mean, self.m2, self.min, self.max, self.positive, self.nonFinite) = (count, mean, m2, min, max, positive, nonFinite)
    }

    /// Moments of `values` (one vectorised pass, see `MomentAccumulator`).
    public init(_ values: UnsafeBufferPointer<Double>) {
        var accumulator = MomentAccumulator()
        if let x = values.baseAddress { accumulator.add(x, count: values.count) }
        self = accumulator.moments
    }

    /// Moments of values that may include infinities or NaNs, by two scalar passes (mean first,
    /// then squared deviations).
    init(nonFinite values: UnsafeBufferPointer<Double>) {
        var sum = 0.0, n = 0, lo = Double.infinity, hi = -Double.infinity, pos = 0, bad = 0
        for x in values {
            if x > 0 { pos += 1 }
            if x.isFinite {
                sum += x
                n += 1
                if x < lo { lo = x }
                if x > hi { hi = x }
            } else {
                bad += 1
                if x == .infinity { hi = .infinity } else if x == -.infinity { lo = -.infinity }
            }
        }
        let mean = n > 0 ? sum / Double(n) : 0
        var m2 = 0.0
        if bad == 0 {
            for x in values { let d = x - mean; m2 += d * d }
        } else {
            for x in values where x.isFinite { let d = x - mean; m2 += d * d }
        }
        (count, self.mean, self.m2, min, max, positive, nonFinite) = (n, mean, m2, lo, hi, pos, bad)
    }

    /// The sum of the eight lanes in a fixed order: ((0 + 4) + (2 + 6)) + ((1 + 5) + (3 + 7)).
    @inline(__always)
    static func pairwiseSum(_ v: SIMD8<Double>) -> Double {
        let quarter = v.lowHalf + v.highHalf
        let half = quarter.lowHalf + quarter.highHalf
        return half[0] + half[1]
    }

    /// The smallest lane, by halving (the library's `min()` and `pointwiseMin` are calls here).
    @inline(__always)
    static func smallest(_ v: SIMD8<Double>) -> Double {
        var four = v.lowHalf
        four.replace(with: v.highHalf, where: v.highHalf .< four)
        var two = four.lowHalf
        two.replace(with: four.highHalf, where: four.highHalf .< two)
        return two[1] < two[0] ? two[1] : two[0]
    }

    /// The largest lane, by halving.
    @inline(__always)
    static func largest(_ v: SIMD8<Double>) -> Double {
        var four = v.lowHalf
        four.replace(with: v.highHalf, where: v.highHalf .> four)
        var two = four.lowHalf
        two.replace(with: four.highHalf, where: four.highHalf .> two)
        return two[1] > two[0] ? two[1] : two[0]
    }

    public init(_ values: [Double]) {
        self = values.withUnsafeBufferPointer { Moments($0) }
    }

    /// Adds another set's moments (Chan et al.'s pairwise update).
    public mutating func merge(_ other: Moments) {
        positive += other.positive
        nonFinite += other.nonFinite
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
        guard other.count > 0 else { return }
        guard count > 0 else { (count, mean, m2) = (other.count, other.mean, other.m2); return }
        let n = count + other.count
        let delta = other.mean - mean
        mean += delta * Double(other.count) / Double(n)
        m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / Double(n)
        count = n
    }

    /// All values, finite or not.
    public var total: Int { count + nonFinite }

    /// The sample variance with n − 1 in the denominator.
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }

    public var standardDeviation: Double { variance.squareRoot() }

    /// The Monte Carlo standard error of the mean, sd / √n (for independent samples).
    public var standardError: Double { count > 0 ? standardDeviation / Double(count).squareRoot() : 0 }

    /// The share of values strictly above zero.
    public var probabilityPositive: Double { total > 0 ? Double(positive) / Double(total) : 0 }

    /// The standard error of `probabilityPositive`, √(p(1 − p)/n).
    public var probabilityPositiveError: Double {
        let p = probabilityPositive
        return total > 0 ? (p * (1 - p) / Double(total)).squareRoot() : 0
    }
}
