import RealModule

/// Exact standard-normal variates by the ziggurat method with 256 layers.
///
/// Marsaglia, G. & Tsang, W. W. (2000), "The Ziggurat Method for Generating Random Variables",
/// Journal of Statistical Software 5(8), in the 64-bit form of Rust's `rand_distr`: one 64-bit
/// draw gives both the layer (its low 8 bits) and a signed uniform u in [−1, 1) (its top 52
/// bits); x = u·xᵢ is returned at once when |x| < xᵢ₊₁ (about 99% of draws). Otherwise layer 0
/// samples the tail beyond R exactly (Marsaglia 1964: x = −ln(U₁)/R until −2 ln U₂ ≥ x²), and
/// the other layers accept x in the wedge with probability given by the density. The result
/// is exactly N(0, 1) up to the 52-bit resolution of u; no allocation per draw.
public enum Ziggurat {
    /// The right edge of the base layer: the start of the tail (Marsaglia & Tsang, 256 layers).
    public static let r = 3.654_152_885_361_008_8
    /// The common area of every layer, for the unnormalized density exp(−x²/2).
    public static let v = 0.004_928_673_233_99

    /// Layer edges x₀ … x₂₅₆ (x₀ = V/f(R) is the base layer's virtual width, x₁ = R, x₂₅₆ = 0)
    /// and f(xᵢ) = exp(−xᵢ²/2), built once at first use by the recurrence
    /// xᵢ = f⁻¹(V/xᵢ₋₁ + f(xᵢ₋₁)), as in `rand_distr`'s table generator.
    ///
    /// Kept in raw memory that lives as long as the process (it is never freed), so a draw
    /// touches no reference count.
    @usableFromInline
    struct Table: @unchecked Sendable {
        @usableFromInline let x: UnsafePointer<Double>
        @usableFromInline let f: UnsafePointer<Double>
    }

    @usableFromInline
    static let table: Table = {
        let f: (Double) -> Double = { Double.exp(-0.5 * $0 * $0) }
        let x = UnsafeMutablePointer<Double>.allocate(capacity: 257)
        let fx = UnsafeMutablePointer<Double>.allocate(capacity: 257)
        x[0] = v / f(r)
        x[1] = r
        for i in 2..<256 {
            x[i] = (-2 * Double.log(v / x[i - 1] + f(x[i - 1]))).squareRoot()
        }
        x[256] = 0
        for i in 0...256 { fx[i] = f(x[i]) }
        return Table(x: UnsafePointer(x), f: UnsafePointer(fx))
    }()

    /// One standard normal variate.
    @inlinable
    public static func normal(_ rng: inout Xoshiro256PlusPlus) -> Double {
        normal(&rng, table: table)
    }

    /// The same draw with the tables passed in: samplers fetch `table` once per batch, so the
    /// lazy `static let` is not checked on every draw. The common case (about 99% of draws) is
    /// inlined into the caller's loop, so the generator's state stays in registers; the rest
    /// continues in `rejected`.
    @inlinable @inline(__always)
    static func normal(_ rng: inout Xoshiro256PlusPlus, table: Table) -> Double {
        let (i, u, x) = candidate(rng.next(), table)
        if abs(x) < table.x[i + 1] { return x }
        let (value, state) = rejected(rng, table: table, layer: i, u: u, x: x)
        rng = state
        return value
    }

    /// Standard normal variates, conditioned on [α, β] (by rejection) if `bounds` are given:
    /// `out[i]` starts from the random word `words[i]`. Draws rejected at first (about 1%, plus
    /// those outside [α, β]) continue with words from `rng`, in the order of the values: the rest
    /// of the ziggurat draw, then whole draws until one falls in [α, β].
    ///
    /// The first loop takes four words at a time: their uniforms by vector arithmetic (see
    /// `candidate`), their layers' edges by four scalar reads, and one comparison for all four.
    /// It only notes the rejected positions (a processor cannot predict which they are, and each
    /// misprediction and call would stall the loop); a second loop finishes them, in order, so
    /// the values are those of finishing each at once.
    @inlinable @inline(__always)
    static func fill(_ out: UnsafeMutablePointer<Double>, words: UnsafePointer<UInt64>, count: Int,
                     within bounds: (Double, Double)? = nil, using rng: inout Xoshiro256PlusPlus, table: Table) {
        let (alpha, beta) = bounds ?? (-.infinity, .infinity)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { rejected in
            var m = 0
            let xs = table.x
            let lower = SIMD4<Double>(repeating: alpha), upper = SIMD4<Double>(repeating: beta)
            let whole = count & ~3
            var i = 0
            while i < whole {
                let u = unit(UnsafeRawPointer(words + i).loadUnaligned(as: SIMD4<UInt64>.self))
                let k0 = layer(words[i]), k1 = layer(words[i + 1]), k2 = layer(words[i + 2]), k3 = layer(words[i + 3])
                let x = u * SIMD4(xs[k0], xs[k1], xs[k2], xs[k3])
                let edge = SIMD4(xs[k0 + 1], xs[k1 + 1], xs[k2 + 1], xs[k3 + 1])
                UnsafeMutableRawPointer(out + i).storeBytes(of: x, as: SIMD4<Double>.self)
                let kept = (x .< edge) .& (-edge .< x) .& (x .>= lower) .& (x .<= upper)
                let flags = unsafeBitCast(kept, to: SIMD4<Int64>.self)   // a kept lane is −1
                let both = flags.lowHalf & flags.highHalf
                if both[0] & both[1] != -1 {
                    for j in 0..<4 where !kept[j] { rejected[m] = Int32(truncatingIfNeeded: i + j); m += 1 }
                }
                i += 4
            }
            while i < count {
                let (k, _, x) = candidate(words[i], table)
                out[i] = x
                if !(abs(x) < xs[k + 1] && x >= alpha && x <= beta) { rejected[m] = Int32(truncatingIfNeeded: i); m += 1 }
                i += 1
            }
            for j in 0..<m {
                let i = Int(rejected[j])
                let (k, u, x) = candidate(words[i], table)
                (out[i], rng) = redrawn(rng, table: table, layer: k, u: u, x: x, within: alpha, beta)
            }
        }
    }

