import Foundation
import Testing
@testable import RendementCore

/// The economics extensions against closed forms and against equivalent plain scenarios:
/// cohorts, profiles, persistence, shares and transfers, price years, shared factors.
@Suite struct EconomicsTests {
    /// Values of the named outputs at `points` random points of the model's inputs (uniform in
    /// each input's central 98%), so that identities are checked away from the base case too.
    static func outputs(_ model: CompiledModel, _ names: [String], points: Int = 25, seed: UInt64 = 7) -> [[Double]] {
        var rng = Xoshiro256PlusPlus(seed: seed)
        return (0..<points).map { _ in
            let x = model.inputs.map { $0.distribution.quantile(0.01 + 0.98 * rng.nextUnit()) }
            let y = model.evaluate(at: x)
            return names.map { name in y[model.outputs.firstIndex { $0.name == name }!] }
        }
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    @Test func aCohortLineIsTheSumOfItsShiftedCohorts() throws {
        // Uncertain intake, amount, drop-off and rate; the horizon cuts the last cohorts.
        let common = """
            scenario: Cohorts
            horizon: 7
            discount_rate: {dist: uniform, min: 0.01, max: 0.06}
            inputs:
              intake: {dist: uniform, min: 50, max: 150}
              effect: {dist: triangular, min: 500, mode: 900, max: 1200}
              decline: {dist: uniform, min: 0, max: 0.5}

            """
        let cohorts = try compile(common + """
            cohorts:
              c: {intake: intake * (1 + 0.1 * cohort), years: 4, start: 1}
            costs: [{name: C, amount: 100}]
            benefits:
              - {name: B, amount: effect, cohort: c, duration: 5, drop_off: decline}
            """)
        // The same as four lines, each starting in its intake year.
        let lines = (0..<4).map { k in "  - {name: B\(k), amount: intake * (1 + 0.1 * \(k)) * effect, start: \(1 + k), duration: 5, drop_off: decline}" }
        let separate = try compile(common + "costs: [{name: C, amount: 100}]\nbenefits:\n" + lines.joined(separator: "\n"))
        let a = Self.outputs(cohorts, ["pv_benefits", "npv"]), b = Self.outputs(separate, ["pv_benefits", "npv"])
        for (x, y) in zip(a, b) {
            #expect(Self.close(x[0], y[0]), "cohort PV \(x[0]) against the shifted lines' \(y[0])")
            #expect(Self.close(x[1], y[1]))
        }
        // Horizon cuts are warned about like a line's.
        #expect(cohorts.warnings.contains { $0.message.contains("cohort-years are not counted") })
    }

    @Test func aProfileIsTheSameAsSeparateLines() throws {
        let head = """
            scenario: Profile
            horizon: 6
            discount_rate: 0.04
            inputs:
              x: {dist: pert, min: 10, mode: 20, max: 40}
              ramp: {dist: uniform, min: 0.2, max: 0.8}
            costs: [{name: C, amount: 5}]

            """
        let profiled = try compile(head + """
            benefits:
              - {name: B, amount: x, start: 1, profile: [ramp, 1, 1, 0.5], attribution: 0.8}
            """)
        let separate = try compile(head + """
            benefits:
              - {name: B0, amount: x * ramp, start: 1, attribution: 0.8}
              - {name: B1, amount: x, start: 2, duration: 2, attribution: 0.8}
              - {name: B3, amount: x * 0.5, start: 4, attribution: 0.8}
            """)
        for (x, y) in zip(Self.outputs(profiled, ["pv_benefits"]), Self.outputs(separate, ["pv_benefits"])) {
            #expect(Self.close(x[0], y[0]))
        }
    }

    @Test func persistenceAgainstHandComputedSums() throws {
        let model = try compile("""
            scenario: Persistence
            horizon: 10
            discount_rate: 0.03
            inputs:
              r: {dist: uniform, min: 0.05, max: 0.4}
              s2: {dist: uniform, min: 0.3, max: 0.6}
            costs: [{name: C, amount: 1}]
            benefits:
              - {name: Relapse, amount: 1000, duration: 6, relapse: r, start: 2}
              - {name: Survival, amount: 100, survival: [1, 0.8, s2, 0.1]}
            """)
        let r = model.inputs.firstIndex { $0.name == "r" }!, s2 = model.inputs.firstIndex { $0.name == "s2" }!
        for point in [[0.1, 0.5], [0.3, 0.35], [0.05, 0.6]] {
            var x = [Double](repeating: 0, count: model.inputs.count)
            x[r] = point[0]; x[s2] = point[1]
            let y = model.evaluate(at: x)
            let relapse = (0..<6).reduce(0.0) { $0 + 1000 * pow(1 - point[0], Double($1)) / pow(1.03, Double(2 + $1)) }
            let survival = [1, 0.8, point[1], 0.1].enumerated().reduce(0.0) { $0 + 100 * $1.element / pow(1.03, Double($1.offset)) }
            #expect(Self.close(y[model.outputIndex(.benefitLine(0))!], relapse))
            #expect(Self.close(y[model.outputIndex(.benefitLine(1))!], survival))
        }
    }

    @Test func splitLinesAndTransfersAddUpToSociety() throws {
        let model = try compile("""
            scenario: Actors
            horizon: 4
            discount_rate: 0.0225
            stakeholders: [a, b, c, d]
            inputs:
              share: {dist: uniform, min: 0.2, max: 0.7}
              jobs: {dist: pert, min: 5, mode: 10, max: 20}
              wage: {dist: normal, mean: 30000, sd: 3000, min: 0}
            costs:
              - {name: Coaching, payer: {a: share, b: rest}, amount: 100000, years: 2}
            benefits:
              - name: Work
                kind: productivity
                amount: jobs * wage
                duration: 4
                drop_off: 0.1
                beneficiary: {c: 0.6, b: share * 0.5, a: rest}
                transfers:
                  - {from: c, to: a, amount: jobs * 15000}
                  - {from: b, to: d, share: share}
              - {name: Debt, kind: transfer, from: d, beneficiary: c, amount: 50000, recovery: 0.25}
            """)
        let names = ["npv", "a", "b", "c", "d", "transfer:Work:c->a", "transfer:Work:b->d", "benefit:Debt"]
        for y in Self.outputs(model, names) {
            // The stakeholders' nets add up to society's NPV; the transfers cancel.
            #expect(Self.close(y[1] + y[2] + y[3] + y[4], y[0]), "stakeholders \(y[1] + y[2] + y[3] + y[4]) against NPV \(y[0])")
            #expect(y[5] > 0 && y[6] > 0)
        }
        // The write-off is valued at the expected recovery.
        #expect(Self.close(model.evaluateBase()[model.outputs.firstIndex { $0.name == "benefit:Debt" }!], 12500))
    }

    @Test func priceYearsConvertByTheIndex() throws {
        let model = try compile("""
            scenario: Prices
            price_year: 2011
            price_index: {2005: 80, 2011: 92, 2015: 100}
            inputs:
              unit: {dist: uniform, min: 10, max: 20, price_year: 2015}
              fixed_cost: {dist: fixed, value: 1000, price_year: 2005}
            costs: [{name: C, amount: fixed_cost + 500, price_year: 2011}]
            benefits: [{name: B, amount: 100 * unit}]
            """)
        let unit = model.inputs.firstIndex { $0.name == "unit" }!
        var x = model.baseValues
        x[unit] = 12
        let y = model.evaluate(at: x)
        #expect(Self.close(y[model.outputIndex(.pvBenefits)!], 100 * 12 * 92 / 100))
        #expect(Self.close(y[model.outputIndex(.pvCosts)!], 1000 * 92 / 80 + 500))
    }

    @Test func aSharedFactorCorrelatesLinesAsTheClosedFormSays() throws {
        // Lines F·X and F·Y with F, X, Y independent: corr = Var F · E X · E Y / (sd(FX) sd(FY)).
        let model = try compile("""
            scenario: Factor
            factors:
              f: {dist: uniform, min: 0.5, max: 1.5}
            inputs:
              x: {dist: uniform, min: 1, max: 3}
              y: {dist: uniform, min: 2, max: 4}
            costs: [{name: C, amount: 1}]
            benefits:
              - {name: X, amount: x, factor: f}
              - {name: Y, amount: y, factor: f}
            """)
        func moments(_ lo: Double, _ hi: Double) -> (mean: Double, square: Double) { ((lo + hi) / 2, (hi * hi + hi * lo + lo * lo) / 3) }
        let f = moments(0.5, 1.5), x = moments(1, 3), y = moments(2, 4)
        let varF = f.square - f.mean * f.mean
        let sdFX = (f.square * x.square - f.mean * f.mean * x.mean * x.mean).squareRoot()
        let sdFY = (f.square * y.square - f.mean * f.mean * y.mean * y.mean).squareRoot()
        let expected = varF * x.mean * y.mean / (sdFX * sdFY)
        let lines = [model.outputIndex(.benefitLine(0))!, model.outputIndex(.benefitLine(1))!]
        let n = 1 << 17
        let store = MonteCarloRunner.store(model, options: RunOptions(samples: n, seed: 11, threads: 2), keeping: Keeping(rowOutputs: lines, rowLimit: n))
        let a = Array(store.rows!.output(0)), b = Array(store.rows!.output(1))
        let ma = a.reduce(0, +) / Double(n), mb = b.reduce(0, +) / Double(n)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in 0..<n { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb) }
        let r = sab / (saa * sbb).squareRoot()
        // Standard error of a sample correlation ≈ (1 − ρ²)/√n; 4 of them.
        #expect(abs(r - expected) < 4 * (1 - expected * expected) / Double(n).squareRoot(), "sample correlation \(r), closed form \(expected)")
        // Without the factor the lines would be independent: the factor is what correlates them.
        #expect(expected > 0.1)
    }

