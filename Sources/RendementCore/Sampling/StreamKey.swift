/// Derives the random stream of one input in one chunk.
///
/// Every (seed, input, chunk) triple gets its own xoshiro256++ generator, seeded through
/// SplitMix64 from a hash of the three. The input is identified by a stable 64-bit hash of its
/// *name*, not its position, so that two scenarios sharing an input name draw the same numbers
/// for it in every chunk: this gives common random numbers across variants and sweeps for free.
/// Streams are statistically independent (as with NumPy's `SeedSequence.spawn`); the chance that
/// two of n streams of length L overlap is about n²·L / 2^256, which is negligible.
public struct StreamKey: Sendable, Hashable {
    public let seed: UInt64
    public let inputHash: UInt64

    public init(seed: UInt64, inputName: String) {
        self.seed = seed
        self.inputHash = StreamKey.fnv1a(inputName)
    }

    public init(seed: UInt64, inputHash: UInt64) {
        self.seed = seed
        self.inputHash = inputHash
    }

    /// The generator for `chunk` (0-based).
    @inlinable
    public func generator(chunk: Int) -> Xoshiro256PlusPlus {
        Xoshiro256PlusPlus(seed: key(chunk: chunk))
    }

    /// The vector-lane stream for `chunk` (0-based), from which plain Monte Carlo draws inputs.
    public func stream(chunk: Int) -> RandomStream {
        RandomStream(seed: key(chunk: chunk))
    }

    /// The 64-bit key of (seed, input, chunk) that seeds the chunk's generators.
    @inlinable
    func key(chunk: Int) -> UInt64 {
        var k = SplitMix64.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        k = SplitMix64.mix(k ^ inputHash)
        return SplitMix64.mix(k &+ UInt64(truncatingIfNeeded: chunk) &* 0xD1B5_4A32_D192_ED03)
    }

    /// 64-bit FNV-1a of the UTF-8 bytes: stable across runs and platforms (unlike `Hasher`).
    public static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}