    /// The layer of a word: its low 8 bits.
    @inlinable @inline(__always)
    static func layer(_ bits: UInt64) -> Int { Int(truncatingIfNeeded: bits & 0xff) }

    /// The signed uniform u in [−1, 1) of a word, from its top 52 bits m: 2⁵² + m is a double
    /// whose bits are those of m below the exponent of 2⁵², so u = (2⁵² + m − 2⁵² − 2⁵¹)·2⁻⁵¹
    /// needs no integer conversion (which AVX2 lacks for vectors) and is exact.
    @inlinable @inline(__always)
    static func unit(_ bits: UInt64) -> Double {
        (Double(bitPattern: bits >> 12 | 0x4330_0000_0000_0000) - 0x1.8p52) * 0x1p-51
    }

    /// `unit` of four words at once, lane by lane the same values.
    @inlinable @inline(__always)
    static func unit(_ bits: SIMD4<UInt64>) -> SIMD4<Double> {
        let biased = unsafeBitCast(bits &>> 12 | SIMD4(repeating: 0x4330_0000_0000_0000), to: SIMD4<Double>.self)
        return (biased - SIMD4(repeating: 0x1.8p52)) * SIMD4(repeating: 0x1p-51)
    }

    /// The layer k (low 8 bits of a word), the signed uniform u in [−1, 1) (top 52 bits) and the
    /// candidate x = u·x_k.
    @inlinable @inline(__always)
    static func candidate(_ bits: UInt64, _ table: Table) -> (k: Int, u: Double, x: Double) {
        let k = layer(bits), u = unit(bits)
        return (k, u, u * table.x[k])
    }

    /// The rest of a draw of `fill` whose first candidate x = u·xᵢ (layer i) was not kept: the
    /// ziggurat draw finished if x fell outside the layer's core, then whole draws until one lies
    /// in [α, β]. The generator is passed by value, as in `rejected`.
    @usableFromInline @inline(never)
    static func redrawn(_ state: Xoshiro256PlusPlus, table: Table, layer: Int, u: Double, x: Double,
                        within alpha: Double, _ beta: Double) -> (Double, Xoshiro256PlusPlus) {
        var rng = state
        var z = x
        if !(abs(x) < table.x[layer + 1]) { (z, rng) = rejected(rng, table: table, layer: layer, u: u, x: x) }
        while z < alpha || z > beta { z = normal(&rng, table: table) }
        return (z, rng)
    }

    /// The rest of a draw whose first candidate x = u·xᵢ (layer i) fell outside the layer's core,
    /// with the generator's state passed in and returned by value: an `inout` here would make
    /// every caller keep its generator in memory instead of registers, on the fast path too.
    @usableFromInline @inline(never)
    static func rejected(_ state: Xoshiro256PlusPlus, table: Table, layer: Int, u: Double, x: Double) -> (Double, Xoshiro256PlusPlus) {
        var rng = state
        let xs = table.x, fs = table.f
        var (i, u, x) = (layer, u, x)
        while true {
            if i == 0 { return (tail(negative: u < 0, &rng), rng) }
            if fs[i + 1] + (fs[i] - fs[i + 1]) * rng.nextUnit() < Double.exp(-0.5 * x * x) { return (x, rng) }
            (i, u, x) = candidate(rng.next(), table)
            if abs(x) < xs[i + 1] { return (x, rng) }
        }
    }

    /// A draw from the normal tail beyond R (Marsaglia 1964), with the given sign.
    @usableFromInline
    static func tail(negative: Bool, _ rng: inout Xoshiro256PlusPlus) -> Double {
        var x: Double, y: Double
        repeat {
            x = Double.log(rng.nextOpenUnit()) / r
            y = Double.log(rng.nextOpenUnit())
        } while -2 * y < x * x
        return negative ? x - r : r - x
    }
}
