import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `rendement elicit` and the `experts` sensitivity method, end to end.
@Suite struct ElicitCommandTests {
    static func scenario(input: String) -> String {
        """
        scenario: Elicited
        horizon: 1
        discount_rate: 0
        stakeholders: [{id: city}]
        inputs:
          x: \(input)
        costs: [{name: C, payer: city, amount: 1}]
        benefits: [{name: B, beneficiary: city, amount: x}]
        """
    }

    @Test func elicitFitsAndItsYAMLReproducesTheQuantiles() throws {
        let dir = try CLI.temporaryDirectory()
        let svg = dir.appendingPathComponent("fits.svg").path
        let out = try CLI.run(["elicit", "0.1=10", "p50=15", "0.9=30", "--lower", "0", "--name", "x", "--svg", svg])
        #expect(out.status == 0, "\(out.stderr)")
        for family in ["metalog", "lognormal", "pert"] { #expect(out.stdout.contains("\n\(family) ")) }
        // The figure is well-formed XML with one point per quantile.
        let figure = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(XMLParser(data: Data(figure.utf8)).parse())
        #expect(figure.components(separatedBy: "<circle").count - 1 == 3)
        // An existing figure is not replaced without --force.
        let again = try CLI.run(["elicit", "0.1=10", "0.5=15", "0.9=30", "--svg", svg])
        #expect(again.status == 1 && again.stderr.contains("already exists"))
        // Every YAML line pasted into a scenario compiles, and the metalog's reproduces the quantiles.
        let snippets = out.stdout.split(separator: "\n").filter { $0.hasPrefix("  x: {") }
        #expect(snippets.count == 3)
        for line in snippets {
            let input = String(line.dropFirst("  x: ".count).prefix { $0 != "#" }).trimmingCharacters(in: .whitespaces)
            let file = dir.appendingPathComponent("s.yaml").path
            try Self.scenario(input: input).write(toFile: file, atomically: true, encoding: .utf8)
            let check = try CLI.run(["check", file])
            #expect(check.status == 0, "\(input): \(check.stderr)")
            if input.contains("metalog") {
                #expect(check.stdout.contains("metalog through 3 quantiles (exact): median 15,"), "\(check.stdout)")
            }
        }
    }

    @Test(arguments: [
        (["elicit", "0.1=10"], "between 2 and 10"),
        (["elicit", "0.1=10", "0.5=x"], "is not a quantile"),
        (["elicit", "0=10", "0.5=20"], "strictly between 0 and 1"),
        (["elicit", "0.1=10", "0.5=5"], "must increase"),
        (["elicit", "0.1=10", "0.5=20", "--lower", "15"], "above --lower"),
        (["elicit", "0.1=10", "0.5=20", "--lower", "30", "--upper", "1"], "less than --upper"),
        (["elicit", "--file", "/nonexistent/q.txt"], "cannot read"),
    ])
    func badQuantilesExitWithAMessage(arguments: [String], message: String) throws {
        let out = try CLI.run(arguments)
        #expect(out.status == 1)
        #expect(out.stderr.contains(message), "\(out.stderr)")
        #expect(out.stdout.isEmpty)
    }

    @Test func elicitReadsAFileWithLineNumbersInErrors() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("q.txt").path
        try "# GP panel\n0.1: 0.05\n0.5, 0.15\n0.9 0.4\n".write(toFile: file, atomically: true, encoding: .utf8)
        let out = try CLI.run(["elicit", "--file", file, "--lower", "0", "--upper", "1"])
        #expect(out.status == 0 && out.stdout.contains("\nbeta "), "\(out.stderr)")
        try "0.1 0.05\nhalf 0.15\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["elicit", "--file", file])
        #expect(bad.status == 1 && bad.stderr.contains("q.txt:2:"), "\(bad.stderr)")
    }

    /// Each expert alone against the closed form: NPV = 1000 · x − 500 with expert k's x normal
    /// (μₖ, σₖ): mean 1000 μₖ − 500, P(NPV > 0) = Φ((μₖ − 0.5)/σₖ); the pool's mean is the
    /// weighted mean of the experts'.
    @Test func expertsMethodRunsEachExpertAlone() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("experts.yaml").path
        try """
        scenario: Experts
        horizon: 1
        discount_rate: 0
        stakeholders: [{id: city}]
        inputs:
          x:
            experts:
              - {expert: GPs, dist: normal, mean: 0.45, sd: 0.1}
              - {expert: District nurses, weight: 3, dist: normal, mean: 0.7, sd: 0.2}
          y: {dist: uniform, min: 0, max: 1}
        costs: [{name: C, payer: city, amount: 500}]
        benefits: [{name: B, beneficiary: city, amount: 1000 * x + 0 * y}]
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let out = try CLI.run(["sensitivity", file, "--method", "experts", "--samples", "40000", "--seed", "5", "--format", "json", "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let entry = try #require((doc["experts"] as? [String: Any])?["x"] as? [String: Any])
        #expect(entry["evppi"] is Double)
        let runs = try #require(entry["runs"] as? [[String: Any]])
        #expect(runs.map { $0["expert"] as? String } == ["pool", "GPs", "District nurses"])
        func phi(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }
        let closed = [(0.45, 0.1), (0.7, 0.2)]
        for (run, (mu, sd)) in zip(runs.dropFirst(), closed) {
            let mean = try #require(run["mean_npv"] as? Double), se = try #require(run["mean_npv_se"] as? Double)
            #expect(abs(mean - (1000 * mu - 500)) < 4 * se)
            let p = phi((mu - 0.5) / sd), pse = (p * (1 - p) / 40_000).squareRoot()
            #expect(abs((run["p_npv_positive"] as? Double ?? -1) - p) < 4 * pse)
        }
        let poolMean = try #require(runs[0]["mean_npv"] as? Double), poolSE = try #require(runs[0]["mean_npv_se"] as? Double)
        #expect(abs(poolMean - (0.25 * (1000 * 0.45 - 500) + 0.75 * (1000 * 0.7 - 500))) < 4 * poolSE)
        // A scenario without pooled inputs says so.
        let none = try CLI.run(["sensitivity", "Scenarios/reference-model.yaml", "--method", "experts", "--samples", "1000", "-q"])
        #expect(none.status == 0 && none.stdout.contains("no input is pooled"))
    }
}
