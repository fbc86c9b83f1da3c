import Foundation
import Testing
@testable import RendementCore

/// Selecting several columns in shared passes (the PVs with the NPV and BCR computed from them),
/// split over threads by sample range, gives exactly the order statistics of a full sort of each
/// column, whatever the split.
@Suite struct GroupSelectTests {
    static let probabilities = Quantiles.standard.map(\.p) + [0, 1]

    /// left, right, left − right and left / right, computed one value at a time.
    static func columns(_ left: [Double], _ right: [Double]) -> [[Double]] {
        [left, right, zip(left, right).map { $0 - $1 }, zip(left, right).map { $0 / $1 }]
    }

    static func selectPair(_ left: [Double], _ right: [Double], threads: Int) -> [[Double]?] {
        let ranks = Quantiles.ranks(count: left.count, at: probabilities)
        let ranges = columns(left, right).map { (lo: $0.min()!, hi: $0.max()!) }
        return left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                BucketSelect.orderStatistics(of: PairColumns(left: l.baseAddress!, right: r.baseAddress!, count: left.count),
                                             ranks: ranks, ranges: ranges, threads: threads)
            }
        }
    }

    static func sortedRanks(_ values: [Double], count n: Int) -> [Double] {
        let sorted = values.sorted()
        return Quantiles.ranks(count: n, at: probabilities).map { sorted[$0] }
    }

    @Test(arguments: [1, 2, 3, 8])
    func pairColumnsMatchFullSorts(threads: Int) {
        var rng = Xoshiro256PlusPlus(seed: 31)
        let n = 400_003   // not a multiple of 4: every part but the last ends on one, the last has a tail
        let left = (0..<n).map { _ in 1e6 * exp(Ziggurat.normal(&rng) * 0.4) }
        let right = (0..<n).map { _ in 8e5 + 1e5 * Ziggurat.normal(&rng) }
        let found = Self.selectPair(left, right, threads: threads)
        for (c, column) in Self.columns(left, right).enumerated() {
            #expect(found[c] == Self.sortedRanks(column, count: n), "column \(c), \(threads) threads")
        }
    }

    /// A heavy tail squeezes the bulk of a column into one bucket: that column is left to be
    /// selected alone (nil); the others are still exact; a constant column needs no pass.
    @Test func heavyTailIsLeftToTheSingleColumnPath() {
        var rng = Xoshiro256PlusPlus(seed: 8)
        let n = 300_001
        var left = (0..<n).map { _ in 100 + rng.nextUnit() }
        left[17] = 1e12
        let right = [Double](repeating: 2, count: n)
        let found = Self.selectPair(left, right, threads: 2)
        #expect(found[0] == nil && found[2] == nil && found[3] == nil)
        #expect(found[1] == Quantiles.ranks(count: n, at: Self.probabilities).map { _ in 2 })
        // The single-column path refines the crowded bucket: still a full sort's values.
        var copy = left
        let alone = copy.withUnsafeMutableBufferPointer { BucketSelect.orderStatistics($0, ranks: Quantiles.ranks(count: n, at: Self.probabilities)) }
        #expect(alone == Self.sortedRanks(left, count: n))
    }

    /// A whole run: the PVs, NPV and BCR quantiles are those of the model's own values, with
    /// the shared passes and (for the heavy-tailed case) the fallback to single columns.
    @Test(arguments: [("lognormal, p5: 500, p95: 5000", 2), ("lognormal, p5: 1, p95: 1e12", 1), ("lognormal, p5: 1, p95: 1e12", 2)])
    func runQuantilesMatchTheModelsValues(benefit: String, threads: Int) throws {
        let model = try compile("""
            scenario: Benefits against uncertain costs
            stakeholders: [{id: s}]
            inputs:
              a: {dist: \(benefit)}
              c: {dist: triangular, min: 500, mode: 900, max: 2500}
            costs: [{name: C, payer: s, amount: c}]
            benefits: [{name: A, beneficiary: s, amount: a, start: 1, duration: 3}]
            horizon: 4
            discount_rate: 0.03
            """)
        let n = 33 * RunOptions.chunkSize + 77   // over 2¹⁷: split in parts on 2 threads
        let roles: [ModelOutput.Role] = [.pvBenefits, .pvCosts, .npv, .bcr]
        let result = MonteCarloRunner.run(model, options: RunOptions(samples: n, seed: 21, threads: threads))
        let observed = DerivedOutputTests.observed(model, roles, samples: n, seed: 21)
        #expect(observed[0].min()! > 0 && observed[1].min()! > 0)
        for (role, values) in zip(roles, observed) {
            for (p, key) in Quantiles.standard.map({ ($0.p, $0.key) }) {
                #expect(result.summary(role).quantile(key)! == QuantileTests.sorted(values, p), "\(role) \(key)")
            }
        }
    }
}
