import Foundation

/// Keeps per-sample values of one output for quantiles, at the precision the memory budget allows;
/// or, for an output that is the difference or ratio of two others kept in double precision
/// (NPV and BCR of the PVs), nothing: its values are recomputed from theirs, bit for bit as the
/// model computed them, while its quantiles are selected. That halves the memory written per
/// sample for the main outputs (first writes to fresh pages are the costly part here).
final class OutputStore: @unchecked Sendable {
    enum Precision { case double, single }
    let precision: Precision
    /// Samples kept: all of them, or a prefix (the first `kept` samples).
    let kept: Int
    private let doubles: UnsafeMutableBufferPointer<Double>?
    private let floats: UnsafeMutableBufferPointer<Float>?
    /// The two stores this output's values follow from, and whether as their ratio.
    let derivation: (ratio: Bool, left: OutputStore, right: OutputStore)?

    /// The run's block of memory that `doubles` or `floats` lie in (held, so that it lives as long).
    private let arena: StoreArena?

    /// The bytes a store of `kept` values in `precision` takes.
    static func bytes(_ precision: Precision, kept: Int) -> Int {
        kept * (precision == .double ? MemoryLayout<Double>.stride : MemoryLayout<Float>.stride)
    }

    /// A store of `kept` values in `precision`, in room taken from `arena`.
    init(precision: Precision, kept: Int, in arena: StoreArena) {
        self.precision = precision
        self.kept = kept
        self.arena = arena
        derivation = nil
        switch precision {
        case .double: doubles = arena.take(Double.self, count: kept); floats = nil
        case .single: floats = arena.take(Float.self, count: kept); doubles = nil
        }
    }

    /// An output computed as left − right (or left / right) from two stores kept in double precision.
    init(ratio: Bool, of left: OutputStore, _ right: OutputStore) {
        precondition(left.doubles != nil && right.doubles != nil && left.kept == right.kept)
        precision = .double
        kept = left.kept
        derivation = (ratio, left, right)
        doubles = nil
        floats = nil
        arena = nil
    }

    /// Whether quantiles of this output read other stores (which must not be reordered before).
    var isDerived: Bool { derivation != nil }

    /// Stores `values` for samples start ..< start + count (the part below `kept`). Chunks write
    /// disjoint ranges, so concurrent calls are safe.
    func store(_ values: UnsafePointer<Double>, start: Int, count: Int) {
        let n = min(count, kept - start)
        guard n > 0 else { return }
        if let doubles { (doubles.baseAddress! + start).update(from: values, count: n) }
        if let floats { for i in 0..<n { floats[start + i] = Float(values[i]) } }
    }

    /// The raw bytes of the kept values of samples `range` (clipped to what is kept).
    func slice(_ range: Range<Int>) -> Data {
        let lo = min(range.lowerBound, kept), hi = min(range.upperBound, kept)
        guard hi > lo, !isDerived else { return Data() }   // a derived output is rebuilt from its sources
        if let doubles { return Data(buffer: UnsafeBufferPointer(rebasing: doubles[lo..<hi])) }
        return Data(buffer: UnsafeBufferPointer(rebasing: floats![lo..<hi]))
    }

    /// Writes raw bytes from `slice` back, starting at sample `start`.
    func fill(_ data: Data, start: Int) {
        data.withUnsafeBytes { raw in
            if let doubles {
                let n = min(raw.count / 8, max(0, kept - start))
                for i in 0..<n { doubles[start + i] = raw.loadUnaligned(fromByteOffset: i * 8, as: Double.self) }
            } else if let floats {
                let n = min(raw.count / 4, max(0, kept - start))
                for i in 0..<n { floats[start + i] = raw.loadUnaligned(fromByteOffset: i * 4, as: Float.self) }
            }
        }
    }

