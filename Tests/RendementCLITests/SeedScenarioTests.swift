import Foundation
import Testing

/// The bundled seed scenarios run, and their base cases reproduce the published figures.
@Suite struct SeedScenarioTests {
    static func base(_ file: String) throws -> [String: Any] {
        let out = try CLI.run(["run", "Scenarios/\(file)", "--samples", "2000", "--format", "json", "-q"])
        #expect(out.status == 0, "\(file): \(out.stderr)")
        return try CLI.json(out.stdout)
    }

    @Test func denHaagReproducesThePublishedTotals() throws {
        let json = try Self.base("den-haag-casemanagement.yaml")
        let base = try #require(json["base"] as? [String: Double])
        #expect(abs(base["pv_costs"]! - 3_800_000) < 0.01)
        #expect(abs(base["pv_benefits"]! - 5_600_000) < 0.01)
        #expect(abs(base["npv"]! - 1_800_000) < 0.01)
        #expect(abs(base["bcr"]! - 5.6 / 3.8) < 1e-9)
        let stakeholders = try #require(json["stakeholders"] as? [String: [String: Any]])
        let nets = stakeholders.mapValues { $0["base"] as! Double }
        #expect(abs(nets.values.reduce(0, +) - 1_800_000) < 0.01)
        #expect(abs(nets["gemeente"]! + 2_200_000) < 0.01)
        #expect(abs(nets["zorgverzekeraars"]! - 2_000_000) < 0.01)
    }

    @Test(arguments: [("vonl-amsterdam.yaml", 1.92), ("sociaal-makelen-haarlemmermeer.yaml", 3.0),
                      ("sociaal-makelen-haarlemmermeer-society.yaml", 2.55)])
    func publishedBaseRatio(file: String, bcr: Double) throws {
        let base = try #require(try Self.base(file)["base"] as? [String: Double])
        #expect(abs(base["bcr"]! - bcr) < 1e-9, "\(file)")
    }

    @Test func vonlBaseNet() throws {
        let base = try #require(try Self.base("vonl-amsterdam.yaml")["base"] as? [String: Double])
        #expect(abs(base["npv"]! - 938_400) < 0.01)
    }

    @Test func everyBundledScenarioRuns() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("Scenarios").path)
            .filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 6)
        for file in files {
            let out = try CLI.run(["run", "Scenarios/\(file)", "--samples", "3000", "-q"])
            #expect(out.status == 0, "\(file): \(out.stderr)")
        }
    }
}
