import Foundation
import Testing
@testable import RendementCore

/// The engine against closed forms: sums of normal inputs, discounting, transfers, the base case.
@Suite struct EngineClosedFormTests {
    /// NPV = a + b − c with independent normals: NPV ~ N(μa + μb − μc, σa² + σb² + σc²).
    @Test(arguments: [UInt64(1), 2, 3])
    func sumOfNormalsMatchesClosedForm(seed: UInt64) throws {
        let model = try compile("""
            scenario: Sum of normals
            stakeholders: [{id: s}]
            inputs:
              a: {dist: normal, mean: 1000, sd: 300}
              b: {dist: normal, mean: 500, sd: 400}
              c: {dist: normal, mean: 1200, sd: 200}
            costs: [{name: C, payer: s, amount: c}]
            benefits:
              - {name: A, beneficiary: s, amount: a}
              - {name: B, beneficiary: s, amount: b}
            """)
        let n = 400_000
        let result = run(model, samples: n, seed: seed)
        let npv = result.summary(.npv)
        let mean = 300.0, sd = (300.0 * 300 + 400 * 400 + 200 * 200).squareRoot()
        let p = phi(mean / sd)
        #expect(abs(npv.mean - mean) < 4 * sd / Double(n).squareRoot())
        // SE of the sample sd of a normal ≈ σ/√(2n).
        #expect(abs(npv.sd - sd) < 4 * sd / (2 * Double(n)).squareRoot())
        #expect(abs(npv.probabilityPositive - p) < 4 * (p * (1 - p) / Double(n)).squareRoot())
        // Quantiles: SE of the q-quantile ≈ √(q(1−q)/n) / f(x_q).
        for (key, q) in [("p05", 0.05), ("p50", 0.5), ("p95", 0.95)] {
            let z = StandardNormal.quantile(q)
            let density = exp(-z * z / 2) / (2 * Double.pi).squareRoot() / sd
            let se = (q * (1 - q) / Double(n)).squareRoot() / density
            #expect(abs(npv.quantile(key)! - (mean + sd * z)) < 4 * se, "\(key)")
        }
        #expect(result.base(.npv) == 300)
        #expect(npv.se == npv.sd / Double(n).squareRoot())
    }

    /// Discounting and drop-off: a fixed benefit of 1000 for 3 years from year 1, 10% drop-off,
    /// 5% discount: PV = 1000 (1/1.05 + 0.9/1.05² + 0.81/1.05³).
    @Test func presentValueArithmetic() throws {
        let model = try compile("""
            scenario: PV
            horizon: 4
            discount_rate: 0.05
            stakeholders: [{id: s}]
            costs: [{name: C, payer: s, amount: 500, years: 2}]
            benefits:
              - {name: B, beneficiary: s, amount: 1000, start: 1, duration: 3, drop_off: 0.1, attribution: 0.5, deadweight: 0.2, displacement: 0.25}
            """)
        let base = model.evaluateBase()
        let years: Double = 1 / 1.05 + 0.9 / pow(1.05, 2) + 0.81 / pow(1.05, 3)
        let adjustment: Double = 0.5 * 0.8 * 0.75
        let pvB: Double = 1000 * adjustment * years
        let pvC: Double = 500 * (1 + 1 / 1.05)
        #expect(abs(base[model.outputIndex(.pvBenefits)!] - pvB) < 1e-9)
        #expect(abs(base[model.outputIndex(.pvCosts)!] - pvC) < 1e-9)
        #expect(abs(base[model.outputIndex(.npv)!] - (pvB - pvC)) < 1e-9)
        #expect(abs(base[model.outputIndex(.bcr)!] - pvB / pvC) < 1e-12)
    }

