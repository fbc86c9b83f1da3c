/// Sample quantiles by Hyndman & Fan's type 7 (NumPy's default `linear`): with the values sorted
/// as x₀ ≤ … ≤ x_{n−1} and h = (n − 1)p, Q(p) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋).
///
/// Computed by exact bucketed selection (`BucketSelect`), not by sorting. The values may be
/// reordered in place. NaNs must be removed first.
public enum Quantiles {
    /// The probabilities every summary reports, with their JSON keys.
    public static let standard: [(key: String, p: Double)] = [
        ("p01", 0.01), ("p05", 0.05), ("p10", 0.10), ("p25", 0.25), ("p50", 0.50),
        ("p75", 0.75), ("p90", 0.90), ("p95", 0.95), ("p99", 0.99),
    ]

    /// Type-7 quantiles of `values` at ascending `probabilities`.
    /// `finiteRange`, when given, is the exact minimum and maximum of `values`, all finite: it
    /// saves a pass over them.
    public static func typeSeven<T: BinaryFloatingPoint>(_ values: UnsafeMutableBufferPointer<T>, at probabilities: [Double],
                                                         finiteRange: (lo: T, hi: T)? = nil) -> [Double] {
        typeSeven(count: values.count, at: probabilities) { BucketSelect.orderStatistics(values, ranks: $0, finiteRange: finiteRange) }
    }

    /// Type-7 quantiles of the values of a column that is only read, NaNs left out (counted by a
    /// pass of their own unless `finiteRange` says that every value is finite, with that exact
    /// minimum and maximum).
    static func typeSeven<C: ValueColumn>(_ column: C, at probabilities: [Double], finiteRange: (lo: C.Value, hi: C.Value)? = nil) -> [Double] {
        var count = column.count
        if finiteRange == nil { for i in 0..<column.count where column[i].isNaN { count -= 1 } }
        return typeSeven(count: count, at: probabilities) { BucketSelect.orderStatistics(column, ranks: $0, finiteRange: finiteRange) }
    }

    /// Type-7 quantiles of n values from their order statistics at the ranks asked for.
    private static func typeSeven(count n: Int, at probabilities: [Double], orderStatistics: ([Int]) -> [Double]) -> [Double] {
        guard n > 0 else { return probabilities.map { _ in .nan } }
        let ranks = ranks(count: n, at: probabilities)
        return typeSeven(count: n, at: probabilities, ranks: ranks, statistics: orderStatistics(ranks))
    }

    /// The ranks (0-based, ascending) whose values type-7 quantiles of n > 0 values at `probabilities` need.
    static func ranks(count n: Int, at probabilities: [Double]) -> [Int] {
        var ranks: [Int] = []
        for p in probabilities {
            precondition(p >= 0 && p <= 1)
            let k = Int((Double(n - 1) * p).rounded(.down))
            ranks.append(k)
            if k + 1 < n { ranks.append(k + 1) }
        }
        return Array(Set(ranks)).sorted()
    }

    /// Type-7 quantiles of n > 0 values from their values `statistics` at `ranks` (from `ranks(count:at:)`).
    static func typeSeven(count n: Int, at probabilities: [Double], ranks: [Int], statistics: [Double]) -> [Double] {
        func value(_ rank: Int) -> Double { statistics[ranks.firstIndex(of: rank)!] }
        return probabilities.map { p in
            let h = Double(n - 1) * p
            let k = Int(h.rounded(.down))
            let xk = value(k)
            guard k + 1 < n, h > Double(k) else { return xk }
            return xk + (h - Double(k)) * (value(k + 1) - xk)
        }
    }

    /// Convenience for arrays (copies them).
    public static func typeSeven(_ values: [Double], at probabilities: [Double]) -> [Double] {
        var copy = values.filter { !$0.isNaN }
        return copy.withUnsafeMutableBufferPointer { typeSeven($0, at: probabilities) }
    }

    /// Puts the element of every rank in `ranks` (sorted) at its place, as a full sort would,
    /// by recursive Hoare partitioning that only descends into parts holding a wanted rank
    /// (expected O(n log r) for r ranks). Median-of-three pivots; equal keys split evenly.
    static func multiSelect<T: BinaryFloatingPoint>(_ a: UnsafeMutableBufferPointer<T>, lo: Int, hi: Int, ranks: ArraySlice<Int>) {
        var lo = lo, hi = hi, ranks = ranks
        while !ranks.isEmpty, hi > lo {
            if hi - lo < 24 {
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
            // Now a[lo...j] ≤ pivot ≤ a[i...hi], and anything strictly between equals the pivot.
            let left = ranks.prefix { $0 <= j }
            let right = ranks.drop { $0 < i }
            if left.count > right.count {
                multiSelect(a, lo: i, hi: hi, ranks: right)
                hi = j; ranks = left
            } else {
                multiSelect(a, lo: lo, hi: j, ranks: left)
                lo = i; ranks = right
            }
        }
    }
}
