import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Variants, compare, sweeps, claims and reports end to end.
@Suite struct OutputsCommandTests {
    @Test func pessimisticVariantGivesThePublishedRatio() throws {
        let out = try CLI.run(["run", "Scenarios/vonl-amsterdam.yaml", "--variant", "pessimistic", "--samples", "5000", "--format", "json", "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        let base = try #require(try CLI.json(out.stdout)["base"] as? [String: Double])
        // The published "€ 1,20" (rounded to cents).
        #expect(abs(base["bcr"]! - 1.20) < 0.005)
        let unknown = try CLI.run(["run", "Scenarios/vonl-amsterdam.yaml", "--variant", "pesimistic", "-q"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean 'pessimistic'"))
    }

    @Test func compareReportsPairedDifferences() throws {
        let out = try CLI.run(["compare", "Scenarios/vonl-amsterdam.yaml", "--samples", "10000", "--format", "json", "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        let variants = try #require(try CLI.json(out.stdout)["variants"] as? [[String: Any]])
        #expect(variants.prefix(4).map { $0["name"] as? String } == ["base", "pessimistic", "as-published", "financial-only"])
        let pessimistic = try #require(variants[1]["difference"] as? [String: Any])
        let npvDifference = try #require(pessimistic["npv"] as? [String: Double])
        let means = variants.map { ($0["npv"] as! [String: Double])["mean"]! }
        // Paired differences: the mean difference is the difference of the means.
        #expect(abs(npvDifference["mean"]! - (means[1] - means[0])) < 1e-6 * abs(means[0]))
        // Common random numbers: the paired difference varies far less than either NPV.
        #expect(npvDifference["sd"]! < (variants[0]["npv"] as! [String: Double])["sd"]!)
        // The pessimistic case beats the base case rarely (where the base case's own draws are low).
        #expect((pessimistic["probability_better"] as? Double ?? 1) < 0.05)
    }

    @Test func discountRateSweepDecreasesStrictlyAndSmoothly() throws {
        let out = try CLI.run(["sweep", "Scenarios/reference-model.yaml", "--vary", "discount_rate=0:0.06:4", "--samples", "20000", "--format", "json", "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        let points = try #require(try CLI.json(out.stdout)["points"] as? [[String: Any]])
        #expect(points.count == 4)
        let rates = points.map { ($0["values"] as! [String: Double])["discount_rate"]! }
        #expect(rates == [0, 0.02, 0.04, 0.06])
        let base = points.map { ($0["base"] as! [String: Double])["npv"]! }
        #expect(zip(base, base.dropFirst()).allSatisfy { $0 > $1 })
        // With common random numbers every quantile moves the same way from point to point.
        for key in ["p05", "p50", "p95", "mean"] {
            let values = points.map { ($0["npv"] as! [String: Double])[key]! }
            #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 }, "\(key)")
        }
        let csv = try CLI.run(["sweep", "Scenarios/reference-model.yaml", "--vary", "discount_rate=0:0.06:4", "--samples", "2000", "--format", "csv", "-q"])
        #expect(csv.stdout.split(separator: "\n").count == 5)
        let bad = try CLI.run(["sweep", "Scenarios/reference-model.yaml", "--vary", "discont_rate=0:0.06:4", "-q"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("did you mean 'discount_rate'"))
    }

    @Test func claimCheckOnDenHaag() throws {
        let out = try CLI.run(["claim", "Scenarios/den-haag-casemanagement.yaml", "--bcr", "1.4737", "--samples", "20000", "--format", "json", "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        let json = try CLI.json(out.stdout)
        let p = try #require(json["probability"] as? Double), se = try #require(json["se"] as? Double)
        #expect(p > 0 && p < 1)
        #expect(abs(se - (p * (1 - p) / 20000).squareRoot()) < 1e-12)
        #expect((json["drivers"] as? [[String: Any]])?.isEmpty == false)
        #expect(try CLI.run(["claim", "Scenarios/den-haag-casemanagement.yaml"]).status == 64)
    }

    @Test func reportWritesValidFiguresAndTables() throws {
        let dir = try CLI.temporaryDirectory().appendingPathComponent("report")
        let out = try CLI.run(["report", "Scenarios/sociaal-makelen-haarlemmermeer.yaml", "--out", dir.path, "--samples", "5000", "--date", "2026-01-02", "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        for name in ["report.md", "result.json", "summary.csv", "lines.csv", "stakeholders.csv", "sweep.csv", "convergence.csv",
                     "npv-histogram.svg", "bcr-s-curve.svg", "tornado.svg", "stakeholders.svg", "kassabon.svg", "fan-chart.svg", "convergence.svg"] {
            #expect(files.contains(name), "\(name)")
        }
        for svg in files.filter({ $0.hasSuffix(".svg") }) {
            let data = try Data(contentsOf: dir.appendingPathComponent(svg))
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(svg) is not well-formed XML")
            #expect(String(decoding: data, as: UTF8.self).contains("2026-01-02"), "provenance in \(svg)")
        }
        for csv in files.filter({ $0.hasSuffix(".csv") }) {
            let lines = try String(contentsOf: dir.appendingPathComponent(csv), encoding: .utf8).split(separator: "\n")
            #expect(lines.count >= 2)
            #expect(lines[0].hasSuffix("scenario_sha256,seed,samples,design,engine_version,date"), "provenance in \(csv)")
        }
        // A folder with files is not overwritten without --force.
        let again = try CLI.run(["report", "Scenarios/vonl-amsterdam.yaml", "--out", dir.path, "-q"])
        #expect(again.status == 1)
    }

    @Test func notebooksOutputHasAFolderForEveryScenario() throws {
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("Scenarios").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        for name in scenarios {
            let folder = CLI.root.appendingPathComponent("notebooks-output/\(name)/report.md").path
            #expect(FileManager.default.fileExists(atPath: folder), "notebooks-output/\(name)")
        }
    }
}
