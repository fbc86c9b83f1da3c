import Foundation
import Testing
@testable import RendementCore

/// Elicited inputs in a scenario: metalogs and least-squares fits through quantiles, pools of
/// experts; their sampling under every design against closed forms, and bad input.
@Suite struct ElicitedInputTests {
    /// NPV = 100 · p · u − 100,000 with p a bounded metalog and u a pool of two normals
    /// (weights 1 and 3): E[NPV] = 100 · E[p] · E[u] − 100,000 (p and u independent).
    static let scenario = """
    scenario: Elicited
    horizon: 1
    discount_rate: 0
    stakeholders: [{id: city}]
    inputs:
      p: {dist: metalog, quantiles: {0.1: 0.08, 0.5: 0.15, 0.9: 0.3}, lower: 0, upper: 1, evidence: expert, source: "GP panel"}
      u:
        experts:
          - {expert: GPs, dist: normal, mean: 1000, sd: 100, source: "interviews"}
          - {expert: District nurses, weight: 3, dist: normal, mean: 2000, sd: 200}
      w: {dist: elicited, fit: pert, quantiles: {p10: 4, p50: 5, p90: 7}}
    costs:
      - {name: Staff, payer: city, amount: 100000}
    benefits:
      - {name: Care avoided, beneficiary: city, amount: 100 * p * u}
      - {name: Other, beneficiary: city, amount: w}
    """

    /// E[X] of a distribution by the midpoint rule on its quantile function (independent of
    /// the distribution's own moments).
    static func meanByQuantiles(_ d: any Distribution, n: Int = 1_000_000) -> Double {
        var s = 0.0
        for i in 0..<n { s += d.quantile((Double(i) + 0.5) / Double(n)) }
        return s / Double(n)
    }