    /// Type-7 quantiles of the first `count` samples (or all kept ones, if fewer); reorders
    /// them; NaNs are dropped first.
    /// `moments`, the moments of every one of the `count` samples: when all were kept and finite,
    /// their extremes are those of the kept values (rounding to single precision keeps the order),
    /// which saves two passes.
    func quantiles(at probabilities: [Double], count: Int, moments: Moments? = nil) -> [Double] {
        let n = min(kept, count)
        let known = knownRange(count: count, moments: moments)
        if let (ratio, left, right) = derivation {
            // Without known extremes (infinities or NaNs among the values), a pass finds them.
            let l = UnsafePointer(left.doubles!.baseAddress!), r = UnsafePointer(right.doubles!.baseAddress!)
            return ratio ? Quantiles.typeSeven(RatioColumn(left: l, right: r, count: n), at: probabilities, finiteRange: known)
                : Quantiles.typeSeven(DifferenceColumn(left: l, right: r, count: n), at: probabilities, finiteRange: known)
        }
        if let doubles {
            let values = UnsafeMutableBufferPointer(rebasing: doubles[0..<n])
            if let known { return Quantiles.typeSeven(values, at: probabilities, finiteRange: known) }
            return Self.quantiles(values, probabilities)
        }
        let values = UnsafeMutableBufferPointer(rebasing: floats![0..<n])
        if let known { return Quantiles.typeSeven(values, at: probabilities, finiteRange: (Float(known.0), Float(known.1))) }
        return Self.quantiles(values, probabilities)
    }

    /// The exact extremes of the first `count` samples' values when `moments` (of those samples)
    /// give them: all kept and finite.
    private func knownRange(count: Int, moments: Moments?) -> (Double, Double)? {
        let n = min(kept, count)
        return moments.flatMap { m in m.nonFinite == 0 && m.count == count && n == count && n > 0 ? (m.min, m.max) : nil }
    }

    /// Quantiles of two stores kept in double precision and of their difference and ratio (as the
    /// stores derived from them compute them), selected together so that each pass reads the two
    /// once: [left, right, left − right, left / right], nil where a column must be selected alone
    /// (unknown extremes, or a heavy tail). Reads only. `moments`: of the first `count` samples of
    /// each of the four.
    static func pairQuantiles(_ left: OutputStore, _ right: OutputStore, at probabilities: [Double], count: Int,
                              moments: [Moments?], threads: Int) -> [[Double]?] {
        let n = min(left.kept, right.kept, count)
        // The derived columns are as long as `left` (and `right`), so its `kept` applies to them.
        let ranges = zip([left, right, left, right], moments).compactMap { store, m in store.knownRange(count: count, moments: m) }
        guard let l = left.doubles?.baseAddress, let r = right.doubles?.baseAddress, ranges.count == 4,
              n > 4 * BucketSelect.bucketCount else { return [nil, nil, nil, nil] }
        let group = PairColumns(left: l, right: r, count: n)
        let ranks = Quantiles.ranks(count: n, at: probabilities)
        let found = BucketSelect.orderStatistics(of: group, ranks: ranks, ranges: ranges.map { (lo: $0.0, hi: $0.1) }, threads: threads)
        return found.map { statistics in statistics.map { Quantiles.typeSeven(count: n, at: probabilities, ranks: ranks, statistics: $0) } }
    }

    private static func quantiles<T: BinaryFloatingPoint>(_ values: UnsafeMutableBufferPointer<T>, _ p: [Double]) -> [Double] {
        // NaN (0/0) is left out; compact only from the first one, as most outputs have none.
        var n = values.firstIndex { $0.isNaN } ?? values.count
        for i in n..<values.count where !values[i].isNaN { values[n] = values[i]; n += 1 }
        return Quantiles.typeSeven(UnsafeMutableBufferPointer(rebasing: values[0..<n]), at: p)
    }

    /// Relative error bound of the stored values (single precision rounds to nearest: 2⁻²⁴).
    var relativeError: Double { precision == .single ? 0x1p-24 : 0 }
}
