/// Sample quantiles by Hyndman & Fan's type 7 (NumPy's default `linear`): with the values sorted
/// as x₀ ≤ … ≤ x_{n−1} and h = (n − 1)p, Q(p) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋).
///
/// Computed by selection (expected O(n) per quantile, on the part of the array not yet
/// partitioned), not by sorting. The values are reordered in place. NaNs must be removed first.
public enum Quantiles {
    /// The probabilities every summary reports, with their JSON keys.
    public static let standard: [(key: String, p: Double)] = [
        ("p01", 0.01), ("p05", 0.05), ("p10", 0.10), ("p25", 0.25), ("p50", 0.50),
        ("p75", 0.75), ("p90", 0.90), ("p95", 0.95), ("p99", 0.99),
    ]

    /// Type-7 quantiles of `values` at ascending `probabilities`.
    public static func typeSeven<T: BinaryFloatingPoint>(_ values: UnsafeMutableBufferPointer<T>, at probabilities: [Double]) -> [Double] {
        let n = values.count
        guard n > 0 else { return probabilities.map { _ in .nan } }
        var result: [Double] = []
        var low = 0   // everything before `low` is ≤ everything from `low` on
        for p in probabilities {
            precondition(p >= 0 && p <= 1)
            let h = Double(n - 1) * p
            let k = Int(h.rounded(.down))
            if k >= low { select(values, k, from: low) ; low = k }
            let xk = Double(values[k])
            guard k + 1 < n, h > Double(k) else { result.append(xk); continue }
            // The next order statistic is the minimum of what lies above position k.
            var next = values[k + 1]
            for i in (k + 2)..<n where values[i] < next { next = values[i] }
            result.append(xk + (h - Double(k)) * (Double(next) - xk))
        }
        return result
    }

    /// Convenience for arrays (copies them).
    public static func typeSeven(_ values: [Double], at probabilities: [Double]) -> [Double] {
        var copy = values.filter { !$0.isNaN }
        return copy.withUnsafeMutableBufferPointer { typeSeven($0, at: probabilities) }
    }

    /// Puts the k-th smallest of values[from...] at position k, smaller ones before, larger after
    /// (Hoare partition with median-of-three pivots; equal keys split evenly, so ties are cheap).
    static func select<T: BinaryFloatingPoint>(_ a: UnsafeMutableBufferPointer<T>, _ k: Int, from start: Int) {
        var lo = start, hi = a.count - 1
        while hi > lo {
            if hi - lo < 16 {
                for i in (lo + 1)...hi {
                    let v = a[i]; var j = i - 1
                    while j >= lo && a[j] > v { a[j + 1] = a[j]; j -= 1 }
                    a[j + 1] = v
                }
                return
            }
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}
