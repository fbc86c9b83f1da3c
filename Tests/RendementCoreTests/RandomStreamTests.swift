import Testing
@testable import RendementCore

/// The vector-lane generator and the streams the runner draws inputs from.
struct RandomStreamTests {
    /// Each lane is an ordinary xoshiro256++: word 4k + j of a fill is the k-th output of a scalar
    /// generator started from lane j's state. Lane 0 starts from the published test state, whose
    /// first outputs are known.
    @Test func lanesAreFourScalarGenerators() {
        let states: [(UInt64, UInt64, UInt64, UInt64)] = [(1, 2, 3, 4), (5, 6, 7, 8), (0x9E37_79B9_7F4A_7C15, 1, 0, 0), (0, 0, 0, 1)]
        var lanes = Xoshiro256PlusPlusLanes(lanes: states.map { Xoshiro256PlusPlus(state: $0) })
        var scalar = states.map { Xoshiro256PlusPlus(state: $0) }
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: 4_000)
        defer { words.deallocate() }
        lanes.fill(words, count: 4_000)
        #expect(words[0] == 41_943_041 && words[4] == 58_720_359 && words[8] == 3_588_806_011_781_223)
        var mismatches = 0
        for k in 0..<1_000 { for j in 0..<4 where words[4 * k + j] != scalar[j].next() { mismatches += 1 } }
        #expect(mismatches == 0)
    }

    /// Fills of multiples of 4 words continue one another, and a last fill of any length gives
    /// the first words of the next whole fill.
    @Test func fillsContinueOneAnother() {
        var whole = Xoshiro256PlusPlusLanes(seed: 42), parts = whole
        let a = UnsafeMutablePointer<UInt64>.allocate(capacity: 3_000), b = UnsafeMutablePointer<UInt64>.allocate(capacity: 3_000)
        defer { a.deallocate(); b.deallocate() }
        whole.fill(a, count: 3_000)
        parts.fill(b, count: 2_048)
        parts.fill(b + 2_048, count: 8)
        parts.fill(b + 2_056, count: 943)   // not a multiple of 4: the last fill
        #expect((0..<2_999).allSatisfy { a[$0] == b[$0] })
    }

    /// The words of a stream are uniform and serially uncorrelated across lanes: 2^22 uniforms
    /// (as the runner draws them, in blocks) pass a Kolmogorov–Smirnov test at the 0.1% level
    /// (critical value 1.95/√n), and the correlations of values 1 to 8 apart (lag 4 and 8: the
    /// same lane; the others: neighbouring lanes) are within 4.5 standard errors (1/√n) of 0.
    @Test(arguments: [UInt64(1), 2, 3])
    func wordsAreUniformAndUncorrelated(seed: UInt64) throws {
        let uniform = try #require(UniformDistribution(min: 0, max: 1))
        let n = 1 << 22
        var u = [Double](repeating: 0, count: n)
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: RandomStream.blockSize)
        defer { words.deallocate() }
        var stream = StreamKey(seed: seed, inputName: "u").stream(chunk: 0)
        u.withUnsafeMutableBufferPointer { stream.draw(uniform, into: $0, words: words) }
        let sorted = u.sorted()
        var ks = 0.0
        for (i, x) in sorted.enumerated() { ks = max(ks, abs(x - Double(i) / Double(n)), abs(x - Double(i + 1) / Double(n))) }
        #expect(ks < 1.95 / Double(n).squareRoot(), "KS distance \(ks)")
        for lag in 1...8 {
            var c = 0.0
            for i in 0..<(n - lag) { c += (u[i] - 0.5) * (u[i + lag] - 0.5) }
            let correlation = c / Double(n - lag) * 12
            #expect(abs(correlation) < 4.5 / Double(n).squareRoot(), "lag \(lag): \(correlation)")
        }
    }

    /// Large arrays come back usable (aligned for huge pages) and small ones from the allocator.
    @Test func largeAllocationsHoldTheirValues() {
        for count in [10, LargeAllocation.threshold / 8 + 3] {
            let buffer = LargeAllocation.allocate(Double.self, count: count)
            #expect(buffer.count == count)
            if count * 8 >= LargeAllocation.threshold { #expect(Int(bitPattern: buffer.baseAddress) % LargeAllocation.alignment == 0) }
            for i in 0..<count { buffer[i] = Double(i) }
            #expect(buffer[count - 1] == Double(count - 1))
            LargeAllocation.deallocate(buffer)
        }
    }
}
