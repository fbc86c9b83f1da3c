import Foundation
import Testing
@testable import RendementCore
@testable import RendementAnalysis

func compile(_ yaml: String) throws -> CompiledModel {
    try ModelCompiler.compile(ScenarioLoader.decode(yaml: yaml, file: "test.yaml"))
}

func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
func density(_ x: Double) -> Double { exp(-x * x / 2) / (2 * Double.pi).squareRoot() }

@Suite struct SensitivityTests {
    static let ishigami = """
        scenario: Ishigami
        stakeholders: [{id: s}]
        inputs:
          x1: {dist: uniform, min: -3.141592653589793, max: 3.141592653589793}
          x2: {dist: uniform, min: -3.141592653589793, max: 3.141592653589793}
          x3: {dist: uniform, min: -3.141592653589793, max: 3.141592653589793}
        benefits: [{name: f, beneficiary: s, amount: sin(x1) + 7 * sin(x2)^2 + 0.1 * x3^4 * sin(x1)}]
        costs: [{name: c, payer: s, amount: 1}]
        """

    /// Ishigami (a = 7, b = 0.1, inputs uniform on [−π, π]): analytic S1 = (0.3139, 0.4424, 0),
    /// ST = (0.5576, 0.4424, 0.2437) (Ishigami & Homma 1990; Saltelli et al. 2008 §4.5).
    static let ishigamiIndices: (s1: [Double], st: [Double]) = {
        let (a, b) = (7.0, 0.1), pi4 = pow(Double.pi, 4)
        let v1 = 0.5 * pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = b * b * pow(Double.pi, 8) * (1.0 / 18 - 1.0 / 50)
        let v = v1 + v2 + v13
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v])
    }()

    @Test(arguments: [SobolIndices.Design.monteCarlo, .sobol])
    func ishigamiIndices(design: SobolIndices.Design) throws {
        let model = try compile(Self.ishigami)
        let (s1, st) = Self.ishigamiIndices
        let settings = SobolIndices.Settings(baseSamples: 1 << 14, seed: 11, threads: 2, outputs: [model.outputIndex(.npv)!], design: design)
        let result = SobolIndices.analyse(model, settings: settings)
        for (j, index) in result.indices[0].enumerated() {
            #expect(abs(index.first - s1[j]) < 0.02, "\(design) S1 x\(j + 1): \(index.first) vs \(s1[j])")
            #expect(abs(index.total - st[j]) < 0.02, "\(design) ST x\(j + 1): \(index.total) vs \(st[j])")
        }
        #expect(result.modelRuns == (1 << 14) * 5)
    }

    /// The replicates' intervals cover the analytic indices at about their nominal 95%: counted
    /// over 40 seeds and the 6 Ishigami indices (240 intervals; at 95%, fewer than 216 inside has
    /// probability below 10⁻⁴, and an interval that were a bootstrap's several times too wide
    /// would cover nearly all, so the upper bound is checked too).
    @Test func replicateIntervalsCoverAtTheirNominalLevel() throws {
        let model = try compile(Self.ishigami)
        let (s1, st) = Self.ishigamiIndices
        var inside = 0, total = 0
        for seed in 1...40 {
            let settings = SobolIndices.Settings(baseSamples: 1 << 12, seed: UInt64(seed), threads: 2, outputs: [model.outputIndex(.npv)!])
            for (j, index) in SobolIndices.analyse(model, settings: settings).indices[0].enumerated() {
                if index.firstInterval.0 <= s1[j] && s1[j] <= index.firstInterval.1 { inside += 1 }
                if index.totalInterval.0 <= st[j] && st[j] <= index.totalInterval.1 { inside += 1 }
                total += 2
            }
        }
        #expect(inside >= 216 && inside <= 239, "coverage \(inside)/\(total)")
    }

    /// The design's blocks computed in any split (shards) and on any number of threads give the
    /// same sums, hence the same indices to the bit.
    @Test func sobolSumsDoNotDependOnSplitOrThreads() throws {
        let model = try compile(Self.ishigami)
        let settings = SobolIndices.Settings(baseSamples: 5000, replicates: 4, seed: 5, threads: 1, outputs: [model.outputIndex(.npv)!])
        let blocks = SobolIndices.blocks(settings).count
        let whole = SobolIndices.evaluate(model, settings: settings, blocks: 0..<blocks)
        var two = settings
        two.threads = 2
        let parts = SobolIndices.evaluate(model, settings: two, blocks: 0..<(blocks / 2)) + SobolIndices.evaluate(model, settings: two, blocks: (blocks / 2)..<blocks)
        #expect(whole == parts)
        #expect(whole.count == blocks * SobolIndices.sumsPerOutput(inputs: 3))
    }

    /// f = x1 x2 with x1, x2 uniform on [0, 1]: S1 = 3/7 and ST = 4/7 for each.
    @Test func productOfTwoUniforms() throws {
        let model = try compile("""
            scenario: Product
            stakeholders: [{id: s}]
            inputs:
              x1: {dist: uniform, min: 0, max: 1}
              x2: {dist: uniform, min: 0, max: 1}
            benefits: [{name: f, beneficiary: s, amount: x1 * x2}]
            costs: [{name: c, payer: s, amount: 1}]
            """)
        let result = SobolIndices.analyse(model, settings: SobolIndices.Settings(baseSamples: 1 << 14, seed: 3, threads: 2, outputs: [model.outputIndex(.npv)!]))
        for index in result.indices[0] {
            #expect(abs(index.first - 3.0 / 7) < 0.02)
            #expect(abs(index.total - 4.0 / 7) < 0.02)
        }
    }

    static let linear = """
        scenario: Linear
        stakeholders: [{id: s}]
        inputs:
          a: {dist: normal, mean: 100, sd: 10}
          b: {dist: uniform, min: 0, max: 60}
          c: {dist: triangular, min: 50, mode: 80, max: 140}
        benefits:
          - {name: A, beneficiary: s, amount: 3 * a}
          - {name: B, beneficiary: s, amount: -2 * b}
        costs: [{name: C, payer: s, amount: 0.5 * c}]
        """

    /// NPV = 3a − 2b − 0.5c: SRC_j = coef_j sd_j / sd(NPV); tornado swing = |coef|(P90 − P10);
    /// break-even values solve 3a − 2b − 0.5c = 0 with the others at base.
    @Test func linearModelIsExact() throws {
        let model = try compile(Self.linear)
        let coefficients = [3.0, -2.0, -0.5]
        let sds = model.inputs.map { $0.distribution.standardDeviation }
        let sdNPV = zip(coefficients, sds).map { $0 * $0 * $1 * $1 }.reduce(0, +).squareRoot()
        let analysis = SensitivityAnalysis(model: model, methods: [.rank], settings: .init(samples: 100_000, seed: 4, threads: 2, design: MonteCarloDesign()))
        let rank = try #require(analysis.rank)
        #expect(rank.rows == 100_000)
        for j in 0..<3 { #expect(abs(rank.src[j] - coefficients[j] * sds[j] / sdNPV) < 0.01, "SRC \(j)") }
        #expect(abs(rank.rSquared - 1) < 1e-9)
        for j in 0..<3 {
            #expect((rank.prcc[j] > 0) == (coefficients[j] > 0) && (rank.spearman[j] > 0) == (coefficients[j] > 0), "signs \(j)")
            #expect(abs(rank.prcc[j]) > abs(rank.spearman[j]), "partialling out the others sharpens the rank correlation")
        }

        let bars = OneWay.tornado(model)[model.outputIndex(.npv)!]
        for bar in bars {
            let j = model.inputs.firstIndex { $0.name == bar.input }!
            let d = model.inputs[j].distribution
            #expect(abs(bar.swing - abs(coefficients[j]) * (d.quantile(0.9) - d.quantile(0.1))) < 1e-9 * max(1, bar.swing))
        }
        #expect(bars.map(\.swing) == bars.map(\.swing).sorted(by: >))

        let base = model.baseValues   // a: 100, b: 30 (median), c: 80 (mode) → NPV = 300 − 60 − 40 = 200
        let breakEven = OneWay.breakEven(model, output: model.outputIndex(.npv)!)
        let expected: [Double?] = [(2 * base[1] + 0.5 * base[2]) / 3, nil, nil]   // b would need 130 (> 60), c 480 (> 140)
        for (j, (_, value)) in breakEven.enumerated() {
            if let e = expected[j] { #expect(value.map { abs($0 - e) < 1e-9 * abs(e) } == true, "break-even \(j): \(String(describing: value))") }
            else { #expect(value == nil, "break-even \(j) should be outside the support") }
        }
        // Shrinking every benefit: PV(costs) / PV(benefits) at base.
        let pv = model.evaluateBase()
        #expect(OneWay.effectScaleBreakEven(model) == pv[model.outputIndex(.pvCosts)!] / pv[model.outputIndex(.pvBenefits)!])
    }

    /// NPV = a + b − c with normal a, b (c fixed): EVPI = σΦ-form closed forms, each EVPPI the
    /// same with only that input's variance. E[max(X, 0)] = μΦ(μ/σ) + σφ(μ/σ).
    @Test func valueOfInformationMatchesClosedForms() throws {
        let model = try compile("""
            scenario: VOI
            stakeholders: [{id: s}]
            inputs:
              a: {dist: normal, mean: 500, sd: 600}
              b: {dist: normal, mean: 400, sd: 300}
              c: 800
            benefits: [{name: A, beneficiary: s, amount: a}, {name: B, beneficiary: s, amount: b}]
            costs: [{name: C, payer: s, amount: c}]
            """)
        func expectedGain(_ mu: Double, _ sigma: Double) -> Double { mu * phi(mu / sigma) + sigma * density(mu / sigma) - max(mu, 0) }
        let mu = 100.0
        let analysis = SensitivityAnalysis(model: model, methods: [.voi], settings: .init(samples: 200_000, seed: 6, threads: 2, design: MonteCarloDesign()))
        let evpi = try #require(analysis.evpi)
        #expect(abs(evpi / expectedGain(mu, (600.0 * 600 + 300 * 300).squareRoot()) - 1) < 0.05, "EVPI \(evpi)")
        for (j, sigma) in [600.0, 300.0].enumerated() {
            let evppi = try #require(analysis.evppi[j].value)
            #expect(abs(evppi / expectedGain(mu, sigma) - 1) < 0.05, "EVPPI \(j): \(evppi) vs \(expectedGain(mu, sigma))")
        }
    }

    /// A Bernoulli and a discrete input: g is the mean NPV at each of their values, so the
    /// partial EVPI has a closed form: Σ P(v) max(E[NPV | v], 0) − max(E[NPV], 0). (The spline
    /// regression gave no value at all for these before.)
    @Test func valueOfInformationOfDiscreteInputs() throws {
        let model = try compile("""
            scenario: Discrete VOI
            stakeholders: [{id: s}]
            inputs:
              a: {dist: normal, mean: 100, sd: 400}
              d: {dist: bernoulli, p: 0.3}
              k: {dist: discrete, values: [-300, 0, 200], weights: [0.2, 0.5, 0.3]}
            benefits: [{name: A, beneficiary: s, amount: a + 1000 * d + k}]
            costs: [{name: C, payer: s, amount: 400}]
            """)
        // E[NPV] = 100 + 300 − 60 + 60 − 400 ... with E[k] = −60 + 60 = 0: mean = 100 + 300 + 0 − 400 = 0.
        let mean = 100.0 + 0.3 * 1000 + (0.2 * -300 + 0.3 * 200) - 400
        let d = 0.7 * max(mean - 300, 0) + 0.3 * max(mean + 700, 0) - max(mean, 0)
        let kMean = 0.2 * -300 + 0.3 * 200
        let k = 0.2 * max(mean - kMean - 300, 0) + 0.5 * max(mean - kMean, 0) + 0.3 * max(mean - kMean + 200, 0) - max(mean, 0)
        let analysis = SensitivityAnalysis(model: model, methods: [.voi], settings: .init(samples: 200_000, seed: 8, threads: 2, design: MonteCarloDesign()))
        let values = analysis.evppi.map(\.value)
        // Group means carry the Monte Carlo error of each group's mean: sd 400 over ≥ 40,000 rows.
        #expect(values[1].map { abs($0 - d) < 20 } == true, "EVPPI d: \(String(describing: values[1])) vs \(d)")
        #expect(values[2].map { abs($0 - k) < 20 } == true, "EVPPI k: \(String(describing: values[2])) vs \(k)")
        #expect(analysis.evppiRanking.first?.input == "d")
    }
}

/// The radix ranking against a comparison sort: the same ranks, ties averaged (values with equal
/// leading bits, −0 and +0, infinities, tiny and huge magnitudes among them).
@Suite struct RankingTests {
    @Test(arguments: [1, 2, 3, 1000, 70_000])
    func ranksMatchASort(n: Int) {
        var rng = Xoshiro256PlusPlus(seed: UInt64(n))
        let values: [Double] = (0..<n).map { i in
            switch i % 5 {
            case 0: return Double(rng.next() % 7) - 3            // ties, negative and zero
            case 1: return -Double(rng.next() >> 11) * 1e-300    // tiny negatives
            case 2: return Double(rng.next() >> 11) * 1e290       // huge
            case 3: return i % 10 == 3 ? -0.0 : .infinity
            default:
                // Values that agree on their leading bits (the fix-up path), or any positive double.
                return i % 10 == 4 ? 1 + Double(rng.next() % 16) * 0x1p-50 : Double(bitPattern: rng.next() >> 2)
            }
        }
        let ranks = values.withUnsafeBufferPointer { Ranking.ranks($0) }
        // The ranks against a comparison sort of the same values.
        let sorted = values.sorted()
        for i in values.indices {
            // Below: the first index of values[i] in the sorted array; equal: its run's length.
            var lo = 0, hi = sorted.count
            while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < values[i] { lo = mid + 1 } else { hi = mid } }
            var end = lo
            while end < sorted.count && sorted[end] == values[i] { end += 1 }
            #expect(ranks[i] == Double(lo) + Double(end - lo - 1) / 2, "row \(i)")
        }
    }
}

/// Published figures against closed forms: the base-case match and the probability it holds.
@Suite struct ReconciliationTests {
    @Test func probabilityThatAFigureHoldsMatchesTheDistribution() throws {
        let model = try ModelCompiler.compile(yaml: """
            scenario: Reconciled
            inputs:
              x: {dist: triangular, min: 80, mode: 100, max: 110}
            costs: [{name: C, amount: 1000}]
            benefits: [{name: B, amount: 20 * x}]
            published:
              - {figure: Savings, value: 2100, of: "line:B", tolerance: 0}
              - {figure: Cost, value: 1000, of: pv_costs, claim: about, tolerance: 1}
              - {figure: Net, value: 1000, of: npv, claim: at-most, tolerance: 0}
            """, file: "r.yaml")
        let options = RunOptions(samples: 1 << 17, seed: 3, threads: 2)
        let result = MonteCarloRunner.run(model, options: options)
        let r = try Reconciliation.compute(result, options: options)
        #expect(r.rows.count == 3)
        // P(20x ≥ 2100) = P(x ≥ 105) = (110 − 105)² / (30 × 10) for triangular(80, 100, 110).
        let p0 = 25.0 / 300
        #expect(!r.rows[0].matches && r.rows[0].difference == -100)
        #expect(abs(r.rows[0].probability - p0) < 4 * (p0 * (1 - p0) / Double(options.samples)).squareRoot())
        #expect(r.rows[1].matches && r.rows[1].probability == 1)
        // P(20x − 1000 ≤ 1000) = P(x ≤ 100) = (100 − 80)² / (30 × 20).
        let p2 = 400.0 / 600
        #expect(r.rows[2].matches)
        #expect(abs(r.rows[2].probability - p2) < 4 * (p2 * (1 - p2) / Double(options.samples)).squareRoot())
    }
}
