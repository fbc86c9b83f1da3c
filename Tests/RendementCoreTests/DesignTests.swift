import Foundation
import Testing
@testable import RendementCore

/// Sampling designs (plain MC, Latin hypercube, scrambled Sobol'), correlations under each, and
/// runs that stop at a target precision.
@Suite struct DesignTests {
    /// The unscrambled sequence reproduces the published first points (SciPy's
    /// `qmc.Sobol(d, scramble=False)`, which uses the same Joe–Kuo numbers).
    @Test func sobolFirstPointsMatchPublishedValues() {
        // scipy: qmc.Sobol(d=70, scramble=False).random(16)[1:16][:, [0, 1, 2, 9, 39, 63, 69]]
        let expected: [[Double]] = [
            [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [0.75, 0.25, 0.25, 0.75, 0.25, 0.75, 0.75],
            [0.25, 0.75, 0.75, 0.25, 0.75, 0.25, 0.25], [0.375, 0.375, 0.625, 0.625, 0.875, 0.125, 0.125],
            [0.875, 0.875, 0.125, 0.125, 0.375, 0.625, 0.625], [0.625, 0.125, 0.875, 0.375, 0.625, 0.875, 0.875],
            [0.125, 0.625, 0.375, 0.875, 0.125, 0.375, 0.375], [0.1875, 0.3125, 0.9375, 0.3125, 0.5625, 0.6875, 0.6875],
            [0.6875, 0.8125, 0.4375, 0.8125, 0.0625, 0.1875, 0.1875], [0.9375, 0.0625, 0.6875, 0.5625, 0.8125, 0.4375, 0.4375],
            [0.4375, 0.5625, 0.1875, 0.0625, 0.3125, 0.9375, 0.9375], [0.3125, 0.1875, 0.3125, 0.9375, 0.4375, 0.5625, 0.5625],
            [0.8125, 0.6875, 0.8125, 0.4375, 0.9375, 0.0625, 0.0625], [0.5625, 0.4375, 0.0625, 0.1875, 0.1875, 0.3125, 0.3125],
            [0.0625, 0.9375, 0.5625, 0.6875, 0.6875, 0.8125, 0.8125],
        ]
        let points = Self.points(SobolSequence(dimensions: 70), count: 16)
        let dims = [0, 1, 2, 9, 39, 63, 69]
        for i in 1..<16 {
            for (k, j) in dims.enumerated() { #expect(abs(points[j][i] - expected[i - 1][k]) < 1e-15, "point \(i) dim \(j)") }
        }
        // scipy: qmc.Sobol(d=1024, scramble=False).random(1030)[[1000, 1023, 1029]][:, [100, 500, 1023]]
        let far = Self.points(SobolSequence(dimensions: 1024), count: 1030)
        let expectedFar: [[Double]] = [[0.7685546875, 0.7255859375, 0.7138671875], [0.2373046875, 0.3818359375, 0.9951171875],
                                       [0.55029296875, 0.48876953125, 0.80029296875]]
        for (r, i) in [1000, 1023, 1029].enumerated() {
            for (k, j) in [100, 500, 1023].enumerated() { #expect(abs(far[j][i] - expectedFar[r][k]) < 1e-15) }
        }
        #expect(SobolSequence.maxDimensions >= 64)
    }

    static func points(_ s: SobolSequence, count: Int) -> [[Double]] {
        var m = [Double](repeating: 0, count: s.dimensions * count)
        m.withUnsafeMutableBufferPointer { s.fill(count: count, into: $0.baseAddress!, stride: count) }
        return (0..<s.dimensions).map { j in Array(m[j * count..<(j + 1) * count]) }
    }

    /// Scrambled points keep the net property: 2^13 points put exactly one point in each interval
    /// [k/2^13, (k+1)/2^13) of every coordinate; different seeds give different points.
    @Test func scrambledSobolKeepsStratification() {
        var rng = Xoshiro256PlusPlus(seed: 3)
        let n = 8192
        let points = Self.points(SobolSequence(dimensions: 20).scrambled(using: &rng), count: n)
        for j in 0..<20 { #expect(Set(points[j].map { Int($0 * Double(n)) }).count == n, "dimension \(j)") }
        var other = Xoshiro256PlusPlus(seed: 4)
        #expect(Self.points(SobolSequence(dimensions: 20).scrambled(using: &other), count: 8)[0] != Array(points[0].prefix(8)))
    }

    /// Latin hypercube: exactly one sample per stratum of every input in a chunk.
    @Test func latinHypercubeStratifies() throws {
        let model = try compile("""
            scenario: LHS
            stakeholders: [{id: s}]
            inputs:
              a: {dist: normal, mean: 0, sd: 1}
              b: {dist: pert, min: 0, mode: 1, max: 5}
            benefits: [{name: B, beneficiary: s, amount: a + b}]
            costs: [{name: C, payer: s, amount: 1}]
            """)
        let n = 4096
        var m = [Double](repeating: 0, count: 2 * n)
        m.withUnsafeMutableBufferPointer { LatinHypercubeDesign().fill(chunk: 0, rows: n, inputs: model.inputs, seed: 1, into: $0.baseAddress!, stride: n) }
        for (j, input) in model.inputs.enumerated() {
            let strata = Set((0..<n).map { Int(input.distribution.cdf(m[j * n + $0]) * Double(n)) })
            #expect(strata.count == n, "\(input.name)")
        }
    }

    static let correlated = """
        scenario: Correlated
        stakeholders: [{id: s}]
        inputs:
          a: {dist: uniform, min: 0, max: 1}
          b: {dist: lognormal, p5: 1, p95: 10}
          c: {dist: triangular, min: 0, mode: 1, max: 5}
        correlations: [[a, b, 0.7], [a, c, -0.4], [b, c, -0.2]]
        benefits: [{name: B, beneficiary: s, amount: a + b + c}]
        costs: [{name: C, payer: s, amount: 1}]
        """

    /// Spearman correlations within 0.02 of the targets at 100k samples for every design, and
    /// the marginals unchanged.
    @Test(arguments: ["mc", "lhs", "sobol"])
    func correlationsHoldForEveryDesign(design: String) throws {
        let model = try compile(Self.correlated)
        let collector = InputCollector(samples: 100_000, inputs: 3)
        defer { collector.free() }
        let options = RunOptions(samples: 100_000, seed: 8, threads: 2, design: Designs.named(design)!)
        _ = MonteCarloRunner.run(model, options: options, observer: collector)
        let columns = collector.columns()
        for (a, b, rho) in [(0, 1, 0.7), (0, 2, -0.4), (1, 2, -0.2)] {
            #expect(abs(spearman(columns[a], columns[b]) - rho) < 0.02, "\(design) \(a)-\(b)")
        }
        for (j, input) in model.inputs.enumerated() {
            let d = input.distribution, n = Double(columns[j].count)
            let mean = columns[j].reduce(0, +) / n
            #expect(abs(mean - d.mean) < 4 * d.standardDeviation / n.squareRoot(), "\(design) mean of \(input.name)")
            // Kolmogorov–Smirnov distance of the marginal, at the 0.1% critical value 1.95/√n: the
            // test makes 9 such comparisons (at 1% each, one in eleven correct runs would fail).
            let sorted = columns[j].sorted()
            let ks = sorted.enumerated().map { i, x in max(abs(d.cdf(x) - Double(i) / n), abs(d.cdf(x) - Double(i + 1) / n)) }.max()!
            #expect(ks < 1.95 / n.squareRoot(), "\(design) KS of \(input.name)")
        }
    }

    /// On a smooth model, across 10 seeds at 4,096 samples, the spread of the mean-NPV estimate
    /// with LHS and with Sobol' is well below plain Monte Carlo's. Measured on this model:
    /// LHS/MC ≈ 0.27, Sobol'/MC ≈ 0.02 (docs/designs.md); the test asks for below 0.5.
    @Test func stratifiedDesignsReduceTheSpreadOfTheMean() throws {
        let model = try compile("""
            scenario: Smooth
            stakeholders: [{id: s}]
            inputs:
              n: {dist: pert, min: 80, mode: 100, max: 130}
              p: {dist: triangular, min: 0.05, mode: 0.1, max: 0.2}
              u: {dist: lognormal, p5: 5000, p95: 20000}
              c: {dist: normal, mean: 50000, sd: 8000, min: 0}
            derived:
              effect: n * p * u
            benefits: [{name: B, beneficiary: s, amount: effect, attribution: 0.6}]
            costs: [{name: C, payer: s, amount: c}]
            """)
        func spread(_ design: String) -> Double {
            let means = (1...10).map { seed in
                MonteCarloRunner.run(model, options: RunOptions(samples: 4096, seed: UInt64(seed), threads: 2,
                                                                design: Designs.named(design)!)).summary(.npv).mean
            }
            let m = means.reduce(0, +) / 10
            return (means.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 9).squareRoot()
        }
        let mc = spread("mc"), lhs = spread("lhs"), sobol = spread("sobol")
        #expect(lhs < 0.5 * mc, "LHS/MC = \(lhs / mc)")
        #expect(sobol < 0.5 * mc, "Sobol/MC = \(sobol / mc)")
    }

    /// `targetSE` stops within a factor 2 of the samples the target needs, and meets it.
    @Test(arguments: ["mc", "lhs"])
    func targetStandardErrorStopsNearTheNeededCount(design: String) throws {
        let model = try compile("""
            scenario: Target
            stakeholders: [{id: s}]
            inputs:
              a: {dist: normal, mean: 1000, sd: 400}
              b: {dist: uniform, min: 0, max: 1000}
            benefits: [{name: B, beneficiary: s, amount: a * (1 + b / 1000)}]
            costs: [{name: C, payer: s, amount: 1200}]
            """)
        let target = design == "mc" ? 2.0 : 0.25
        let result = MonteCarloRunner.run(model, options: RunOptions(samples: 8192, seed: 5, threads: 2, design: Designs.named(design)!,
                                                                     targetSE: target, maxSamples: 5_000_000))
        let npv = result.summary(.npv)
        let reached = result.targetReached, samples = result.samples
        #expect(reached, "stopped at \(samples) samples")
        #expect(npv.se <= target)
        // The count the target needs, from the design's own error at the final count.
        let needed = Double(result.samples) * (npv.se / target) * (npv.se / target)
        let minimum = Double((design == "mc" ? 1 : RunOptions.minimumReplicates) * RunOptions.chunkSize)
        #expect(Double(result.samples) <= 2 * max(needed, minimum), "\(result.samples) samples for \(needed) needed")
        #expect(Double(result.samples) > minimum, "the target should need more than the first round")
        #expect(result.convergence.last?.samples == result.samples)
        // Stopping at n samples gives exactly the run of n samples.
        let direct = MonteCarloRunner.run(model, options: RunOptions(samples: result.samples, seed: 5, threads: 1, design: Designs.named(design)!))
        #expect(direct.summary(.npv).moments == npv.moments)
        #expect(direct.summary(.npv).quantiles == npv.quantiles)
    }

    @Test(arguments: ["lhs", "sobol"])
    func designsAreReproducibleForAnyThreadCount(design: String) throws {
        let model = try compile(Self.correlated)
        let n = 2 * RunOptions.chunkSize + 100
        let one = MonteCarloRunner.run(model, options: RunOptions(samples: n, seed: 2, threads: 1, design: Designs.named(design)!))
        let three = MonteCarloRunner.run(model, options: RunOptions(samples: n, seed: 2, threads: 3, design: Designs.named(design)!))
        #expect(one.summaries.map(\.moments) == three.summaries.map(\.moments))
        #expect(one.summaries.map(\.quantiles) == three.summaries.map(\.quantiles))
    }
}

/// Keeps every sampled input (for tests of the joint distribution).
final class InputCollector: ChunkObserver, @unchecked Sendable {
    let samples: Int, inputs: Int
    let storage: UnsafeMutableBufferPointer<Double>

    init(samples: Int, inputs: Int) {
        self.samples = samples
        self.inputs = inputs
        storage = .allocate(capacity: samples * inputs)
    }

    func free() { storage.deallocate() }

    func observe(chunk: Int, firstSample: Int, rows: Int, inputs x: UnsafePointer<Double>, outputs: UnsafePointer<Double>, stride: Int) {
        for j in 0..<inputs { for i in 0..<rows { storage[j * samples + firstSample + i] = x[j * stride + i] } }
    }

    func columns() -> [[Double]] { (0..<inputs).map { j in Array(storage[j * samples..<(j + 1) * samples]) } }
}

/// Spearman's rank correlation (no ties in continuous samples).
func spearman(_ x: [Double], _ y: [Double]) -> Double {
    func ranks(_ v: [Double]) -> [Double] {
        var r = [Double](repeating: 0, count: v.count)
        for (rank, i) in v.indices.sorted(by: { v[$0] < v[$1] }).enumerated() { r[i] = Double(rank) }
        return r
    }
    let (rx, ry) = (ranks(x), ranks(y))
    let n = Double(x.count), m = (n - 1) / 2
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in 0..<x.count { sxy += (rx[i] - m) * (ry[i] - m); sxx += (rx[i] - m) * (rx[i] - m); syy += (ry[i] - m) * (ry[i] - m) }
    return sxy / (sxx * syy).squareRoot()
}
