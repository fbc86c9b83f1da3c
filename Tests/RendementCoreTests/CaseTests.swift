import Foundation
import Testing
@testable import RendementCore

/// Case-based evidence: per-case nets, the two kinds of uncertainty, the bootstrap.
@Suite struct CaseTests {
    static func scenario(cases: String, prices: String = "eviction: 8000\n  shelter_night: 100\n  hour: 75", population: String = "300") -> String {
        """
        scenario: Cases
        stakeholders: [{id: city}, {id: housing}]
        prices:
          \(prices)
        cases:
          population: \(population)
          list:
        \(cases)
        """
    }

    static let fixedCases = """
            - id: a
              cost: 2000 + 4 * hour
              payer: city
              without:
                - {event: Eviction, amount: eviction, probability: 0.5, stakeholder: housing}
                - {event: Shelter, amount: shelter_night * 30, probability: 0.5, stakeholder: city}
            - id: b
              cost: 1000
              payer: city
              with: [{event: Intake, amount: 2 * hour, stakeholder: city}]
              without: [{event: Shelter, amount: shelter_night * 10, stakeholder: city}]
            - id: c
              cost: 700
              payer: city
              without: [{event: Purchase, amount: 500, stakeholder: city}]
        """

    /// All events fixed: exactly the hand-computed nets (3,200; −150; −200) and total 300 × 950.
    @Test func fixedEventsGiveTheHandComputedNets() throws {
        let model = try compile(Self.scenario(cases: Self.fixedCases))
        let base = model.evaluateBase()
        let nets = (0..<3).map { base[model.outputIndex(.caseNet($0))!] }
        #expect(nets == [3200, -150, -200])
        #expect(abs(base[model.outputIndex(.casesTotalParameter)!] - 285_000) < 1e-6)
        #expect(abs(base[model.outputIndex(.npv)!] - 285_000) < 1e-6)
        // Per stakeholder: housing gains 300 × (4,000 / 3); the city the rest.
        #expect(abs(base[model.outputIndex(.stakeholder("housing"))!] - 300 * 4000.0 / 3) < 1e-6)
        #expect(abs(base[model.outputIndex(.stakeholder("city"))!] + base[model.outputIndex(.stakeholder("housing"))!] - 285_000) < 1e-6)
        let result = run(model, samples: 20_000)
        #expect(result.summary(.caseNet(0)).sd == 0)
        #expect(abs(result.summary(.casesShareParameter).mean - 1.0 / 3) < 1e-12)
    }

    /// Uncertain prices only: a case whose net is a sum of normal prices has the closed-form
    /// normal distribution.
    @Test func normalPricesGiveTheClosedForm() throws {
        let model = try compile(Self.scenario(cases: """
                    - id: x
                      cost: 1000
                      without:
                        - {event: A, amount: a}
                        - {event: B, amount: b, probability: 0.5}
            """, prices: "a: {dist: normal, mean: 3000, sd: 400}\n  b: {dist: normal, mean: 2000, sd: 600}"))
        let n = 200_000
        let net = run(model, samples: n).summary(.caseNet(0))
        let mean = 3000 + 0.5 * 2000 - 1000.0, sd = (400.0 * 400 + 0.25 * 600 * 600).squareRoot()
        #expect(abs(net.mean - mean) < 4 * sd / Double(n).squareRoot())
        #expect(abs(net.sd - sd) < 4 * sd / (2 * Double(n)).squareRoot())
        let z = StandardNormal.quantile(0.95), f = exp(-z * z / 2) / (2 * Double.pi).squareRoot() / sd
        #expect(abs(net.quantile("p95")! - (mean + sd * z)) < 4 * (0.05 * 0.95 / Double(n)).squareRoot() / f)
    }

    /// The bootstrap of the mean net per case matches a direct bootstrap of the case nets, and
    /// its interval shrinks as the number of cases grows.
    @Test func bootstrapMatchesADirectComputationAndShrinks() throws {
        func cases(_ nets: [Double]) -> String {
            nets.enumerated().map { "        - {id: c\($0.offset), cost: 0, without: [{event: E, amount: \($0.element)}]}" }.joined(separator: "\n")
        }
        let small: [Double] = [5000, -1000, 2000, 800, -300, 12000, 400, 0, 1500, -2500]
        let large = Array((0..<4).flatMap { _ in small })
        var widths: [Double] = []
        for nets in [small, large] {
            let model = try compile(Self.scenario(cases: cases(nets), population: "1"))
            let n = 100_000
            let mean = run(model, samples: n, seed: 3).summary(.casesMeanNet)
            // Direct: the mean and sd of the bootstrap distribution of the mean.
            let m = nets.reduce(0, +) / Double(nets.count)
            let sdCase = (nets.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(nets.count)).squareRoot()
            let sdMean = sdCase / Double(nets.count).squareRoot()
            #expect(abs(mean.mean - m) < 4 * sdMean / Double(n).squareRoot())
            // SE of a sample sd: σ √((κ − 1)/(4n)), κ the kurtosis of the bootstrap mean,
            // 3 + (kurtosis excess of one case)/(number of cases).
            let excess = nets.map { pow($0 - m, 4) }.reduce(0, +) / Double(nets.count) / pow(sdCase, 4) - 3
            let kurtosis = 3 + excess / Double(nets.count)
            #expect(abs(mean.sd - sdMean) < 4 * sdMean * ((kurtosis - 1) / (4 * Double(n))).squareRoot())
            let resamples = 20_000
            var rng = Xoshiro256PlusPlus(seed: 99)
            let direct = (0..<resamples).map { _ in (0..<nets.count).map { _ in nets[Int(rng.next() % UInt64(nets.count))] }.reduce(0, +) / Double(nets.count) }
            for (key, p) in [("p05", 0.05), ("p95", 0.95)] {
                // SE of a q-quantile: √(q(1 − q)/N) / f(x_q), the density estimated from the direct sample.
                let around = Quantiles.typeSeven(direct, at: [p - 0.02, p, p + 0.02])
                let density = 0.04 / (around[2] - around[0])
                let se = { (count: Int) in (p * (1 - p) / Double(count)).squareRoot() / density }
                #expect(abs(mean.quantile(key)! - around[1]) < 4 * (se(n) * se(n) + se(resamples) * se(resamples)).squareRoot(), "\(key)")
            }
            widths.append(mean.quantile("p95")! - mean.quantile("p05")!)
        }
        #expect(widths[1] < 0.6 * widths[0], "the interval shrinks with more cases: \(widths)")
    }

    @Test func caseErrorsNameTheirField() {
        let found = diagnostics(Self.scenario(cases: """
                    - id: a
                      cost: 100
                      payer: citty
                      without: [{event: E, amount: evction, probability: 1.5}]
            """))
        #expect(found.contains { $0.field == "cases.list[0].payer" && $0.message.contains("unknown stakeholder 'citty'") })
        #expect(found.contains { $0.field == "cases.list[0].without[0].amount" && $0.message.contains("'evction' is not defined") })
        #expect(found.contains { $0.field == "cases.list[0].without[0].probability" })
    }
}
