/// Four xoshiro256++ generators advanced together, one per vector lane, for filling blocks of
/// random words about four times faster than one generator can (its serial state update, about
/// 18 instructions per word, is most of the cost of a cheap draw).
///
/// Word 4k + j of a fill is the k-th output of lane j, so the words do not depend on how a
/// stream is cut into fills, as long as every fill but the last has a multiple of 4 words.
/// Each lane is an ordinary xoshiro256++ (checked against `Xoshiro256PlusPlus` in the tests).
@frozen
public struct Xoshiro256PlusPlusLanes: Sendable {
    @usableFromInline var s0: SIMD4<UInt64>
    @usableFromInline var s1: SIMD4<UInt64>
    @usableFromInline var s2: SIMD4<UInt64>
    @usableFromInline var s3: SIMD4<UInt64>

    /// Lanes with the given states; no state may be all zero.
    public init(lanes: [Xoshiro256PlusPlus]) {
        precondition(lanes.count == 4, "four lanes")
        s0 = SIMD4(lanes.map(\.s0))
        s1 = SIMD4(lanes.map(\.s1))
        s2 = SIMD4(lanes.map(\.s2))
        s3 = SIMD4(lanes.map(\.s3))
    }

    /// Lanes whose states are 16 consecutive outputs of SplitMix64 started at `seed`: lane j's
    /// (s0, s1, s2, s3) are outputs 4j … 4j + 3 (without arrays: streams are made per chunk).
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        (s0, s1, s2, s3) = (SIMD4(), SIMD4(), SIMD4(), SIMD4())
        for j in 0..<4 {
            (s0[j], s1[j], s2[j], s3[j]) = (sm.next(), sm.next(), sm.next(), sm.next())
            precondition(s0[j] | s1[j] | s2[j] | s3[j] != 0, "xoshiro256++ state must not be all zero")
        }
    }

    /// The next output of every lane.
    @inlinable @inline(__always)
    public mutating func next() -> SIMD4<UInt64> {
        xoshiroStep(&s0, &s1, &s2, &s3)
    }

    /// Writes the next `count` words to `words`. A count that is not a multiple of 4 ends the
    /// useful life of the lanes: the unused outputs of the last step are dropped.
    @inlinable
    public mutating func fill(_ words: UnsafeMutablePointer<UInt64>, count: Int) {
        var lanes = self   // in registers for the loop
        defer { self = lanes }
        let whole = count / 4
        let raw = UnsafeMutableRawPointer(words)
        // Unaligned vector stores: `words` need only be aligned for UInt64.
        for k in 0..<whole { raw.storeBytes(of: lanes.next(), toByteOffset: 32 * k, as: SIMD4<UInt64>.self) }
        let rest = count - 4 * whole
        if rest > 0 {
            let w = lanes.next()
            for j in 0..<rest { words[4 * whole + j] = w[j] }
        }
    }
}
