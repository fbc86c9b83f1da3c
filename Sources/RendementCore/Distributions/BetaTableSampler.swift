import RealModule

/// Exact Beta(a, b) variates for 1 ≤ a, b and a + b ≤ 64 (every PERT) by table-guided rejection,
/// about four times faster than the ratio of two gammas.
///
/// The unnormalised density g(x) = x^(a−1)(1−x)^(b−1) / g(mode) is unimodal, so on each of
/// `intervals` equal-width pieces of [0, 1] (the piece holding the mode split at the mode) it is
/// monotone and lies between the values at the piece's ends, lo ≤ g ≤ hi. The region under g is
/// covered by the *cores* (rectangles of height lo, entirely under g) and the *caps* (rectangles
/// of height hi − lo above them). A draw picks a rectangle with probability proportional to its
/// area (Walker's alias method, 2,048 entries, one 64-bit random word: the top 11 bits pick the
/// entry and the low 53 bits toss its coin), then a point uniform in it, placed by what is left
/// of the same coin (see `picks`): a core's point is always under g and is returned at once; a
/// cap's point (y uniform in [lo, hi], from a second word) is kept if y ≤ g(x), else the draw
/// starts over. Accepted points are uniform under g, so x has exactly the beta density, up to the
/// resolution of the random words: each of the 4,096 (entry, kept or not) paths has probability
/// p and places its point on a grid of N = p·2⁶⁴ equal steps, so it moves the CDF by at most
/// p/N = 2⁻⁶⁴, and all of them together by at most 2⁻⁵² (as fine as a 53-bit uniform). Caps hold
/// about 1% of the area, so g (two logarithms and an exponential) is evaluated on about 1% of draws.
///
/// Walker (1977), ACM TOMS 3(3); Vose (1991), IEEE TSE 17(9) for the stable table construction.
public final class BetaTableSampler: @unchecked Sendable {
    /// Pieces of [0, 1] before the split at the mode.
    static let intervals = 512
    /// Alias-table entries (a power of two ≥ 2·(intervals + 1); empty entries have weight 0).
    static let entries = 2048
    static let entryBits: UInt64 = 11

    let a: Double, b: Double
    /// ln g(mode), subtracted so that g(mode) = 1.
    let logPeak: Double
    /// The alias table, one 64-bit word per rectangle (16 KB, so that five PERTs' tables stay in
    /// the core's cache): the low 53 bits are the threshold ⌈keep·2⁵³⌉ and the top 11 the alias.
    /// Entry e is kept when the coin (53 bits, as an integer) is below the threshold (the same
    /// test as coin·2⁻⁵³ < keep), else its alias is taken. Entry 2k is piece k's core and 2k + 1
    /// its cap. The coin's remainder then places the point in the rectangle: given that the entry
    /// was kept, the coin is uniform on 0 ..< threshold, so coin/threshold is uniform on [0, 1);
    /// given that it was not, (coin − threshold)/(2⁵³ − threshold) is. One 64-bit word per point.
    let picks: [UInt64]
    /// Per piece: its left end and width (the hot data of a draw: 8 KB).
    let pieces: [(left: Double, width: Double)]
    /// Per cap entry e (odd): the cap's height range [low, high].
    let capHeights: [(low: Double, high: Double)]

    /// Whether the table method applies to Beta(a, b): both shapes in [1, 64], a + b ≤ 64.
    public static func applies(a: Double, b: Double) -> Bool { a >= 1 && b >= 1 && a + b <= 64 }

