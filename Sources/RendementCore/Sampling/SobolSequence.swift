/// The Sobol' low-discrepancy sequence (Bratley & Fox's Gray-code construction) with 64-bit
/// direction numbers from Joe & Kuo (2008), up to `maxDimensions` dimensions, optionally
/// randomised by a random linear matrix scramble plus a digital shift (Matoušek 1998; the
/// randomisation SciPy applies), which keeps the net's stratification and makes independent
/// replicates whose spread gives an honest error bar.
///
/// Points start at index 0, with no burn-in: dropping initial points spoils the balance of
/// the first 2^m points (Owen 2020, "On dropping the first Sobol' point").
public struct SobolSequence: Sendable {
    public static let maxDimensions = SobolDirectionTable.polynomials.count + 1
    public let dimensions: Int
    /// Direction numbers, 64 per dimension: `directions[j * 64 + k]` is V_{k+1} of dimension j,
    /// its first binary digit in the most significant bit.
    let directions: [UInt64]
    /// The digital shift of each dimension (0 when not scrambled).
    let shifts: [UInt64]

    /// The unscrambled sequence (its first points are the published ones).
    public init(dimensions: Int) {
        precondition(dimensions >= 1 && dimensions <= Self.maxDimensions)
        self.dimensions = dimensions
        var v: [UInt64] = []
        for j in 0..<dimensions { v += Self.directionNumbers(dimension: j) }
        directions = v
        shifts = [UInt64](repeating: 0, count: dimensions)
    }

    /// A scrambled copy: each dimension's direction numbers multiplied by a random lower-triangular
    /// binary matrix with unit diagonal, and every point XOR-ed with a random shift, all from `rng`.
    public func scrambled(using rng: inout Xoshiro256PlusPlus) -> SobolSequence {
        var v = directions, s = shifts
        for j in 0..<dimensions {
            var rows = [UInt64](repeating: 0, count: 64)
            for b in 0..<64 {
                let above: UInt64 = b == 0 ? 0 : ~UInt64(0) << UInt64(64 - b)   // digits 0 ..< b
                rows[b] = (rng.next() & above) | (UInt64(1) << UInt64(63 - b))
            }
            for k in 0..<64 {
                let old = directions[j * 64 + k]
                var new: UInt64 = 0
                for b in 0..<64 where (rows[b] & old).nonzeroBitCount & 1 == 1 { new |= UInt64(1) << UInt64(63 - b) }
                v[j * 64 + k] = new
            }
            s[j] = rng.next()
        }
        return SobolSequence(dimensions: dimensions, directions: v, shifts: s)
    }

    private init(dimensions: Int, directions: [UInt64], shifts: [UInt64]) {
        self.dimensions = dimensions
        self.directions = directions
        self.shifts = shifts
    }

    /// Writes points 0 ..< count in column-major order (`out[j * stride + i]`) as doubles in the
    /// open interval (0, 1): the 53 leading digits plus half a unit in the last place.
    public func fill(count: Int, into out: UnsafeMutablePointer<Double>, stride: Int) {
        fill(from: 0, count: count, into: out, stride: stride)
    }

    /// Writes points `start ..< start + count` (in the same Gray-code order) as `fill` does: point
    /// i is the shift XOR the direction numbers of the bits of i ^ (i >> 1), then one direction
    /// flips per step.
    public func fill(from start: Int, count: Int, into out: UnsafeMutablePointer<Double>, stride: Int) {
        var x = shifts
        let gray = start ^ (start >> 1)
        for c in 0..<64 where (gray >> c) & 1 == 1 {
            for j in 0..<dimensions { x[j] ^= directions[j * 64 + c] }
        }
        for t in 0..<count {
            let i = start + t
            if t > 0 {
                let c = i.trailingZeroBitCount          // Gray code: flip one direction per step
                for j in 0..<dimensions { x[j] ^= directions[j * 64 + c] }
            }
            for j in 0..<dimensions { out[j * stride + t] = (Double(x[j] >> 11) + 0.5) * 0x1p-53 }
        }
    }