    @Test func aGroupCorrelatesEveryPair() throws {
        let model = try compile("""
            scenario: Group
            inputs:
              a: {dist: uniform, min: 0, max: 1}
              b: {dist: uniform, min: 0, max: 1}
              c: {dist: uniform, min: 0, max: 1}
            correlations:
              - {group: [a, b, c], rho: 0.6}
            costs: [{name: C, amount: 1}]
            benefits: [{name: B, amount: a + b + c}]
            """)
        #expect(model.scenario.correlations.count == 3)
        #expect(model.scenario.correlations.allSatisfy { $0.rho == 0.6 && $0.field == "correlations[0]" })
    }

    @Test func independentLinesAreWarnedAbout() throws {
        let lines = (0..<4).map { "  - {name: L\($0), amount: x\($0)}" }.joined(separator: "\n")
        let inputs = (0..<4).map { "  x\($0): {dist: uniform, min: 0, max: 1}" }.joined(separator: "\n")
        let independent = try compile("scenario: I\ninputs:\n\(inputs)\ncosts: [{name: C, amount: 1}]\nbenefits:\n\(lines)")
        #expect(independent.warnings.contains { $0.message.contains("4 uncertain benefit lines are drawn independently") })
        let grouped = try compile("scenario: I\ninputs:\n\(inputs)\ncorrelations: [{group: [x0, x1, x2, x3], rho: 0.5}]\ncosts: [{name: C, amount: 1}]\nbenefits:\n\(lines)")
        #expect(!grouped.warnings.contains { $0.message.contains("drawn independently") })
    }

