import Foundation
import Testing
@testable import RendementCore

/// The column kernels the engine's loops rely on: their stated error bounds, and that cutting a
/// chunk into batches changes no draw.
@Suite struct BatchKernelTests {
    /// Units in the last place between two positive finite doubles.
    private func ulps(_ a: Double, _ b: Double) -> UInt64 {
        let (x, y) = (a.bitPattern, b.bitPattern)
        return x > y ? x - y : y - x
    }

    /// Within 2 ulp of the C library's exp over the whole fast range and the range lognormal
    /// draws use; outside it (overflow, underflow, subnormals, NaN, ±∞) exactly the C library's.
    @Test func exponentialWithinTwoUlps() {
        var rng = Xoshiro256PlusPlus(seed: 2026)
        var values = (0..<1_000_000).map { i -> Double in
            let u = rng.nextUnit()
            return i % 2 == 0 ? -708 + 1416 * u : -20 + 40 * u
        }
        values += [0, -0.0, 1, -1, 708, -708, 0x1p-60, -0x1p-60, Double.leastNonzeroMagnitude, 0.5 * Double.log(2), -0.5 * Double.log(2)]
        let outside: [Double] = [708.5, 709.7, 710, 1e5, -708.5, -740, -746, -1e5, .infinity, -.infinity, .nan]
        var column = values + outside
        column.withUnsafeMutableBufferPointer { BatchExponential.apply($0) }
        var worst: UInt64 = 0, identical = 0
        for (x, e) in zip(values, column) {
            let expected = Foundation.exp(x)
            worst = max(worst, ulps(e, expected))
            if e == expected { identical += 1 }
        }
        #expect(worst <= 2, "largest difference \(worst) ulp")
        #expect(identical > values.count * 8 / 10, "only \(identical) of \(values.count) identical")
        for (x, e) in zip(outside, column[values.count...]) {
            let expected = Foundation.exp(x)
            #expect(e.bitPattern == expected.bitPattern || (e.isNaN && expected.isNaN), "exp(\(x)) = \(e), C library \(expected)")
        }
        // One value outside the fast range, in the eight-wide part of the check or in its tail,
        // sends the column down the careful path.
        for (x, position, length) in [(710.0, 3, 16), (Double.nan, 9, 16), (-746.0, 17, 18), (Double.infinity, 0, 1)] {
            var column = [Double](repeating: 1.5, count: length)
            column[position] = x
            column.withUnsafeMutableBufferPointer { BatchExponential.apply($0) }
            let expected = Foundation.exp(x)
            #expect(column[position].bitPattern == expected.bitPattern || (column[position].isNaN && expected.isNaN), "exp(\(x)) at \(position) of \(length)")
        }
        // A short column takes the same path as a long one.
        var single = [3.25]
        single.withUnsafeMutableBufferPointer { BatchExponential.apply($0) }
        #expect(ulps(single[0], Foundation.exp(3.25)) <= 2)
    }

    /// Every sampler takes one word of the lanes per value and any further words from the spare
    /// generator in the order of the values, so a chunk drawn in blocks (as plain Monte Carlo runs
    /// do; any multiple of 4 values) equals the chunk drawn at once, bit for bit, for every kind
    /// of distribution, including those that reject (truncation, ziggurat, beta caps) or draw
    /// several words per value (gamma).
    @Test func batchesDrawTheSameNumbersAsWholeChunks() throws {
        let distributions: [any Distribution] = [
            try #require(NormalDistribution(mean: 3, sd: 2)),
            try #require(NormalDistribution(mean: 3000, sd: 1500, lower: 0)),
            try #require(NormalDistribution(mean: 0, sd: 1, lower: 2.5)),
            try #require(LognormalDistribution.fromPercentiles(p5: 8000, p95: 20000)),
            try #require(LognormalDistribution(mu: 1, sigma: 0.5, lower: 1, upper: 4)),
            try #require(TriangularDistribution(min: 0.05, mode: 0.15, max: 0.30)),
            try #require(UniformDistribution(min: -1, max: 2)),
            try #require(PertDistribution(min: 0.4, mode: 0.6, max: 0.85)),
            try #require(PertDistribution(min: 0, mode: 0, max: 1)),
            try #require(BetaDistribution(alpha: 0.5, beta: 0.7)),
            try #require(GammaDistribution(shape: 0.8, scale: 3)),
            try #require(BernoulliDistribution(p: 0.3)),
            try #require(FixedDistribution(value: 4)),
        ]
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: RandomStream.blockSize)
        defer { words.deallocate() }
        func draw(_ d: any Distribution, _ count: Int, _ stream: inout RandomStream) -> [Double] {
            var values = [Double](repeating: 0, count: count)
            values.withUnsafeMutableBufferPointer { stream.draw(d, into: $0, words: words) }
            return values
        }
        for distribution in distributions {
            var whole = RandomStream(seed: 77), pieces = whole
            let all = draw(distribution, 8192, &whole)
            var batched: [Double] = []
            for size in [256, 256, 4, 252, 4096, 3328] { batched += draw(distribution, size, &pieces) }
            #expect(all.map(\.bitPattern) == batched.map(\.bitPattern), "\(distribution)")
            #expect(draw(distribution, 64, &whole) == draw(distribution, 64, &pieces), "\(distribution): streams end in different states")
        }
    }
}