    /// Writes points `start ..< start + count` with each coordinate Owen-scrambled (nested uniform
    /// scrambling) by Burley's hash-based construction: the coordinate's 32 leading digits are
    /// bit-reversed, permuted by the Laine–Karras hash with the dimension's seed, and reversed
    /// back, which permutes every digit by a pseudo-random function of the digits before it
    /// (Burley 2020, "Practical Hash-based Owen Scrambling", JCGT 9(4), with his improved hash).
    /// An Owen-scrambled net keeps its stratification and makes independent replicates; unlike a
    /// linear matrix scramble, its estimates have no heavy tails (a randomised Saltelli design on
    /// the G function: RMSE about half the linear scramble's over 100 seeds). Call it on the
    /// unscrambled sequence; coordinates are (digits + ½) / 2³².
    public func fillOwenScrambled(from start: Int, count: Int, seeds: [UInt32], into out: UnsafeMutablePointer<Double>, stride: Int) {
        var x = shifts
        let gray = start ^ (start >> 1)
        for c in 0..<64 where (gray >> c) & 1 == 1 {
            for j in 0..<dimensions { x[j] ^= directions[j * 64 + c] }
        }
        for t in 0..<count {
            let i = start + t
            if t > 0 {
                let c = i.trailingZeroBitCount
                for j in 0..<dimensions { x[j] ^= directions[j * 64 + c] }
            }
            for j in 0..<dimensions {
                let digits = UInt32(truncatingIfNeeded: x[j] >> 32)
                out[j * stride + t] = (Double(Self.owen(digits, seed: seeds[j])) + 0.5) * 0x1p-32
            }
        }
    }

    /// Nested uniform scrambling of 32 digits (most significant first), by hash.
    @inline(__always)
    static func owen(_ digits: UInt32, seed: UInt32) -> UInt32 {
        var v = digits.bitReversed
        // Burley's improved Laine–Karras permutation: every bit mixes only with lower bits.
        v ^= v &* 0x3d20adea
        v &+= seed
        v &*= (seed >> 16) | 1
        v ^= v &* 0x05526c56
        v ^= v &* 0x53a22864
        return v.bitReversed
    }

    /// Joe & Kuo's recurrence: m_k = 2^s m_{k−s} ⊕ m_{k−s} ⊕ Σ_{i<s} 2^i a_i m_{k−i}; V_k = m_k / 2^k.
    static func directionNumbers(dimension j: Int) -> [UInt64] {
        var m = [UInt64](repeating: 1, count: 65)   // m[1...64]
        if j > 0 {
            let polynomial = SobolDirectionTable.polynomials[j - 1]
            let s = 31 - polynomial.leadingZeroBitCount
            let a = (polynomial >> 1) & ((1 << UInt32(s - 1)) - 1)
            var offset = 0
            for d in 1..<j { offset += 31 - SobolDirectionTable.polynomials[d - 1].leadingZeroBitCount }
            for k in 1...s { m[k] = UInt64(SobolDirectionTable.initial[offset + k - 1]) }
            if s < 64 {
                for k in (s + 1)...64 {
                    var value = m[k - s] ^ (m[k - s] &<< UInt64(s))
                    for i in 1..<s where (a >> UInt32(s - 1 - i)) & 1 == 1 { value ^= m[k - i] &<< UInt64(i) }
                    m[k] = value
                }
            }
        }
        return (1...64).map { k in m[k] &<< UInt64(64 - k) }
    }
}

extension UInt32 {
    /// The bits in reverse order (bit 0 becomes bit 31).
    @inline(__always)
    var bitReversed: UInt32 {
        var v = self
        v = ((v >> 1) & 0x5555_5555) | ((v & 0x5555_5555) << 1)
        v = ((v >> 2) & 0x3333_3333) | ((v & 0x3333_3333) << 2)
        v = ((v >> 4) & 0x0F0F_0F0F) | ((v & 0x0F0F_0F0F) << 4)
        v = ((v >> 8) & 0x00FF_00FF) | ((v & 0x00FF_00FF) << 8)
        return (v >> 16) | (v << 16)
    }
}