    /// A transfer counts for its beneficiary and against `from`, and not for society;
    /// the stakeholders' nets add up to society's NPV.
    @Test func transfersNetToZeroForSociety() throws {
        let model = try compile("""
            scenario: Transfers
            stakeholders: [{id: city}, {id: households}, {id: creditors}]
            inputs:
              debt: {dist: uniform, min: 1000, max: 3000}
            costs: [{name: Help, payer: city, amount: 1000}]
            benefits:
              - {name: Shelter avoided, beneficiary: city, amount: 1500}
              - {name: Debt written off, beneficiary: households, from: creditors, kind: transfer, amount: debt}
            """)
        let result = run(model, samples: 50_000)
        #expect(result.base(.pvBenefits) == 1500)
        #expect(result.base(.npv) == 500)
        #expect(result.summary(.npv).sd == 0)
        #expect(result.base(.stakeholder("households")) == 2000)
        #expect(result.base(.stakeholder("creditors")) == -2000)
        #expect(result.base(.stakeholder("city")) == 500)
        let sum = ["city", "households", "creditors"].map { result.summary(.stakeholder($0)).mean }.reduce(0, +)
        #expect(abs(sum - result.summary(.npv).mean) < 1e-6)
        #expect(abs(result.summary(.stakeholder("households")).mean - 2000) < 4 * (2000 / 12.0.squareRoot()) / (50_000.0).squareRoot())
    }

    /// The base case uses `base` where given, else the mode (pert, triangular), else the median.
    @Test func baseValues() throws {
        let model = try compile("""
            scenario: Base
            stakeholders: [{id: s}]
            inputs:
              t: {dist: triangular, min: 0, mode: 2, max: 10}
              p: {dist: pert, min: 0, mode: 3, max: 10}
              n: {dist: normal, mean: 5, sd: 1}
              l: {dist: lognormal, p5: 10, p95: 40}
              u: {dist: uniform, min: 2, max: 4, base: 2.5}
            benefits: [{name: B, beneficiary: s, amount: t + p + n + l + u}]
            costs: [{name: C, payer: s, amount: 1}]
            """)
        #expect(abs(model.evaluateBase()[model.outputIndex(.pvBenefits)!] - (2 + 3 + 5 + 20 + 2.5)) < 1e-9)
    }

    /// Expressions: precedence, functions and comparisons.
    @Test func expressions() throws {
        let model = try compile("""
            scenario: Expressions
            stakeholders: [{id: s}]
            inputs: {x: 2, y: 3}
            derived:
              a: -x^2 + y * 4 / 2          # -4 + 6 = 2
              b: max(x, y, 1) + min(x, y) # 3 + 2 = 5
              c: if(x < y, 10, 20) + clamp(7, 0, 5) + (x == 2) + abs(-1) + floor(2.5) + ceil(2.1)   # 10+5+1+1+2+3 = 22
              d: sqrt(16) + exp(0) + log(1) + sin(0) + cos(0)   # 4+1+0+0+1 = 6
            benefits: [{name: B, beneficiary: s, amount: a + b + c + d}]
            costs: [{name: C, payer: s, amount: 1}]
            """)
        #expect(model.evaluateBase()[model.outputIndex(.pvBenefits)!] == 35)
    }

    /// Same seed: the same numbers for any thread count; another seed: different numbers.
    @Test func reproducibleForAnyThreadCount() throws {
        let model = try compile("""
            scenario: Threads
            stakeholders: [{id: s}]
            inputs:
              a: {dist: pert, min: 1, mode: 2, max: 4}
              b: {dist: gamma, shape: 2, scale: 3}
              c: {dist: discrete, values: [1, 2, 3], weights: [1, 2, 1]}
            benefits: [{name: B, beneficiary: s, amount: a * b + c}]
            costs: [{name: C, payer: s, amount: 5}]
            """)
        let n = 3 * RunOptions.chunkSize + 17
        let one = run(model, samples: n, seed: 9, threads: 1)
        for threads in [2, 3, 8] {
            let other = run(model, samples: n, seed: 9, threads: threads)
            #expect(other.summaries.map(\.moments) == one.summaries.map(\.moments))
            #expect(other.summaries.map(\.quantiles) == one.summaries.map(\.quantiles))
        }
        let reseeded = run(model, samples: n, seed: 10, threads: 2)
        #expect(reseeded.summary(.npv).mean != one.summary(.npv).mean)
    }
}
