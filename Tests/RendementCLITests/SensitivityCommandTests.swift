import Foundation
import Testing

/// `rendement sensitivity` end to end.
@Suite struct SensitivityCommandTests {
    @Test func allMethodsInOneJSONDocument() throws {
        let out = try CLI.run(["sensitivity", "Scenarios/vonl-amsterdam.yaml", "--method", "all", "--samples", "4096", "--format", "json", "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        let json = try CLI.json(out.stdout)
        for key in ["tornado", "tornado_bcr", "tornado_stakeholders", "spider", "break_even", "effect_scale_break_even",
                    "rank", "src_r2", "sobol", "sobol_replicates", "joint_sample", "evpi", "evppi", "evppi_ranking"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let tornado = try #require(json["tornado"] as? [[String: Any]])
        for key in ["input", "low", "high", "npv_low", "npv_high", "swing"] { #expect(tornado.first?[key] != nil, "\(key)") }
        let swings = tornado.compactMap { $0["swing"] as? Double }
        #expect(swings == swings.sorted(by: >))
        let sobol = try #require(json["sobol"] as? [String: [String: Any]])
        for (_, index) in sobol { for key in ["S1", "S1_ci", "ST", "ST_ci"] { #expect(index[key] != nil, "\(key)") } }
        let rank = try #require(json["rank"] as? [String: [String: Double]])
        for (_, r) in rank { for key in ["spearman", "prcc", "src"] { #expect(r[key] != nil, "\(key)") } }
        // BCR's Sobol' indices only when asked for.
        #expect(json["sobol_bcr"] == nil)
        let both = try CLI.run(["sensitivity", "Scenarios/vonl-amsterdam.yaml", "--method", "sobol", "--sobol-samples", "2048",
                                "--sobol-outputs", "npv,bcr", "--format", "json", "-q"])
        #expect(try CLI.json(both.stdout)["sobol_bcr"] != nil)
    }

    @Test func textPutsTheTornadoFirst() throws {
        let out = try CLI.run(["sensitivity", "Scenarios/den-haag-casemanagement.yaml", "--method", "tornado,break-even", "-q"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("TORNADO"))
        #expect(out.stdout.contains("BREAK-EVEN"))
        #expect(!out.stdout.contains("SOBOL"))
    }

    @Test func unknownMethodIsAUsageError() throws {
        let out = try CLI.run(["sensitivity", "Scenarios/vonl-amsterdam.yaml", "--method", "morris"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("Unknown method 'morris'"))
    }
}