    @Test func quantilesAreHonouredAndThePoolIsWeighted() throws {
        let model = try compile(Self.scenario)
        let s = model.scenario
        let p = try #require(s.inputs.first { $0.name == "p" })
        for (y, x) in [(0.1, 0.08), (0.5, 0.15), (0.9, 0.3)] { #expect(abs(p.distribution.quantile(y) - x) < 1e-12) }
        #expect(p.fit?.family == .metalog && (p.fit?.maxError ?? 1) < 1e-12)
        #expect(p.provenance.evidence == .expert)
        let u = try #require(s.inputs.first { $0.name == "u" })
        let experts = try #require(u.experts)
        #expect(experts.map(\.name) == ["GPs", "District nurses"])
        #expect(experts.map(\.weight) == [0.25, 0.75])
        #expect(experts[0].provenance.source == "interviews")
        // Pooled normals: mean Σ wμ = 1750, variance Σ w(σ² + μ²) − 1750² = 220,000.
        #expect(abs(u.distribution.mean - 1750) < 1e-9)
        #expect(abs(u.distribution.variance - 220_000) < 1e-6)
        for x in [900.0, 1500, 1800, 2100] {
            let expected = 0.25 * phi((x - 1000) / 100) + 0.75 * phi((x - 2000) / 200)
            #expect(abs(u.distribution.cdf(x) - expected) < 1e-12)
            // The inverse CDF inverts the pool's CDF.
            #expect(abs(u.distribution.cdf(u.distribution.quantile(expected)) - expected) < 1e-9)
        }
        // The base value of a pool is its median.
        #expect(abs(u.distribution.cdf(u.base) - 0.5) < 1e-9)
        let w = try #require(s.inputs.first { $0.name == "w" })
        #expect(w.fit?.family == .pert)
    }

    @Test(arguments: ["mc", "lhs", "sobol"])
    func everyDesignSamplesTheClosedFormMean(design: String) throws {
        let model = try compile(Self.scenario)
        let p = try #require(model.inputs.first { $0.name == "p" }), w = try #require(model.inputs.first { $0.name == "w" })
        let expected = 100 * Self.meanByQuantiles(p.distribution) * 1750 + Self.meanByQuantiles(w.distribution) - 100_000
        let result = MonteCarloRunner.run(model, options: RunOptions(samples: 200_000, seed: 11, threads: 2, design: Designs.named(design)!))
        let npv = result.summary(.npv)
        // 4 standard errors (the iid error: conservative for the stratified designs).
        #expect(abs(npv.mean - expected) < 4 * npv.moments.standardError, "\(design): \(npv.mean) against \(expected)")
    }

    @Test func samplesAreTheSameForAnyThreadCount() throws {
        let model = try compile(Self.scenario)
        let one = MonteCarloRunner.run(model, options: RunOptions(samples: 50_000, seed: 3, threads: 1)).summary(.npv)
        let two = MonteCarloRunner.run(model, options: RunOptions(samples: 50_000, seed: 3, threads: 2)).summary(.npv)
        #expect(one.mean.bitPattern == two.mean.bitPattern)
    }

    @Test(arguments: [
        ("{dist: metalog, quantiles: {0.1: 10, 0.5: 11, 0.9: 30, 0.95: 31}}", "inputs.x.quantiles", "density turns negative"),
        ("{dist: metalog, quantiles: {0: 1, 0.5: 2}}", "inputs.x.quantiles", "strictly between 0 and 1"),
        ("{dist: metalog, quantiles: {0.1: 5, 0.5: 4}}", "inputs.x.quantiles", "must increase"),
        ("{dist: metalog, quantiles: [[0.1, 5], [0.1, 6]]}", "inputs.x.quantiles", "twice"),
        ("{dist: metalog, quantiles: {0.1: 5, 0.5: 6}, terms: 1e19}", "inputs.x.terms", "terms must be a whole number"),
        ("{dist: metalog, quantiles: {0.1: 5, 0.5: 6}, lower: 5}", "inputs.x.lower", "must lie above lower"),
        ("{dist: metalog, quantiles: {0.1: 5, 0.5: 6}, lower: 9, upper: 1}", "inputs.x.lower", "must be less than upper"),
        ("{dist: metalog, quantiles: abc}", "inputs.x.quantiles", "expected the elicited quantiles"),
        ("{dist: metalog, quantiles: {q: 1, 0.5: 2}}", "inputs.x.quantiles", "is not a probability"),
        ("{dist: metalog, quantiles: [[0.1, 1], [0.5]]}", "inputs.x.quantiles[1]", "pair"),
        ("{dist: metalog, quantiles: {0.5: 2}}", "inputs.x.quantiles", "between 2 and 10"),
        ("{dist: metalog, quantiles: {0.01: 1, 0.1: 2, 0.2: 3, 0.3: 4, 0.4: 5, 0.5: 6, 0.6: 7, 0.7: 8, 0.8: 9, 0.9: 10, 0.99: 11}}", "inputs.x.quantiles", "between 2 and 10"),
        ("{dist: elicited, fit: gamma, quantiles: {0.1: 5, 0.5: 6, 0.9: 9}}", "inputs.x.fit", "unknown fit"),
        ("{dist: elicited, fit: beta, quantiles: {0.1: 5, 0.5: 6, 0.9: 9}}", "inputs.x.fit", "needs both lower"),
        ("{dist: elicited, fit: lognormal, quantiles: {0.1: -5, 0.5: 6, 0.9: 9}}", "inputs.x.fit", "positive values"),
        ("{experts: []}", "inputs.x.experts", "between 1 and 20 experts"),
        ("{experts: {a: 1}}", "inputs.x.experts", "a list of experts"),
        ("{experts: [{expert: A, weight: -1, dist: fixed, value: 1}]}", "inputs.x.experts[0].weight", "non-negative"),
        ("{experts: [{expert: A, weight: 0, dist: fixed, value: 1}]}", "inputs.x.experts", "all zero"),
        ("{experts: [{expert: A, experts: [{dist: fixed, value: 1}]}]}", "inputs.x.experts[0]", "cannot itself pool"),
        ("{experts: [{expert: A, dist: pert, min: 1, mode: 2, max: 3, colour: red}]}", "inputs.x.experts[0].colour", "unknown field"),
        ("{experts: [{expert: A, dist: pert, min: 3, mode: 2, max: 1}]}", "inputs.x.experts[0].min", "must be less than"),
        ("{experts: [{expert: A, dist: fixed, value: 1}], base: 7}", "inputs.x.base", "outside the experts' range"),
        ("{experts: [{dist: fixed, value: 1}], dist: pert}", "inputs.x.dist", "unknown field"),
    ])
    func badElicitationNamesTheLineAndField(input: String, field: String, message: String) {
        let yaml = """
        scenario: Bad
        horizon: 1
        discount_rate: 0
        stakeholders: [{id: city}]
        inputs:
          x: \(input)
        costs: [{name: C, payer: city, amount: 1}]
        benefits: [{name: B, beneficiary: city, amount: x}]
        """
        let errors = diagnostics(yaml).filter { $0.severity == .error }
        let hit = errors.first { $0.field == field && $0.message.contains(message) }
        #expect(hit != nil, "\(errors.map(\.description))")
        #expect(hit?.location.line == 6 || hit?.location.line == 7)
        #expect(hit?.location.file == "bad.yaml")
    }

    @Test func anInfeasibleMetalogSuggestsFewerTerms() {
        let yaml = """
        scenario: Bad
        horizon: 1
        discount_rate: 0
        stakeholders: [{id: city}]
        inputs:
          x: {dist: metalog, quantiles: {0.1: 10, 0.5: 11, 0.9: 30, 0.95: 31}}
        costs: [{name: C, payer: city, amount: 1}]
        benefits: [{name: B, beneficiary: city, amount: x}]
        """
        let error = diagnostics(yaml).first { $0.field == "inputs.x.quantiles" }
        #expect(error?.hint?.contains("terms: 3") == true)
        // The least-squares PERT the hint offers fits the same quantiles.
        #expect(diagnostics(yaml.replacingOccurrences(of: "dist: metalog", with: "dist: elicited, fit: pert")).isEmpty)
    }
}
