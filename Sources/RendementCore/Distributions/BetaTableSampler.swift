import RealModule

/// Exact Beta(a, b) variates for 1 ≤ a, b and a + b ≤ 64 (every PERT) by table-guided rejection,
/// several times faster than the ratio of two gammas.
///
/// The unnormalised density g(x) = x^(a−1)(1−x)^(b−1) / g(mode) is unimodal. [0, 1] is cut into
/// 2,048 *pieces* at approximate quantiles (so that each holds about the same probability); on a
/// piece without the mode g is monotone and lies between its end values lo ≤ g ≤ hi, and on the
/// piece with the mode between the lower end value and g(mode) = 1. The region under g is covered
/// by each piece's *core* (a rectangle of height lo, entirely under g) and *cap* (height hi − lo
/// above it). A draw picks a piece with probability proportional to its rectangles' area w·hi
/// (Walker's alias method, one entry per piece: the top 11 bits of a 64-bit random word pick the
/// entry, the low 53 bits are its coin). The coin's range is cut by two thresholds: below the
/// first, the piece's core, with the point placed by the coin itself (coin/threshold is uniform
/// on [0, 1) given that it fell there) and returned at once; between them, its cap; above the
/// second, the alias's piece as a whole (core or cap by what is left of the coin). A cap's point
/// (y uniform in [lo, hi], from the next word) is kept if y ≤ g(x), else the draw starts over.
/// Accepted points are uniform under g, so x has exactly the beta density, up to the resolution
/// of the random words: the thresholds are 53-bit integers, which moves each of the 2,048 entries'
/// three outcomes by at most 2⁻⁶⁴ (2⁻⁵³ of the entry's 2⁻¹¹), so the CDF by at most 2⁻⁵¹ in all,
/// and each point lies on a grid of at least 2⁵³·p steps of its rectangle, for outcome
/// probability p. Because the pieces hold nearly equal probability, the alias is rarely taken
/// (keep probabilities near 1), and caps hold well under 1% of the area: about 99% of draws are
/// one table read, one comparison and one multiply-add, and g (two logarithms and an
/// exponential) is evaluated on about 1%.
///
/// Walker (1977), ACM TOMS 3(3); Vose (1991), IEEE TSE 17(9) for the stable table construction.
public final class BetaTableSampler: @unchecked Sendable {
    /// Pieces of [0, 1], one alias entry each.
    static let pieces = 2048
    static let entryBits: UInt64 = 11
    static let coinMask: UInt64 = (1 << 53) - 1

    /// What a core draw reads: the piece's left end, the coin threshold below which the draw is
    /// its core, and width/threshold, which turns such a coin into the offset from the left end.
    struct Core {
        var left: Double
        var scale: Double
        var threshold: UInt64
        /// The coin threshold below which the entry is kept (its core or cap); above, the alias.
        var keep: UInt64

        /// The point a coin below `threshold` places in the core.
        @inline(__always)
        func point(_ coin: UInt64) -> Double { left + Double(Int64(bitPattern: coin)) * scale }
    }

    /// What the rarer outcomes need per piece: width, core and cap heights, and the alias.
    struct Piece {
        var width: Double
        var low: Double
        var high: Double
        var alias: Int
    }

    let a: Double, b: Double
    /// ln g(mode), subtracted so that g(mode) = 1.
    let logPeak: Double
    /// Per entry (= piece), 32 bytes: the hot data of a draw (64 KB).
    let cores: [Core]
    let pieceData: [Piece]

    /// Whether the table method applies to Beta(a, b): both shapes in [1, 64], a + b ≤ 64.
    public static func applies(a: Double, b: Double) -> Bool { a >= 1 && b >= 1 && a + b <= 64 }

    /// Builds the table for Beta(a, b); `applies(a:b:)` must hold.
    public init(a: Double, b: Double) {
        precondition(Self.applies(a: a, b: b), "the table sampler needs 1 ≤ a, b and a + b ≤ 64")
        self.a = a
        self.b = b
        let mode = a + b > 2 ? (a - 1) / (a + b - 2) : 0.5
        let logPeak = Self.logDensity(mode, a, b)
        self.logPeak = logPeak
        let g = { (x: Double) in Double.exp(Self.logDensity(x, a, b) - logPeak) }
        let edges = Self.approximateQuantiles(g, count: Self.pieces)
        // Each piece's width and its core and cap heights.
        var shapes: [(width: Double, low: Double, high: Double)] = []
        var gRight = g(edges[0])
        for k in 0..<Self.pieces {
            let (x0, x1) = (edges[k], edges[k + 1])
            let (g0, g1) = (gRight, g(x1))
            gRight = g1
            let (lo, hi) = (Swift.min(g0, g1), x0 < mode && mode < x1 ? 1 : Swift.max(g0, g1))
            // Rounding in g could put hi a hair below the true maximum, so the cap is raised by a
            // relative 1e-12 (a few more rejections only); likewise the core is lowered by a
            // relative 1e-12, so that no sliver of it lies above g.
            shapes.append((x1 - x0, lo * (1 - 1e-12), hi * (1 + 1e-12) + 1e-300))
        }
        let (keep, alias) = Self.aliasTable(shapes.map { $0.width * $0.high })
        pieceData = shapes.indices.map { k in
            Piece(width: shapes[k].width, low: shapes[k].low, high: shapes[k].high, alias: Int(alias[k]))
        }
        cores = shapes.indices.map { k in
            let (width, low, high) = shapes[k]
            let keepThreshold = UInt64((keep[k] * 0x1.0p53).rounded(.up))
            // The core's share of the kept coins, low/high of them.
            let core = UInt64((Double(keepThreshold) * (low / high)).rounded(.down))
            return Core(left: edges[k], scale: core == 0 ? 0 : width / Double(core), threshold: core, keep: keepThreshold)
        }
    }