    /// Builds the table for Beta(a, b); `applies(a:b:)` must hold.
    public init(a: Double, b: Double) {
        precondition(Self.applies(a: a, b: b), "the table sampler needs 1 ≤ a, b and a + b ≤ 64")
        self.a = a
        self.b = b
        let mode = a + b > 2 ? (a - 1) / (a + b - 2) : 0.5
        logPeak = Self.logDensity(mode, a, b)
        // Piece edges: equal widths, plus the mode.
        var edges = (0...Self.intervals).map { Double($0) / Double(Self.intervals) }
        if let i = edges.firstIndex(where: { $0 >= mode }), edges[i] != mode { edges.insert(mode, at: i) }
        let pieceCount = edges.count - 1
        var area = [Double](repeating: 0, count: Self.entries)
        var pieces: [(left: Double, width: Double)] = []
        var capHeights = [(low: Double, high: Double)](repeating: (0, 0), count: Self.entries)
        let logPeak = self.logPeak
        let g = { (x: Double) in Double.exp(Self.logDensity(x, a, b) - logPeak) }
        for k in 0..<pieceCount {
            let (x0, x1) = (edges[k], edges[k + 1])
            let (g0, g1) = (g(x0), g(x1))
            let (lo, hi) = (Swift.min(g0, g1), Swift.max(g0, g1))
            // Rounding in g could put hi a hair below the true maximum, so the cap is raised by a
            // relative 1e-12 (a few more rejections only); likewise the core is lowered by a
            // relative 1e-12, so that no sliver of it lies above g.
            let top = hi * (1 + 1e-12) + 1e-300, bottom = lo * (1 - 1e-12)
            pieces.append((x0, x1 - x0))
            capHeights[2 * k + 1] = (bottom, top)
            area[2 * k] = (x1 - x0) * bottom
            area[2 * k + 1] = (x1 - x0) * (top - bottom)
        }
        let (keep, alias) = Self.aliasTable(area)
        picks = (0..<Self.entries).map { e in UInt64((keep[e] * 0x1.0p53).rounded(.up)) | UInt64(alias[e]) << 53 }
        self.pieces = pieces
        self.capHeights = capHeights
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

    /// Fills `out` with min + (max − min)·B, B ~ Beta(a, b).
    public func sample(into out: UnsafeMutableBufferPointer<Double>, min: Double, max: Double, using generator: inout Xoshiro256PlusPlus) {
        guard let o = out.baseAddress else { return }
        let span = max - min, n = out.count
        picks.withUnsafeBufferPointer { picks in
            pieces.withUnsafeBufferPointer { pieces in
                // A local copy of the generator, which the loops keep in registers.
                var rng = generator
                defer { generator = rng }
                var i = 0
                while i < n {
                    // The common case, a core (about 99% of draws), in a loop without calls, so that
                    // nothing in it has to be kept in memory across one.
                    var (x, e) = Self.candidate(rng.next(), picks, pieces)
                    while e & 1 == 0 {
                        o[i] = Swift.min(max, min + span * x)
                        i += 1
                        guard i < n else { return }
                        (x, e) = Self.candidate(rng.next(), picks, pieces)
                    }
                    // A cap: its test, and further candidates until one is accepted, drawn in the
                    // same order as always.
                    while e & 1 != 0 && !acceptsCap(e, x, height: rng.nextUnit()) {
                        (x, e) = Self.candidate(rng.next(), picks, pieces)
                    }
                    o[i] = Swift.min(max, min + span * x)
                    i += 1
                }
            }
        }
    }

    /// The point (in [0, 1]) and the rectangle (entry) one 64-bit word picks; see `picks`.
    @inline(__always)
    private static func candidate(_ r: UInt64, _ picks: UnsafeBufferPointer<UInt64>,
                                  _ pieces: UnsafeBufferPointer<(left: Double, width: Double)>) -> (x: Double, e: Int) {
        let entry = r >> (64 - entryBits)
        let coin = r & 0x1F_FFFF_FFFF_FFFF
        let word = picks[Int(truncatingIfNeeded: entry)]
        let threshold = word & 0x1F_FFFF_FFFF_FFFF, alias = word >> 53
        // Kept or aliased is a coin toss the processor cannot predict: choose with masks, not
        // branches. coin − threshold is negative (top bit set) exactly when the entry is kept.
        let difference = coin &- threshold
        let kept = 0 &- (difference >> 63)             // all ones if kept
        let e = Int(truncatingIfNeeded: alias ^ ((entry ^ alias) & kept))
        let offset = difference &+ (threshold & kept)
        let rest = (1 << 53) &- threshold
        let u = Double(Int64(bitPattern: offset)) / Double(Int64(bitPattern: rest ^ ((threshold ^ rest) & kept)))
        let piece = pieces[e >> 1]
        return (piece.left + piece.width * u, e)
    }

    /// The cap test: y at `height` (a uniform in [0, 1)) in the cap's height range is under g(x).
    /// It takes the uniform, not the generator: passing the generator `inout` to a call that is
    /// not inlined would keep its state in memory for the whole loop.
    @inline(never)
    func acceptsCap(_ e: Int, _ x: Double, height: Double) -> Bool {
        let (low, high) = capHeights[e]
        let y = low + (high - low) * height
        return y <= Double.exp(Self.logDensity(x, a, b) - logPeak)
    }
}
