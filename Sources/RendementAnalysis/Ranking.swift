/// Exact ranks of a column in linear time.
///
/// Each value becomes one 64-bit record: the leading bits of its order-preserving key above its
/// row number (for a million rows, 20 bits of row and 44 of key: the sign, the exponent and 32
/// digits of the mantissa). A least-significant-digit radix sort of the records by their key
/// bits (11 a pass; a pass whose digit every value shares, such as the exponent of values of one
/// magnitude, is skipped) orders the values up to a relative 2⁻³²; the rare runs of records whose
/// leading bits agree are then put in exact order by their full keys. Three or four passes over
/// 8-byte records, against five or six over 16-byte ones for a full-key radix sort: the sort is
/// bound by memory traffic. Stable (ties keep row order); NaN sorts last.
public enum Ranking {
    static let digitBits = 11
    static let buckets = 1 << digitBits

    /// A key whose unsigned order is the values' order: negative values flipped, positive ones
    /// with the sign bit set, both zeros alike; NaN above everything.
    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        if x.isNaN { return .max }
        if x == 0 { return 1 << 63 }   // −0 and +0 are equal values, so one key
        let bits = x.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    /// Each row's rank 0 … n−1 among `values` (ties at their average rank).
    public static func ranks(_ values: UnsafeBufferPointer<Double>) -> [Double] { doubledRanks(values).map { Double($0) / 2 } }

    /// Twice each row's rank (ties at their average, so 2 × rank is a whole number): exact in
    /// four bytes a row, half the memory of ranks in double precision.
    public static func doubledRanks(_ values: UnsafeBufferPointer<Double>) -> [UInt32] {
        let n = values.count
        guard n > 1 else { return n == 1 ? [0] : [] }
        // Rows are numbered in 32 bits: a joint sample is far below 2^32 rows (it fits the memory budget).
        precondition(n < Int(UInt32.max), "at most 2^32 − 1 values")
        let rowBits = max(1, Int.bitWidth - (n - 1).leadingZeroBitCount)
        let keyBits = 64 - rowBits, passes = (keyBits + digitBits - 1) / digitBits
        let rowMask = (UInt64(1) << UInt64(rowBits)) - 1
        var source = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        var target = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        let histograms = UnsafeMutablePointer<Int>.allocate(capacity: passes * buckets)
        defer { source.deallocate(); target.deallocate(); histograms.deallocate() }
        histograms.initialize(repeating: 0, count: passes * buckets)
        let mask = UInt64(buckets - 1)
        for i in 0..<n {
            let leading = key(values[i]) >> UInt64(rowBits)
            source[i] = leading << UInt64(rowBits) | UInt64(i)
            var k = leading
            for p in 0..<passes { histograms[p * buckets + Int(truncatingIfNeeded: k & mask)] += 1; k >>= UInt64(digitBits) }
        }
        for p in 0..<passes {
            let h = histograms + p * buckets
            var shared = false
            for b in 0..<buckets where h[b] == n { shared = true; break }
            if shared { continue }   // every value has this digit: the order stays
            var running = 0
            for b in 0..<buckets { let count = h[b]; h[b] = running; running += count }
            let shift = UInt64(rowBits + p * digitBits)
            for i in 0..<n {
                let record = source[i]
                let digit = Int(truncatingIfNeeded: (record >> shift) & mask)
                target[h[digit]] = record
                h[digit] += 1
            }
            swap(&source, &target)
        }
        // Runs that agree on the leading bits, in exact order of their full keys (stable).
        @inline(__always) func row(_ record: UInt64) -> Int { Int(truncatingIfNeeded: record & rowMask) }
        @inline(__always) func leading(_ record: UInt64) -> UInt64 { record >> UInt64(rowBits) }
        let nanLeading = UInt64.max >> UInt64(rowBits)
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && leading(source[j + 1]) == leading(source[i]) { j += 1 }
            if j > i {
                for t in (i + 1)...j {
                    let record = source[t], k = key(values[row(record)])
                    var u = t
                    while u > i, key(values[row(source[u - 1])]) > k { source[u] = source[u - 1]; u -= 1 }
                    source[u] = record
                }
            }
            i = j + 1
        }
        var ranks = [UInt32](repeating: 0, count: n)
        ranks.withUnsafeMutableBufferPointer { r in
            var i = 0
            while i < n {
                var j = i
                // Neighbours differ in their leading bits almost always; only those that agree
                // are compared by their values.
                while j + 1 < n && leading(source[j + 1]) == leading(source[i]) && leading(source[i]) != nanLeading,
                      values[row(source[j + 1])] == values[row(source[i])] { j += 1 }
                let rank = UInt32(truncatingIfNeeded: i + j)
                for t in i...j { r[row(source[t])] = rank }
                i = j + 1
            }
        }
        return ranks
    }
}
