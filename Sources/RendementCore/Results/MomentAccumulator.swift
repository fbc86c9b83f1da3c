/// The moments of one output over a chunk's batches, in one pass over each batch.
///
/// Sums of x − K and (x − K)² are kept around a shift K (the chunk's first finite value), so
/// that the variance m2 = Σ(x − K)² − (Σ(x − K))²/n does not cancel the way raw sums of squares
/// do when the mean is large against the spread: with K a typical value, the relative error of
/// m2 stays within a few units of 2⁻⁵³ times the ratio (mean − K)²/variance + 1. The sums, the
/// extremes and the count of positive values have eight lanes each (value i in lane i mod 8), so
/// the additions do not wait on each other, and are reduced once per chunk rather than per batch.
///
/// A batch holding an infinity or NaN (or overflowing the sums) goes to the careful two-pass
/// `Moments(nonFinite:)` instead and is merged at the end. The result depends only on the values
/// and their order, never on threads.
struct MomentAccumulator {
    private var shift = 0.0
    private var started = false
    private var count = 0
    private var sum = SIMD8<Double>()
    private var squares = SIMD8<Double>()
    private var lowest = SIMD8<Double>(repeating: .infinity)
    private var highest = SIMD8<Double>(repeating: -.infinity)
    private var positive = SIMD8<Int64>()
    /// Batches with non-finite values.
    private var careful = Moments()

    init() {}

    /// Adds the `count` values at `values`.
    @inline(__always)
    mutating func add(_ values: UnsafePointer<Double>, count n: Int) {
        guard n > 0 else { return }
        if !started {
            started = true
            if let first = (0..<n).first(where: { values[$0].isFinite }) { shift = values[first] }
        }
        let raw = UnsafeRawPointer(values)
        @inline(__always) func load(_ i: Int) -> SIMD8<Double> { raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self) }
        let k8 = SIMD8<Double>(repeating: shift)
        var s = SIMD8<Double>(), q = SIMD8<Double>(), lo = lowest, hi = highest, p = positive
        let whole = n & ~7
        var i = 0
        while i < whole {
            let a = load(i)
            let d = a - k8
            s += d
            q += d * d
            lo.replace(with: a, where: a .< lo)
            hi.replace(with: a, where: a .> hi)
            p &-= unsafeBitCast(a .> 0, to: SIMD8<Int64>.self)   // a true lane is −1
            i += 8
        }
        while i < n {
            let a = values[i], d = a - shift
            s[0] += d
            q[0] += d * d
            lo[0] = a < lo[0] ? a : lo[0]
            hi[0] = a > hi[0] ? a : hi[0]
            p[0] &+= a > 0 ? 1 : 0
            i += 1
        }
        // An infinity or NaN anywhere (or an overflow) makes these sums non-finite.
        let check = Moments.pairwiseSum(s) + Moments.pairwiseSum(q)
        guard check - check == 0 else {
            careful.merge(Moments(nonFinite: UnsafeBufferPointer(start: values, count: n)))
            return
        }
        sum += s
        squares += q
        (lowest, highest, positive) = (lo, hi, p)
        count += n
    }

    /// The moments of everything added.
    var moments: Moments {
        guard count > 0 else { return careful }
        let n = Double(count)
        let s1 = Moments.pairwiseSum(sum), s2 = Moments.pairwiseSum(squares)
        var total = Moments(count: count, mean: shift + s1 / n, m2: Swift.max(0, s2 - s1 * (s1 / n)),
                            min: Moments.smallest(lowest), max: Moments.largest(highest),
                            positive: Int(positive.wrappedSum()), nonFinite: 0)
        total.merge(careful)
        return total
    }
}
