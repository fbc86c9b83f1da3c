import Foundation
import Testing

/// Numbers no core type accepts, degenerate scenarios and damaged part files: every command
/// answers with exit 1 (or 64 for usage) and a message naming the field and the limit, or with
/// a sensible result; none dies by a signal. The messages are pinned here.
@Suite struct HostileInputTests {
    static func write(_ text: String, _ name: String = "s.yaml") throws -> (URL, String) {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    /// A signal shows as an exit status above 128 from Process (or a terminationReason); either
    /// way, not 0, 1 or 64.
    static func answered(_ out: CLI.Output) -> Bool { [0, 1, 64].contains(out.status) }

    @Test(arguments: [
        ("{dist: proportion, successes: 0, trials: 1e19}", "inputs.p.trials: trials must be between 1 and 9,007,199,254,740,992, found 1e+19"),
        ("{dist: proportion, successes: 2.5, trials: 10}", "successes must be a whole number of cases"),
        ("{dist: pert, min: 0, mode: 1, max: 1e308, lambda: 1e300}", ""),
        ("{dist: lognormal, mu: 0, sigma: 500}", ""),
        ("{dist: gamma, shape: 1e-300, scale: 1e300}", ""),
        ("{dist: normal, mean: 1e308, sd: 1e308}", ""),
        ("{dist: beta, alpha: 1e300, beta: 1e-300}", ""),
        ("{dist: metalog, quantiles: {0.1: 1e300, 0.5: 1.5e300, 0.9: 1.7e300}}", ""),
        ("{dist: metalog, quantiles: {0.1: 1, 0.5: 10, 0.9: 1000}, lower: 0}", ""),
        ("{experts: [{weight: 1e308, dist: fixed, value: 1}, {weight: 1e308, dist: pert, min: 0, mode: 1, max: 1e308}]}", ""),
        ("{dist: elicited, fit: best, quantiles: {0.1: 0.5, 0.5: 0.5000001, 0.9: 0.5000002}, lower: 0, upper: 1}", ""),
    ])
    func extremeParametersAreAnsweredNotCrashedOn(distribution: String, message: String) throws {
        let (_, path) = try Self.write("""
            scenario: Extreme
            inputs:
              p: \(distribution)
            costs: [{name: C, amount: 100}]
            benefits: [{name: B, amount: 200 * p}]
            """)
        let check = try CLI.run(["check", path])
        #expect(Self.answered(check), "\(distribution): \(check.status) \(check.stderr.suffix(300))")
        if !message.isEmpty {
            #expect(check.status == 1)
            #expect(check.stderr.contains(message), "\(check.stderr)")
            return
        }
        guard check.status == 0 else { return }
        let dir = try CLI.temporaryDirectory()
        for arguments in [["run", path, "--samples", "3000", "--format", "json", "-q"],
                          ["sensitivity", path, "--method", "all", "--samples", "3000", "--sobol-samples", "512", "-q"],
                          ["report", path, "--samples", "3000", "--out", dir.path, "--force", "-q"],
                          ["claim", path, "--bcr", "1", "--samples", "3000", "-q"]] {
            let out = try CLI.run(arguments)
            #expect(Self.answered(out), "\(distribution) \(arguments[0]): status \(out.status) \(out.stderr.suffix(300))")
            if arguments[0] == "run", out.status == 0 {
                #expect(!out.stdout.contains("nan") && !out.stdout.contains("NaN"), "no NaN printed as a result")
                _ = try CLI.json(out.stdout)
            }
        }
    }

    /// Absurd numbers at the scenario's level (a discount rate of 1e300) are answered: every
    /// command runs and prints the rate, none traps converting it.
    @Test func absurdDiscountRateIsAnswered() throws {
        let (dir, path) = try Self.write("""
            scenario: Absurd rate
            horizon: 3
            discount_rate: 1e300
            inputs:
              x: {dist: uniform, min: 1, max: 2}
            costs: [{name: C, amount: 100}]
            benefits: [{name: B, amount: 200 * x, start: 1, duration: 2}]
            """)
        let run = try CLI.run(["run", path, "--samples", "2000", "-q"])
        #expect(run.status == 0, "\(run.stderr.suffix(300))")
        #expect(run.stdout.contains("1e+302%"))
        let report = try CLI.run(["report", path, "--samples", "2000", "--out", dir.appendingPathComponent("r").path, "-q"])
        #expect(report.status == 0, "\(report.stderr.suffix(300))")
    }

    /// No costs: the BCR is undefined and said so; NPV is reported; the report has no S-curve.
    @Test func noCostsMeansNoRatio() throws {
        let (dir, path) = try Self.write("""
            scenario: No costs
            inputs:
              x: {dist: uniform, min: 1, max: 2}
            benefits: [{name: B, amount: 200 * x}]
            """)
        let run = try CLI.run(["run", path, "--samples", "5000", "-q"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Benefit-cost ratio (BCR)") && run.stdout.contains("undefined"))
        #expect(run.stdout.contains("the benefit-cost ratio is undefined"))
        let json = try CLI.json(try CLI.run(["run", path, "--samples", "5000", "--format", "json", "-q"]).stdout)
        let bcr = try #require(json["bcr"] as? [String: Any])
        #expect(bcr["mean"] is NSNull && bcr["undefined"] as? String == "no sample has a finite value")
        let report = try CLI.run(["report", path, "--samples", "5000", "--out", dir.appendingPathComponent("r").path, "-q"])
        #expect(report.status == 0, "\(report.stderr)")
        let markdown = try String(contentsOf: dir.appendingPathComponent("r/report.md"), encoding: .utf8)
        #expect(markdown.contains("undefined: no costs"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r/bcr-s-curve.svg").path))
    }

    /// Nothing uncertain: a point result, figures drawn as a single value.
    @Test func nothingUncertainIsAPointResult() throws {
        let (dir, path) = try Self.write("""
            scenario: Fixed
            costs: [{name: C, amount: 100}]
            benefits: [{name: B, amount: 200}]
            """)
        let run = try CLI.run(["run", path, "--samples", "5000", "-q"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Nothing in this scenario is uncertain"))
        for method in ["all", "sobol", "rank,voi"] {
            let out = try CLI.run(["sensitivity", path, "--method", method, "--samples", "2000", "-q"])
            #expect(out.status == 0, "\(method): \(out.stderr)")
        }
        let report = try CLI.run(["report", path, "--samples", "5000", "--out", dir.appendingPathComponent("r").path, "-q"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("r/npv-histogram.svg").path))
    }

    @Test(arguments: [
        (["sweep", "Scenarios/reference-model.yaml", "--vary", "horizon=1:1e20:2", "--samples", "1000"], 1,
         "--vary horizon: a number of years must be between 1 and 1,000, found 1e+20"),
        (["sweep", "Scenarios/reference-model.yaml", "--vary", "horizon=1:2.5:2", "--samples", "1000"], 1,
         "--vary horizon: a number of years must be a whole number, found 2.5"),
        (["sweep", "Scenarios/reference-model.yaml", "--vary", "discount_rate=0:0.1:101", "--vary", "V=0:1:101"], 1,
         "--vary: the grid has more than 10,000 points"),
        (["sweep", "Scenarios/reference-model.yaml", "--vary", "V=0:1:1e9"], 64, "COUNT must be between 1 and 10,000"),
        (["sweep", "Scenarios/reference-model.yaml", "--vary", "V=0:inf:3"], 64, "START and STOP must be finite numbers"),
        (["run", "Scenarios/reference-model.yaml", "--samples", "1e20"], 64,
         "a sample count must be between 1 and 10,000,000,000, found 1e+20"),
        (["run", "Scenarios/reference-model.yaml", "--samples=-5"], 64, "a sample count must be between 1 and 10,000,000,000"),
        (["run", "Scenarios/reference-model.yaml", "--threads", "99999"], 64, "a thread count must be between 1 and 1,024, found 99999"),
        (["run", "Scenarios/reference-model.yaml", "--shard", "3/2", "--out", "x.rdm"], 64, "--shard: the shard index must lie in 0 … 1, found 3"),
        (["run", "Scenarios/reference-model.yaml", "--shard", "0/1000000", "--out", "x.rdm"], 64,
         "the number of shards must be between 1 and 100,000"),
        (["run", "Scenarios/reference-model.yaml", "--target-se", "1", "--max-samples", "1e11"], 64, "a sample count must be between 1 and 10,000,000,000"),
        (["sensitivity", "Scenarios/reference-model.yaml", "--rows", "0"], 64, "a sample count must be between 1"),
        (["sensitivity", "Scenarios/reference-model.yaml", "--replicates", "1"], 64, "the number of replicates must be between 2 and 1,000"),
        (["serve", "--max-job-memory", "12"], 64, "an amount of memory must be between 64M"),
        (["sweep", "Scenarios/reference-model.yaml", "--vary", "discount_rate=nl-2021,nl-1899"], 64, "'nl-1899' is neither a rate nor a discount-rate preset"),
        (["sweep", "Scenarios/reference-model.yaml", "--vary", "V=1,x,3"], 64, "expected numbers separated by commas, found 'x'"),
    ] as [([String], Int32, String)])
    func flagsOutsideTheirLimits(arguments: [String], status: Int32, message: String) throws {
        let dir = try CLI.temporaryDirectory()
        let out = try CLI.run(arguments.map { $0.hasPrefix("Scenarios/") ? CLI.root.appendingPathComponent($0).path : $0 }, in: dir)
        #expect(out.status == status, "\(arguments): \(out.status) \(out.stderr)")
        #expect(out.stderr.contains(message), "\(arguments): \(out.stderr)")
        #expect(out.stdout.isEmpty, "no partial output")
    }

    /// More uncertain inputs than the Sobol' design has dimensions: a clear error naming the limit.
    @Test func sobolDesignNamesItsLimit() throws {
        let inputs = (0..<1100).map { "  x\($0): {dist: uniform, min: 0, max: 1}" }.joined(separator: "\n")
        let sum = (0..<1100).map { "x\($0)" }.joined(separator: " + ")
        let (_, path) = try Self.write("scenario: Wide\ninputs:\n\(inputs)\ncosts: [{name: C, amount: 1}]\nbenefits: [{name: B, amount: \(sum)}]\n")
        let out = try CLI.run(["run", path, "--design", "sobol", "--samples", "1000"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("--design: the sobol design draws at most 1024 uncertain inputs; this scenario has 1100"), "\(out.stderr)")
        #expect(out.stderr.contains("use --design lhs or --design mc"))
        let sensitivity = try CLI.run(["sensitivity", path, "--method", "sobol", "--sobol-samples", "256", "--format", "json", "-q"])
        #expect(sensitivity.status == 0, "the analysis's own design falls back to plain random rows: \(sensitivity.stderr)")
        #expect((try CLI.json(sensitivity.stdout)["warnings"] as? [String])?.contains { $0.contains("the base rows are plain random") } == true)
    }

    /// Cohorts × years beyond the compiled model's bound are refused with the limit; a table by
    /// year too large to hold is left out, said so, and the run still answers.
    @Test func hugeTimeStructuresAreBounded() throws {
        let (_, grid) = try Self.write("""
            scenario: Huge grid
            horizon: 1000
            cohorts: {c: {intake: 10, years: 1000}}
            costs: [{name: C, amount: 100}]
            benefits:
              - {name: B1, amount: 1 + 0.001 * year, cohort: c, duration: 1000}
              - {name: B2, amount: 2 + 0.001 * year, cohort: c, duration: 1000}
              - {name: B3, amount: 3 + 0.001 * year, cohort: c, duration: 1000}
            """)
        let check = try CLI.run(["check", grid])
        #expect(check.status == 1)
        #expect(check.stderr.contains("more than 1,000,000 cohort-years in all"), "\(check.stderr)")
        let stakeholders = (0..<150).map { "s\($0)" }.joined(separator: ", ")
        let (_, wide) = try Self.write("""
            scenario: Wide table
            horizon: 1000
            stakeholders: [\(stakeholders)]
            costs: [{name: C, payer: s0, amount: 100}]
            benefits: [{name: B, beneficiary: s1, amount: 200, duration: 1000}]
            """)
        let run = try CLI.run(["run", wide, "--samples", "2000", "--format", "json", "--by-year", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let byYear = try CLI.json(run.stdout)["by_year"] as? [String: Any]
        #expect((byYear?["warning"] as? String)?.contains("left out") == true)
    }

    /// A variant that fixes every input of a correlation drops them from it.
    @Test func variantFixingCorrelatedInputsChecks() throws {
        let (_, path) = try Self.write("""
            scenario: Correlated
            inputs:
              a: {dist: uniform, min: 1, max: 2}
              b: {dist: uniform, min: 1, max: 2}
            correlations: [[a, b, 0.5]]
            costs: [{name: C, amount: 100}]
            benefits: [{name: B, amount: 50 * a + 30 * b}]
            variants:
              fixed: {inputs: {a: 1.5, b: 1.2}}
            """)
        let out = try CLI.run(["check", path])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try CLI.run(["compare", path, "--samples", "5000", "-q"]).status == 0)
    }

    /// Damaged part files are refused with the file's name and what is wrong, and nothing is written.
    @Test func damagedPartFilesAreRefused() throws {
        let dir = try CLI.temporaryDirectory()
        let scenario = CLI.root.appendingPathComponent("Scenarios/reference-model.yaml").path
        let parts = (0..<2).map { dir.appendingPathComponent("p\($0).rdm").path }
        for (k, path) in parts.enumerated() {
            #expect(try CLI.run(["run", scenario, "--samples", "30000", "--shard", "\(k)/2", "--out", path, "-q"]).status == 0)
        }
        let good = try Data(contentsOf: URL(fileURLWithPath: parts[1]))
        var flipped = good
        flipped[flipped.count - 100] ^= 0xFF
        let truncated = good.prefix(300)
        // A header that claims more values than the file holds.
        let headerLength = good[15..<23].withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
        var header = String(decoding: good[23..<(23 + headerLength)], as: UTF8.self)
        header = header.replacingOccurrences(of: "\"count\":", with: "\"count\":9", options: [], range: header.range(of: "\"count\":"))
        var lying = Data(good[0..<15])
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { lying.append(contentsOf: $0) }
        lying.append(Data(header.utf8))
        lying.append(good[(23 + headerLength)...])
        var hugeLength = good
        hugeLength.replaceSubrange(15..<23, with: withUnsafeBytes(of: UInt64.max.littleEndian) { Data($0) })
        let cases: [(Data, String)] = [
            (flipped, "the data does not match the checksum in its header"),
            (Data(truncated), "the header length"),
            (lying, "claims"),
            (hugeLength, "does not fit the file"),
            (Data("RENDEMENT-PART\n".utf8), "ends before its header"),
            (Data("not a part".utf8), "not a Rendement part file"),
        ]
        let result = dir.appendingPathComponent("merged.json").path
        for (i, (bytes, message)) in cases.enumerated() {
            let bad = dir.appendingPathComponent("bad\(i).rdm").path
            try bytes.write(to: URL(fileURLWithPath: bad))
            let out = try CLI.run(["merge", parts[0], bad, "--out", result])
            #expect(out.status == 1, "\(message): \(out.stderr)")
            #expect(out.stderr.contains("bad\(i).rdm") && out.stderr.contains(message), "\(out.stderr)")
            #expect(!FileManager.default.fileExists(atPath: result), "nothing written")
        }
    }
}
