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

    /// The moments when every value is finite (nil otherwise): four independent accumulators per
    /// quantity (value i goes to lane i mod 4), so the additions do not wait on each other (a
    /// single running sum is bound by the latency of one addition per value), held as one vector.
    @inline(__always)
    static func allFinite(_ v: UnsafeBufferPointer<Double>) -> Moments? {
        let n = v.count
        guard n > 0, let x = v.baseAddress else { return nil }
        let raw = UnsafeRawPointer(x)
        @inline(__always) func load(_ i: Int) -> SIMD4<Double> { raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self) }
        var sum4 = SIMD4<Double>(), lo4 = SIMD4<Double>(repeating: x[0]), hi4 = lo4
        var positive4 = SIMD4<Int64>()
        let whole = n & ~3
        var i = 0
        while i < whole {
            let a = load(i)
            sum4 += a
            lo4.replace(with: a, where: a .< lo4)
            hi4.replace(with: a, where: a .> hi4)
            positive4 &-= unsafeBitCast(a .> 0, to: SIMD4<Int64>.self)   // a true lane is −1
            i += 4
        }
        var (s0, lo0, hi0, p0) = (sum4[0], lo4[0], hi4[0], positive4[0])
        while i < n {
            let a = x[i]
            s0 += a
            lo0 = a < lo0 ? a : lo0
            hi0 = a > hi0 ? a : hi0
            p0 &+= a > 0 ? 1 : 0
            i += 1
        }
        // An infinity or NaN anywhere makes the sum non-finite (as does overflow): the careful path.
        let sum = (s0 + sum4[1]) + (sum4[2] + sum4[3])
        guard sum.isFinite else { return nil }
        let mean = sum / Double(n)
        var m4 = SIMD4<Double>()
        let mean4 = SIMD4<Double>(repeating: mean)
        i = 0
        while i < whole {
            let d = load(i) - mean4
            m4 += d * d
            i += 4
        }
        var m0 = m4[0]
        while i < n { let a = x[i] - mean; m0 += a * a; i += 1 }
        return Moments(count: n, mean: mean, m2: (m0 + m4[1]) + (m4[2] + m4[3]),
                       min: Swift.min(Swift.min(lo0, lo4[1]), Swift.min(lo4[2], lo4[3])),
                       max: Swift.max(Swift.max(hi0, hi4[1]), Swift.max(hi4[2], hi4[3])),
                       positive: Int((p0 + positive4[1]) + (positive4[2] + positive4[3])), nonFinite: 0)
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
