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
    /// Ishigami (a = 7, b = 0.1, inputs uniform on [−π, π]): analytic S1 = (0.3139, 0.4424, 0),
    /// ST = (0.5576, 0.4424, 0.2437) (Ishigami & Homma 1990; Saltelli et al. 2008 §4.5).
    @Test(arguments: ["mc", "sobol"])
    func ishigamiIndices(design: String) throws {
        let model = try compile("""
            scenario: Ishigami
            stakeholders: [{id: s}]
            inputs:
              x1: {dist: uniform, min: -3.141592653589793, max: 3.141592653589793}
              x2: {dist: uniform, min: -3.141592653589793, max: 3.141592653589793}
              x3: {dist: uniform, min: -3.141592653589793, max: 3.141592653589793}
            benefits: [{name: f, beneficiary: s, amount: sin(x1) + 7 * sin(x2)^2 + 0.1 * x3^4 * sin(x1)}]
            costs: [{name: c, payer: s, amount: 1}]
            """)
        let (a, b) = (7.0, 0.1), pi4 = pow(Double.pi, 4)
        let v1 = 0.5 * pow(1 + b * pi4 / 5, 2), v2 = a * a / 8, v13 = b * b * pow(Double.pi, 8) * (1.0 / 18 - 1.0 / 50)
        let v = v1 + v2 + v13
        let s1 = [v1 / v, v2 / v, 0], st = [(v1 + v13) / v, v2 / v, v13 / v]
        let result = SobolIndices.analyse(model, outputs: [model.outputIndex(.npv)!], baseSamples: 1 << 14, seed: 11, threads: 2,
                                          design: Designs.named(design)!)
        for (j, index) in result.indices[0].enumerated() {
            #expect(abs(index.first - s1[j]) < 0.02, "\(design) S1 x\(j + 1): \(index.first) vs \(s1[j])")
            #expect(abs(index.total - st[j]) < 0.02, "\(design) ST x\(j + 1): \(index.total) vs \(st[j])")
            #expect(index.firstInterval.0 <= s1[j] && s1[j] <= index.firstInterval.1, "\(design) S1 CI x\(j + 1)")
            #expect(index.totalInterval.0 <= st[j] && st[j] <= index.totalInterval.1, "\(design) ST CI x\(j + 1)")
        }
        #expect(result.modelRuns == (1 << 14) * 5)
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
        let result = SobolIndices.analyse(model, outputs: [model.outputIndex(.npv)!], baseSamples: 1 << 14, seed: 3, threads: 2)
        for index in result.indices[0] {
            #expect(abs(index.first - 3.0 / 7) < 0.02)
            #expect(abs(index.total - 4.0 / 7) < 0.02)
            #expect(index.firstInterval.0 <= 3.0 / 7 && 3.0 / 7 <= index.firstInterval.1)
            #expect(index.totalInterval.0 <= 4.0 / 7 && 4.0 / 7 <= index.totalInterval.1)
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
        let table = SampleTable(model: model, samples: 100_000, outputs: [model.outputIndex(.npv)!])
        _ = MonteCarloRunner.run(model, options: RunOptions(samples: 100_000, seed: 4, threads: 2), observer: table)
        let rank = RankMeasures.analyse(inputs: (0..<3).map(table.input), output: table.output(0))
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
        let table = SampleTable(model: model, samples: 200_000, outputs: [model.outputIndex(.npv)!])
        _ = MonteCarloRunner.run(model, options: RunOptions(samples: 200_000, seed: 6, threads: 2), observer: table)
        let y = table.output(0)
        let evpi = ValueOfInformation.evpi(y)
        #expect(abs(evpi / expectedGain(mu, (600.0 * 600 + 300 * 300).squareRoot()) - 1) < 0.05, "EVPI \(evpi)")
        for (j, sigma) in [600.0, 300.0].enumerated() {
            let evppi = ValueOfInformation.evppi(input: table.input(j), npv: y)
            #expect(abs(evppi / expectedGain(mu, sigma) - 1) < 0.05, "EVPPI \(j): \(evppi) vs \(expectedGain(mu, sigma))")
        }
    }
}
