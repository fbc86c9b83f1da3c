extension BucketSelect {
    /// The values at `ranks` (0-based, ascending) of every column of `group`, whose values are all
    /// finite with the exact extremes `ranges` (one per column). Both passes read the group once
    /// for all its columns, and are split by sample range over up to `threads` threads; the result
    /// does not depend on the split. nil for a column whose wanted buckets hold too much (a heavy
    /// tail): select that one alone, which refines them.
    static func orderStatistics<G: ColumnGroup>(of group: G, ranks: [Int], ranges: [(lo: Double, hi: Double)],
                                                threads: Int) -> [[Double]?] {
        let width = G.width, buckets = bucketCount, n = group.count
        precondition(ranges.count == width && n > 0 && n < Int(UInt32.max), "one range per column; at most 2³² − 1 values")
        let lo = ranges.map(\.lo)
        // A constant column (lo == hi) falls wholly into bucket 0.
        let scale = ranges.map { $0.hi > $0.lo ? Double(buckets) / ($0.hi - $0.lo) : 0 }
        let parts = max(1, min(threads, n >> 16))
        let bounds = (0...parts).map { p in p == parts ? n : n / parts * p & ~3 }
        let passes = GroupPasses(group: group, lo: lo, scale: scale, bounds: bounds)
        defer { passes.deallocate() }

        Parallel.forEach(parts, threads: threads) { passes.count(part: $0) }
        let counts = (0..<width).map { c in (0..<buckets).map { k in passes.total(column: c, bucket: k) } }
        let plans = counts.map { Plan(counts: $0, ranks: ranks) }
        // A constant column needs no gathering (its one bucket holds every value).
        let constant = ranges.map { $0.lo == $0.hi }
        let gathering = (0..<width).map { c in !constant[c] && !plans[c].isConcentrated(among: n) }
        let (gathered, starts) = passes.prepareGathering(plans: plans, selected: gathering)
        defer { gathered.deallocate() }
        Parallel.forEach(parts, threads: threads) { passes.gather(part: $0, into: gathered) }

        return (0..<width).map { c in
            if constant[c] { return ranks.map { _ in ranges[c].lo } }
            guard gathering[c] else { return nil }
            let own = UnsafeMutableBufferPointer(rebasing: gathered.base[starts[c]..<starts[c] + plans[c].total])
            return plans[c].finish(own, counts: counts[c])
        }
    }
}

/// The two passes of a group's selection: bucket counts per part of the samples, then the wanted
/// buckets' values gathered, each part at its own offsets inside every bucket (so the parts can
/// run at once).
private final class GroupPasses<G: ColumnGroup>: @unchecked Sendable {   // parts touch disjoint memory
    let group: G
    let lo: [Double], scale: [Double]
    /// Part p covers samples bounds[p] ..< bounds[p + 1]; all but the last end on a multiple of 4.
    let bounds: [Int]
    /// Per part, per column, per bucket: the count, later the next gathering position (32 bits
    /// keep the tables of four columns within 64 KiB).
    private let table: SharedBuffer<UInt32>
    /// Per column, per bucket: whether gathered.
    private let wanted: SharedBuffer<Bool>

    init(group: G, lo: [Double], scale: [Double], bounds: [Int]) {
        self.group = group
        self.lo = lo
        self.scale = scale
        self.bounds = bounds
        table = .allocate((bounds.count - 1) * G.width * BucketSelect.bucketCount, initialValue: 0)
        wanted = .allocate(G.width * BucketSelect.bucketCount, initialValue: false)
    }

    func deallocate() { table.deallocate(); wanted.deallocate() }

    private var width: Int { G.width }
    private var buckets: Int { BucketSelect.bucketCount }
    private var parts: Int { bounds.count - 1 }
    private func slots(part p: Int) -> UnsafeMutablePointer<UInt32> { table.base.baseAddress! + p * width * buckets }

    func total(column c: Int, bucket k: Int) -> Int {
        (0..<parts).reduce(0) { $0 + Int(table[($1 * width + c) * buckets + k]) }
    }

    /// Calls `body(c, four buckets, four values)` for every column and every four samples of the
    /// part, then `tail(c, bucket, value)` for the samples after the last whole four.
    @inline(__always)
    private func forEachBucket(part p: Int, _ body: (Int, SIMD4<Int64>, SIMD4<Double>) -> Void, tail: (Int, Int, Double) -> Void) {
        let start = bounds[p], end = bounds[p + 1], whole = start + (end - start) & ~3
        withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: 3 * width) { room in
            let values = room.baseAddress!, lo4 = values + width, scale4 = lo4 + width
            for c in 0..<width { lo4[c] = SIMD4(repeating: lo[c]); scale4[c] = SIMD4(repeating: scale[c]) }
            var i = start
            while i < whole {
                group.four(at: i, into: values)
                for c in 0..<width { body(c, BucketSelect.buckets(values[c], lo: lo4[c], scale: scale4[c]), values[c]) }
                i += 4
            }
            while i < end {
                for c in 0..<width {
                    let x = group.value(c, at: i)
                    tail(c, BucketSelect.bucket(x, lo: lo[c], scale: scale[c]), x)
                }
                i += 1
            }
        }
    }

    /// Pass 1 over part p: its bucket counts.
    func count(part p: Int) {
        let counts = slots(part: p), buckets = self.buckets
        forEachBucket(part: p, { c, k, _ in
            let t = counts + c * buckets
            t[Int(k[0])] &+= 1; t[Int(k[1])] &+= 1; t[Int(k[2])] &+= 1; t[Int(k[3])] &+= 1
        }, tail: { c, k, _ in counts[c * buckets + k] &+= 1 })
    }

    /// Marks the buckets to gather (the plans' wanted buckets of the selected columns), turns the
    /// counts into each part's gathering positions, and returns room for the gathered values with
    /// where each column's start in it.
    func prepareGathering(plans: [BucketSelect.Plan], selected: [Bool]) -> (SharedBuffer<Double>, starts: [Int]) {
        var offset = 0, starts: [Int] = []
        for c in 0..<width {
            starts.append(offset)
            guard selected[c] else { continue }
            for k in 0..<buckets where plans[c].wanted[k] {
                wanted[c * buckets + k] = true
                var position = offset + plans[c].start[k]
                for p in 0..<parts {
                    let slot = (p * width + c) * buckets + k
                    let count = Int(table[slot])
                    table[slot] = UInt32(position)
                    position += count
                }
            }
            offset += plans[c].total
        }
        return (.allocate(max(offset, 1), initialValue: 0), starts)
    }

    /// Pass 2 over part p: the values of the wanted buckets, each to its position.
    func gather(part p: Int, into gathered: SharedBuffer<Double>) {
        let next = slots(part: p), wanted = self.wanted.base.baseAddress!, g = gathered.base.baseAddress!, buckets = self.buckets
        forEachBucket(part: p, { c, k, x in
            let w = wanted + c * buckets, f = next + c * buckets
            // Mostly none of the four is wanted: one test for all of them.
            guard w[Int(k[0])] || w[Int(k[1])] || w[Int(k[2])] || w[Int(k[3])] else { return }
            for j in 0..<4 where w[Int(k[j])] { g[Int(f[Int(k[j])])] = x[j]; f[Int(k[j])] += 1 }
        }, tail: { c, k, x in
            if wanted[c * buckets + k] { g[Int(next[c * buckets + k])] = x; next[c * buckets + k] += 1 }
        })
    }
}
