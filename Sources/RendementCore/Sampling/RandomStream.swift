/// The random numbers of one input in one chunk: a block of words from four vector lanes, one
/// word per value drawn, and a scalar generator for the few values that need more (rejections,
/// tails).
///
/// Value i of a chunk is made from word i of the lanes (see `Xoshiro256PlusPlusLanes`) and, if
/// need be, the next words of `spare`, in the order of the values. The draws are therefore the
/// same whether a chunk is drawn in one go or in blocks of any multiple of 4 values.
public struct RandomStream: Sendable {
    /// Words drawn per call to a distribution: 16 KB, which stays in the core's L1 cache.
    public static let blockSize = 2048

    var lanes: Xoshiro256PlusPlusLanes
    var spare: Xoshiro256PlusPlus

    /// The lanes seeded from `seed` (through SplitMix64) and the spare generator from `seed`'s
    /// SplitMix64 mix (so the two never start from related states).
    public init(seed: UInt64) {
        lanes = Xoshiro256PlusPlusLanes(seed: seed)
        spare = Xoshiro256PlusPlus(seed: SplitMix64.mix(seed ^ 0x5350_4152_4553_5452))
    }

    /// Draws `out.count` values of `distribution`, continuing the stream. `words` is scratch
    /// space for `blockSize` words.
    public mutating func draw(_ distribution: any Distribution, into out: UnsafeMutableBufferPointer<Double>,
                              words: UnsafeMutablePointer<UInt64>) {
        guard let base = out.baseAddress else { return }
        var done = 0
        while done < out.count {
            let count = min(Self.blockSize, out.count - done)
            lanes.fill(words, count: count)
            distribution.sample(into: UnsafeMutableBufferPointer(start: base + done, count: count), words: words, using: &spare)
            done += count
        }
    }
}