    /// The pieces' edges, 0 = x₀ < … < x₂₀₄₈ = 1.
    var edges: [Double] { cores.map(\.left) + [1] }

    /// Piece edges 0 = x₀ < … < x_count = 1 near the quantiles k/count of the density ∝ g: the
    /// trapezoid rule's CDF on 8,192 equal steps, inverted linearly. Only the balance of the
    /// alias table depends on them, never the exactness of the draws.
    static func approximateQuantiles(_ g: (Double) -> Double, count: Int) -> [Double] {
        let steps = 4 * count
        var cumulative = [Double](repeating: 0, count: steps + 1)
        var previous = g(0)
        for i in 1...steps {
            let value = g(Double(i) / Double(steps))
            cumulative[i] = cumulative[i - 1] + 0.5 * (previous + value)
            previous = value
        }
        let total = cumulative[steps]
        var edges = [Double](repeating: 0, count: count + 1)
        edges[count] = 1
        var i = 0
        for k in 1..<count {
            let target = total * Double(k) / Double(count)
            while i < steps - 1 && cumulative[i + 1] < target { i += 1 }
            let span = cumulative[i + 1] - cumulative[i]
            let fraction = span > 0 ? Swift.min(1, Swift.max(0, (target - cumulative[i]) / span)) : 0
            // Strictly increasing: a piece of zero width would hold nothing.
            edges[k] = Swift.max((Double(i) + fraction) / Double(steps), edges[k - 1].nextUp)
        }
        // Keep the last piece non-empty, too.
        for k in stride(from: count - 1, to: 0, by: -1) where edges[k] >= edges[k + 1] { edges[k] = edges[k + 1].nextDown }
        return edges
    }

    /// ln of x^(a−1)(1−x)^(b−1), with 0·ln 0 = 0 (a or b equal to 1).
    @inline(__always)
    static func logDensity(_ x: Double, _ a: Double, _ b: Double) -> Double {
        (a == 1 ? 0 : (a - 1) * Double.log(x)) + (b == 1 ? 0 : (b - 1) * Double.log(onePlus: -x))
    }

