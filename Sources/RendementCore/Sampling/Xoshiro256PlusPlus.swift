/// xoshiro256++ (Blackman & Vigna, 2019): a fast 64-bit generator with a 2^256 − 1 period.
///
/// Reference: https://prng.di.unimi.it/xoshiro256plusplus.c. State (1, 2, 3, 4) yields
/// 41943041, 58720359, 3588806011781223, … (checked in the tests).
@frozen
public struct Xoshiro256PlusPlus: Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Creates a generator from an explicit state; the state must not be all zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256++ state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// Creates a generator whose state is four outputs of SplitMix64 started at `seed`,
    /// as the xoshiro authors recommend.
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        self.init(state: (sm.next(), sm.next(), sm.next(), sm.next()))
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        xoshiroStep(&s0, &s1, &s2, &s3)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUnit() -> Double {
        Self.unit(next())
    }

    /// A uniform double in the open interval (0, 1): safe for logarithms and inverse CDFs.
    @inlinable @inline(__always)
    public mutating func nextOpenUnit() -> Double {
        Self.openUnit(next())
    }

    /// The uniform double in [0, 1) given by the top 53 bits of a random word.
    @inlinable @inline(__always)
    public static func unit(_ word: UInt64) -> Double {
        Double(word >> 11) * 0x1.0p-53
    }

    /// The uniform double in (0, 1) given by the top 53 bits of a random word (the centre of
    /// its 2⁻⁵³ step).
    @inlinable @inline(__always)
    public static func openUnit(_ word: UInt64) -> Double {
        (Double(word >> 11) + 0.5) * 0x1.0p-53
    }

    /// Advances the state by 2^128 steps: the generator then produces a stream that does not
    /// overlap the next 2^128 outputs of the original.
    public mutating func jump() {
        let table: [UInt64] = [0x180e_c6d3_3cfd_0aba, 0xd5a6_1266_f0c9_392c, 0xa958_2618_e03f_c9aa, 0x39ab_dc45_29b1_661c]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in table {
            for bit in 0..<64 {
                if word & (UInt64(1) << UInt64(bit)) != 0 { t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3 }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }
}

/// A state word of xoshiro256++: one generator's (`UInt64`) or four generators' side by side
/// (`SIMD4<UInt64>`, see `Xoshiro256PlusPlusLanes`), so that both run the one `xoshiroStep`.
@usableFromInline
protocol XoshiroWord {
    static func &+ (lhs: Self, rhs: Self) -> Self
    static func ^= (lhs: inout Self, rhs: Self)
    /// Shifted left by k bits, 0 < k < 64.
    func shiftedLeft(by k: UInt64) -> Self
    /// Rotated left by k bits, 0 < k < 64.
    func rotatedLeft(by k: UInt64) -> Self
}

extension UInt64: XoshiroWord {
    @inlinable @inline(__always)
    func shiftedLeft(by k: UInt64) -> UInt64 { self << k }
    @inlinable @inline(__always)
    func rotatedLeft(by k: UInt64) -> UInt64 { (self << k) | (self >> (64 &- k)) }
}

extension SIMD4: XoshiroWord where Scalar == UInt64 {
    @inlinable @inline(__always)
    func shiftedLeft(by k: UInt64) -> SIMD4<UInt64> { self &<< SIMD4(repeating: k) }
    /// Written as a sum of shifts: AVX2 has no 64-bit vector rotate, and the rotate the compiler
    /// would otherwise recognise is split into scalar instructions.
    @inlinable @inline(__always)
    func rotatedLeft(by k: UInt64) -> SIMD4<UInt64> { (self &<< SIMD4(repeating: k)) &+ (self &>> SIMD4(repeating: 64 &- k)) }
}

/// One xoshiro256++ step (Blackman & Vigna, 2019): advances the state, returns the output.
@inlinable @inline(__always)
func xoshiroStep<Word: XoshiroWord>(_ s0: inout Word, _ s1: inout Word, _ s2: inout Word, _ s3: inout Word) -> Word {
    let result = (s0 &+ s3).rotatedLeft(by: 23) &+ s0
    let t = s1.shiftedLeft(by: 17)
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3.rotatedLeft(by: 45)
    return result
}

/// SplitMix64 (Steele, Lea & Flood 2014): used to expand a 64-bit seed into generator state.
@frozen
public struct SplitMix64: Sendable {
    @usableFromInline var state: UInt64
    public init(state: UInt64) { self.state = state }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function: a bijective 64-bit finaliser.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
