import Foundation
import Testing
@testable import RendementCore

/// The table-guided rejection sampler of the beta (and so of every PERT): the alias table gives
/// each piece exactly its share, and the draws follow the exact beta CDF.
@Suite struct BetaTableSamplerTests {
    /// The probability of each entry implied by (keep, alias) is its weight's share, to rounding;
    /// empty entries never come out.
    @Test func aliasTableReproducesTheWeights() {
        var rng = Xoshiro256PlusPlus(seed: 9)
        for trial in 0..<20 {
            let n = 2048
            let weights = (0..<n).map { i in i % 7 == trial % 7 || i > 1900 ? 0 : rng.nextUnit() * (i % 3 == 0 ? 1e-6 : 1) }
            let (keep, alias) = BetaTableSampler.aliasTable(weights)
            var implied = keep.map { $0 / Double(n) }
            for j in 0..<n { implied[Int(alias[j])] += (1 - keep[j]) / Double(n) }
            let total = weights.reduce(0, +)
            for i in 0..<n {
                #expect(abs(implied[i] - weights[i] / total) <= 1e-12, "entry \(i): \(implied[i]) vs \(weights[i] / total)")
                if weights[i] == 0 { #expect(keep[i] == 0 && weights[Int(alias[i])] > 0) }
            }
        }
    }

    /// Kolmogorov–Smirnov against the exact CDF at 200,000 draws: √n·D stays below 1.95 (the 0.1%
    /// critical value), and a 0.5% error in the CDF anywhere would give √n·D ≈ 2.2. Mean within
    /// 4 standard errors of the closed form.
    @Test(arguments: [(1.0, 1.0), (1.0, 3.0), (3.0, 1.0), (2.5, 4.0), (1.2, 4.8), (5.0, 1.0), (30.0, 30.0), (1.0, 63.0), (3.4, 2.6)])
    func drawsFollowTheExactDistribution(shapes: (Double, Double)) throws {
        let (a, b) = shapes
        let beta = try #require(BetaDistribution(alpha: a, beta: b, min: 2, max: 7))
        #expect(beta.table != nil)
        var rng = Xoshiro256PlusPlus(seed: 2026)
        let n = 200_000
        var x = beta.samples(n, using: &rng)
        x.sort()
        var d = 0.0
        for (i, value) in x.enumerated() {
            let f = beta.cdf(value)
            d = max(d, abs(f - Double(i) / Double(n)), abs(f - Double(i + 1) / Double(n)))
        }
        #expect(Double(n).squareRoot() * d < 1.95, "Beta(\(a), \(b)): √n·D = \(Double(n).squareRoot() * d)")
        let mean = x.reduce(0, +) / Double(n)
        #expect(abs(mean - beta.mean) < 4 * beta.standardDeviation / Double(n).squareRoot(), "Beta(\(a), \(b)) mean \(mean) vs \(beta.mean)")
        #expect(x.first! >= 2 && x.last! <= 7)
    }

    /// Every piece holds its exact probability: 2²⁴ draws counted per piece against the beta's CDF
    /// at the piece edges (chi-square with 2,047 degrees of freedom: mean 2,047, sd 64; the bound
    /// is 6 sd above; correct draws give 2,075–2,094). Placing the alias's core points in the
    /// entry's own piece instead (0.3% of draws misplaced) gives 2,724–2,949: caught. The shapes
    /// include a steep one (Beta(1.5, 30): more aliases and caps).
    @Test(arguments: [(2.6, 3.4), (1.5, 30.0), (1.0, 5.0)])
    func piecesHoldTheirExactProbabilities(shapes: (Double, Double)) throws {
        let (a, b) = shapes
        let beta = try #require(BetaDistribution(alpha: a, beta: b, min: 0, max: 1))
        let table = try #require(beta.table)
        let edges = table.edges
        #expect(edges.count == BetaTableSampler.pieces + 1 && edges.first == 0 && edges.last == 1)
        #expect(zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 }, "edges strictly increasing")
        var rng = Xoshiro256PlusPlus(seed: 77)
        let n = 1 << 24
        var x = [Double](repeating: 0, count: n)
        x.withUnsafeMutableBufferPointer { beta.sample(into: $0, using: &rng) }   // by the table
        var counts = [Int](repeating: 0, count: BetaTableSampler.pieces)
        for value in x {
            // The piece holding value: the last edge ≤ value.
            var lo = 0, hi = BetaTableSampler.pieces
            while hi - lo > 1 { let mid = (lo + hi) / 2; if edges[mid] <= value { lo = mid } else { hi = mid } }
            counts[lo] += 1
        }
        var chiSquare = 0.0
        for k in 0..<BetaTableSampler.pieces {
            let expected = Double(n) * (beta.cdf(edges[k + 1]) - beta.cdf(edges[k]))
            chiSquare += (Double(counts[k]) - expected) * (Double(counts[k]) - expected) / expected
        }
        let df = Double(BetaTableSampler.pieces - 1)
        #expect(chiSquare < df + 6 * (2 * df).squareRoot(), "Beta(\(a), \(b)): chi-square \(chiSquare) on \(Int(df)) df")
    }

    /// Shapes outside the table's range keep the gamma-ratio sampler.
    @Test func otherShapesUseTheGammaRatio() throws {
        #expect(try #require(BetaDistribution(alpha: 0.5, beta: 3)).table == nil)
        #expect(try #require(BetaDistribution(alpha: 40, beta: 40)).table == nil)
        #expect(try #require(PertDistribution(min: 0, mode: 0.3, max: 1)).beta.table != nil)
    }
}