    /// Walker's alias table for `weights` by Vose's method: entry i is kept with probability
    /// keep[i], else replaced by alias[i]; each entry then comes out with probability ∝ its weight.
    static func aliasTable(_ weights: [Double]) -> ([Double], [Int32]) {
        let n = weights.count
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 * Double(n) / total }
        var keep = [Double](repeating: 1, count: n)
        var alias = (0..<n).map { Int32($0) }
        var small = scaled.indices.filter { scaled[$0] < 1 }, large = scaled.indices.filter { scaled[$0] >= 1 }
        while let s = small.popLast(), let l = large.last {
            keep[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
        // What is left has weight 1 up to rounding: always kept, unless its weight is 0 (an
        // empty entry must never come out, whatever the rounding did).
        let heaviest = Int32(weights.indices.max { weights[$0] < weights[$1] } ?? 0)
        for i in small + large { (keep[i], alias[i]) = weights[i] > 0 ? (1, Int32(i)) : (0, heaviest) }
        return (keep, alias)
    }

    /// Fills `out` with min + (max − min)·B, B ~ Beta(a, b): value i starts from `words[i]` and
    /// takes any further words (caps, about 1% of values) from `generator`.
    public func sample(into out: UnsafeMutableBufferPointer<Double>, min: Double, max: Double,
                       words: UnsafePointer<UInt64>, using generator: inout Xoshiro256PlusPlus) {
        guard let o = out.baseAddress else { return }
        let span = max - min, n = out.count
        // The first loop has no branch: it places every word's core point and notes the words that
        // missed their core (about 1%, which a processor cannot predict); the second finishes
        // those in order, so the values are those of finishing each at once.
        cores.withUnsafeBufferPointer { cores in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { missed in
                var m = 0
                // Four words at a time: the entries by scalar reads, the points by vector arithmetic
                // (the same operations lane by lane, so the same values as the loop below).
                let low = SIMD4<Double>(repeating: min), width = SIMD4<Double>(repeating: span), high = SIMD4<Double>(repeating: max)
                let whole = n & ~3
                var i = 0
                while i < whole {
                    let r = UnsafeRawPointer(words + i).loadUnaligned(as: SIMD4<UInt64>.self)
                    let c0 = cores[Self.entry(r[0])], c1 = cores[Self.entry(r[1])]
                    let c2 = cores[Self.entry(r[2])], c3 = cores[Self.entry(r[3])]
                    let coin = r & Self.coinMask
                    let point = SIMD4(c0.left, c1.left, c2.left, c3.left) + Self.exactDouble(coin) * SIMD4(c0.scale, c1.scale, c2.scale, c3.scale)
                    var value = low + width * point
                    value.replace(with: high, where: value .> high)
                    UnsafeMutableRawPointer(o + i).storeBytes(of: value, as: SIMD4<Double>.self)
                    if coin[0] >= c0.threshold || coin[1] >= c1.threshold || coin[2] >= c2.threshold || coin[3] >= c3.threshold {
                        let thresholds = SIMD4(c0.threshold, c1.threshold, c2.threshold, c3.threshold)
                        for j in 0..<4 where coin[j] >= thresholds[j] { missed[m] = Int32(truncatingIfNeeded: i + j); m += 1 }
                    }
                    i += 4
                }
                while i < n {
                    let r = words[i]
                    let core = cores[Self.entry(r)]
                    let coin = r & Self.coinMask
                    o[i] = Swift.min(max, min + span * core.point(coin))
                    missed[m] = Int32(truncatingIfNeeded: i)
                    m &+= coin < core.threshold ? 0 : 1
                    i += 1
                }
                for j in 0..<m {
                    let i = Int(missed[j])
                    let x: Double
                    (x, generator) = rest(words[i], generator)
                    o[i] = Swift.min(max, min + span * x)
                }
            }
        }
    }

    /// The alias entry of a word: its top 11 bits.
    @inline(__always)
    static func entry(_ r: UInt64) -> Int { Int(truncatingIfNeeded: r >> (64 - entryBits)) }

    /// Integers below 2⁵³ as doubles, exactly (as `Double(_:)` gives them) without the integer
    /// conversion AVX2 lacks for vectors: the high and low 32 bits are placed in the mantissas of
    /// 2⁸⁴ and 2⁵², and the sum of the two, less those powers, is exact.
    @inline(__always)
    static func exactDouble(_ v: SIMD4<UInt64>) -> SIMD4<Double> {
        let low = unsafeBitCast(v & 0xffff_ffff | SIMD4(repeating: 0x4330_0000_0000_0000), to: SIMD4<Double>.self)
        let high = unsafeBitCast(v &>> 32 | SIMD4(repeating: 0x4530_0000_0000_0000), to: SIMD4<Double>.self)
        return (high - SIMD4(repeating: 0x1.0000_0001p84)) + low
    }

    /// The rest of a draw whose word `r` did not land in its entry's core: its cap, or the alias's
    /// piece, and further words until a point is accepted. The generator is passed and returned
    /// by value: an `inout` to a call that is not inlined would keep it in memory in the loop.
    @inline(never)
    func rest(_ first: UInt64, _ state: Xoshiro256PlusPlus) -> (Double, Xoshiro256PlusPlus) {
        var rng = state
        var r = first
        while true {
            let k = Self.entry(r)
            let core = cores[k]
            let coin = r & Self.coinMask
            if coin < core.threshold { return (core.point(coin), rng) }
            // A point in a cap: the entry's own (the coin is uniform on [threshold, keep) given
            // that), or the alias's piece as a whole (its core with probability low/high).
            let piece: Int, position: Double
            if coin < core.keep {
                piece = k
                position = Double(coin - core.threshold) / Double(core.keep - core.threshold)
            } else {
                let target = pieceData[k].alias, alias = pieceData[target]
                let v = Double(coin - core.keep) / Double((1 << 53) - core.keep)
                let coreShare = alias.low / alias.high
                if v < coreShare { return (cores[target].left + alias.width * (v / coreShare), rng) }
                piece = target
                position = (v - coreShare) / (1 - coreShare)
            }
            let p = pieceData[piece]
            let x = cores[piece].left + p.width * position
            let y = p.low + (p.high - p.low) * rng.nextUnit()
            if y <= Double.exp(Self.logDensity(x, a, b) - logPeak) { return (x, rng) }
            r = rng.next()
        }
    }
}
