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

    /// Moments of `values`, by two passes (mean first, then squared deviations) for accuracy.
    public init(_ values: UnsafeBufferPointer<Double>) {
        if let moments = Self.allFinite(values) { self = moments; return }
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

    /// The moments when every value is finite (nil otherwise): eight independent accumulators per
    /// quantity (value i goes to lane i mod 8), held as one 8-wide vector, which AVX2 keeps in
    /// two registers: the additions do not wait on each other (a single running sum is bound by
    /// the latency of one addition per value, and one 4-wide sum by one per four values).
    @inline(__always)
    static func allFinite(_ v: UnsafeBufferPointer<Double>) -> Moments? {
        let n = v.count
        guard n > 0, let x = v.baseAddress else { return nil }
        let raw = UnsafeRawPointer(x)
        @inline(__always) func load(_ i: Int) -> SIMD8<Double> { raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self) }
        var sum8 = SIMD8<Double>(), lo8 = SIMD8<Double>(repeating: x[0]), hi8 = lo8
        var positive8 = SIMD8<Int64>()
        let whole = n & ~7
        var i = 0
        while i < whole {
            let a = load(i)
            sum8 += a
            lo8.replace(with: a, where: a .< lo8)
            hi8.replace(with: a, where: a .> hi8)
            positive8 &-= unsafeBitCast(a .> 0, to: SIMD8<Int64>.self)   // a true lane is −1
            i += 8
        }
        var (s0, lo0, hi0, p0) = (sum8[0], lo8[0], hi8[0], positive8[0])
        while i < n {
            let a = x[i]
            s0 += a
            lo0 = a < lo0 ? a : lo0
            hi0 = a > hi0 ? a : hi0
            p0 &+= a > 0 ? 1 : 0
            i += 1
        }
        sum8[0] = s0
        lo8[0] = lo0
        hi8[0] = hi0
        positive8[0] = p0
        // An infinity or NaN anywhere makes the sum non-finite (as does overflow): the careful path.
        let sum = pairwiseSum(sum8)
        guard sum.isFinite else { return nil }
        let mean = sum / Double(n)
        var m8 = SIMD8<Double>()
        let mean8 = SIMD8<Double>(repeating: mean)
        i = 0
        while i < whole {
            let d = load(i) - mean8
            m8 += d * d
            i += 8
        }
        while i < n { let a = x[i] - mean; m8[0] += a * a; i += 1 }
        // The lanes' extremes by halving (the library's `min()` and `max()` are calls here).
        let lo4 = pointwiseMin(lo8.lowHalf, lo8.highHalf), hi4 = pointwiseMax(hi8.lowHalf, hi8.highHalf)
        let lo2 = pointwiseMin(lo4.lowHalf, lo4.highHalf), hi2 = pointwiseMax(hi4.lowHalf, hi4.highHalf)
        return Moments(count: n, mean: mean, m2: pairwiseSum(m8), min: Swift.min(lo2[0], lo2[1]), max: Swift.max(hi2[0], hi2[1]),
                       positive: Int(positive8.wrappedSum()), nonFinite: 0)
    }

    /// The sum of the eight lanes in a fixed order: ((0 + 4) + (2 + 6)) + ((1 + 5) + (3 + 7)).
    @inline(__always)
    static func pairwiseSum(_ v: SIMD8<Double>) -> Double {
        let quarter = v.lowHalf + v.highHalf
        let half = quarter.lowHalf + quarter.highHalf
        return half[0] + half[1]
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
