import Foundation
import Testing

/// `rendement run` and `rendement check` end to end, as a user calls them.
@Suite struct RunCommandTests {
    static let scenario = "Scenarios/den-haag-casemanagement.yaml"

    @Test func jsonHasTheDocumentedKeysAndNothingElseOnStdout() throws {
        let out = try CLI.run(["run", Self.scenario, "--samples", "20000", "--seed", "3", "--format", "json", "--quiet"])
        #expect(out.status == 0, "\(out.stderr)")
        let json = try CLI.json(out.stdout)
        for key in ["scenario", "samples", "seed", "base", "npv", "bcr", "pv_benefits", "pv_costs", "probability_positive", "stakeholders"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let base = try #require(json["base"] as? [String: Any])
        for key in ["npv", "bcr", "roi", "pv_benefits", "pv_costs"] { #expect(base[key] != nil, "base.\(key)") }
        for output in ["npv", "bcr", "pv_benefits", "pv_costs"] {
            let summary = try #require(json[output] as? [String: Any])
            for key in ["mean", "sd", "se", "min", "max", "p01", "p05", "p10", "p25", "p50", "p75", "p90", "p95", "p99"] {
                #expect(summary[key] is Double || summary[key] is Int, "\(output).\(key)")
            }
        }
        let stakeholders = try #require(json["stakeholders"] as? [String: [String: Any]])
        #expect(stakeholders["gemeente"]?["base"] != nil)
        #expect(stakeholders["gemeente"]?["net"] is [String: Any])
        #expect(stakeholders["gemeente"]?["probability_positive"] != nil)
        #expect(json["samples"] as? Int == 20000)
        #expect(json["seed"] as? Int == 3)
    }

    @Test func sameSeedSameBytesForAnyThreadCount() throws {
        let args = ["run", "Scenarios/reference-model.yaml", "--samples", "50000", "--seed", "11", "--format", "json", "-q"]
        let one = try CLI.run(args + ["--threads", "1"])
        let two = try CLI.run(args + ["--threads", "2"])
        let other = try CLI.run(["run", "Scenarios/reference-model.yaml", "--samples", "50000", "--seed", "12", "--format", "json", "-q"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        let a = try CLI.json(one.stdout)["npv"] as? [String: Double], b = try CLI.json(other.stdout)["npv"] as? [String: Double]
        #expect(a?["mean"] != b?["mean"])
    }

    @Test func textReceiptShowsTheLinesAndTotals() throws {
        let out = try CLI.run(["run", Self.scenario, "--samples", "5000", "-q"])
        #expect(out.status == 0)
        for text in ["KASSABON", "COSTS", "BENEFITS", "NET BENEFIT (NPV)", "1,800,000", "3,800,000", "5,600,000", "P(NPV > 0)", "WHO PAYS", "seed"] {
            #expect(out.stdout.contains(text), "\(text)")
        }
    }

    @Test func exportWritesOneRowPerSampleAndNeverOverwritesSilently() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("samples.csv").path
        let out = try CLI.run(["run", "Scenarios/reference-model.yaml", "--samples", "10000", "--export", file, "-q", "--format", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 10_001)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.prefix(3) == ["V", "p1", "p2"])
        #expect(Array(header.suffix(5)) == ["pv_benefits", "pv_costs", "npv", "bcr", "stakeholder:society"] ||
                Array(header.suffix(5)) == ["pv_benefits", "pv_costs", "npv", "bcr", "society"])
        // The mean of the exported NPV column is the reported mean.
        let npvColumn = header.firstIndex(of: "npv")!
        let values = lines.dropFirst().map { Double($0.split(separator: ",")[npvColumn])! }
        let reported = try CLI.json(out.stdout)["npv"] as! [String: Double]
        #expect(abs(values.reduce(0, +) / 10_000 - reported["mean"]!) < 1e-6 * abs(reported["mean"]!))

        let again = try CLI.run(["run", "Scenarios/reference-model.yaml", "--samples", "100", "--export", file, "-q"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count == 10_001)
    }

    @Test func checkSaysOKInOneLine() throws {
        // Without published figures, check says OK in one line.
        let plain = try CLI.run(["check", "Scenarios/reference-model.yaml"])
        #expect(plain.status == 0)
        #expect(plain.stdout.hasPrefix("OK "))
        #expect(plain.stdout.split(separator: "\n").count == 1)
        // With them, the OK line comes first and the reconciliation follows it.
        let out = try CLI.run(["check", Self.scenario])
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("OK "))
        #expect(out.stdout.contains("Published figures beside the model's base case"))
    }

    @Test func invalidScenarioGivesFileLineFieldAndNoResult() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("broken.yaml")
        try """
            scenario: Broken
            stakeholders: [{id: city}]
            inputs:
              p: {dist: pert, min: 0.2, mode: 0.1, max: 0.5}
            costs: [{name: C, payer: city, amount: 100}]
            benefits: [{name: B, beneficiary: cty, amount: p * 1000}]
            """.write(to: file, atomically: true, encoding: .utf8)
        for command in [["check"], ["run", "--format", "json"], ["run"]] {
            let out = try CLI.run(command + [file.path])
            #expect(out.status == 1)
            #expect(out.stdout.isEmpty, "no result on stdout")
            #expect(out.stderr.contains("\(file.path):4:"))
            #expect(out.stderr.contains("inputs.p.mode"))
            #expect(out.stderr.contains("\(file.path):6:"))
            #expect(out.stderr.contains("unknown stakeholder 'cty'"))
        }
        let missing = try CLI.run(["run", dir.appendingPathComponent("nope.yaml").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"))
    }

    @Test func usageErrorsExit64() throws {
        #expect(try CLI.run(["run"]).status == 64)
        #expect(try CLI.run(["run", Self.scenario, "--samples", "0"]).status == 64)
        #expect(try CLI.run(["run", Self.scenario, "--format", "xml"]).status == 64)
        #expect(try CLI.run(["frobnicate"]).status == 64)
    }

    @Test func sampleCountsAcceptScientificNotation() throws {
        let out = try CLI.run(["run", Self.scenario, "--samples", "2e4", "--format", "json", "-q"])
        #expect(try CLI.json(out.stdout)["samples"] as? Int == 20000)
    }
}