    @Test func discountPresetsAndTermStructures() throws {
        let model = try compile("""
            scenario: Rates
            horizon: 40
            discount_rate: nl-2026
            costs: [{name: C, amount: 1}]
            benefits: [{name: B, amount: 1, duration: 40}]
            """)
        // 2.8% to year 35, 1.8% from year 35 on.
        let expected = (0..<40).reduce(0.0) { sum, t in sum + 1 / (pow(1.028, Double(min(t, 35))) * pow(1.018, Double(max(t - 35, 0)))) }
        #expect(Self.close(model.evaluateBase()[model.outputIndex(.pvBenefits)!], expected))
        #expect(model.scenario.discountDescription.contains("Werkgroep discontovoet 2025"))
        #expect(DiscountPreset.named("nl-2015")?.name == "nl-2016")
    }

    @Test func yearTableAddsUpToThePresentValues() throws {
        let model = try compile("""
            scenario: Years
            horizon: 6
            discount_rate: {dist: uniform, min: 0.01, max: 0.05}
            stakeholders: [a, b]
            cohorts: {c: {intake: 10, years: 3}}
            inputs:
              x: {dist: uniform, min: 1, max: 2}
            costs: [{name: C, payer: a, amount: 100, cohort: c}]
            benefits:
              - {name: B, amount: 50 * x, duration: 4, drop_off: 0.2, cohort: c, beneficiary: {a: 0.3, b: rest}, health: true}
              - {name: D, amount: 30, duration: 3, beneficiary: b, transfers: [{from: b, to: a, amount: 5}]}
            health_discount_rate: 0.015
            """)
        let table = try ModelCompiler.yearTable(model.scenario)
        for point in [model.baseValues, model.inputs.map { $0.distribution.quantile(0.9) }] {
            let main = model.evaluate(at: point), cells = table.evaluate(at: point)
            func sum(_ series: YearFlow.Series) -> Double {
                table.outputs.indices.reduce(0.0) { total, k in
                    guard case let .yearFlow(f) = table.outputs[k].role, f.series == series, f.discounted else { return total }
                    return total + cells[k]
                }
            }
            #expect(Self.close(sum(.net), main[model.outputIndex(.npv)!], 1e-11))
            #expect(Self.close(sum(.benefits), main[model.outputIndex(.pvBenefits)!], 1e-11))
            #expect(Self.close(sum(.stakeholder("a")), main[model.outputIndex(.stakeholder("a"))!], 1e-11))
            #expect(Self.close(sum(.stakeholder("b")), main[model.outputIndex(.stakeholder("b"))!], 1e-11))
        }
    }
}
