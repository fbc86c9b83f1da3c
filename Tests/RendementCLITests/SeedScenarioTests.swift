import Foundation
import Testing

/// The bundled seed cases: every published figure each reproduces matches its base case (or the
/// variant it belongs to), the departures are the declared ones, the stakeholders add up to
/// society's net in every variant, and the domain notes' reconstructions still hold.
@Suite struct SeedScenarioTests {
    static let cases = ["den-haag-casemanagement.yaml", "vonl-amsterdam.yaml", "sociaal-makelen-haarlemmermeer.yaml",
                        "zaanstad-maatwerkbudget.yaml", "ombudsman-cak-pilot.yaml"]

    static func run(_ file: String, _ extra: [String] = []) throws -> [String: Any] {
        let out = try CLI.run(["run", "Scenarios/\(file)", "--samples", "4096", "--format", "json", "-q"] + extra)
        #expect(out.status == 0, "\(file): \(out.stderr)")
        return try CLI.json(out.stdout)
    }

    static func base(_ file: String, variant: String? = nil) throws -> [String: Double] {
        try #require(try run(file, variant.map { ["--variant", $0] } ?? [])["base"] as? [String: Double])
    }

    @Test(arguments: cases)
    func publishedFiguresAreReconciled(file: String) throws {
        let json = try Self.run(file)
        if file == "ombudsman-cak-pilot.yaml" {
            // Nothing was published: no figure, and no base case presented as the result.
            #expect((json["published"] as? [String: Any])?["none"] as? Bool == true)
            return
        }
        let figures = try #require(json["published"] as? [[String: Any]], "\(file) reconciles its published figures")
        #expect(figures.count >= 5)
        for f in figures {
            let label = "\(file): \(f["figure"] as? String ?? "?") [\(f["variant"] as? String ?? "base")]"
            let matches = try #require(f["matches"] as? Bool), reproduced = try #require(f["reproduced_by_design"] as? Bool)
            #expect(matches == reproduced, "\(label): model \(f["model_base"] ?? "?") against \(f["value"] ?? "?")")
            if !reproduced { #expect(f["note"] != nil, "\(label): a departure says why") }
            #expect(f["quote"] != nil || f["source"] != nil, "\(label): where it was published")
        }
    }

    /// What a stakeholder receives and gives adds up to society's net, in the base case of every
    /// variant (transfers cancel, split lines are shared out exactly).
    @Test(arguments: cases)
    func stakeholdersAddUpToSociety(file: String) throws {
        let variants = (try CLI.run(["compare", "Scenarios/\(file)", "--samples", "2048", "--format", "json", "-q"]))
        #expect(variants.status == 0, "\(variants.stderr)")
        let names = ((try CLI.json(variants.stdout)["variants"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        let variantNames: [String?] = [nil] + names.filter { $0 != "base" }.map(Optional.some)
        for variant in variantNames {
            let json = try Self.run(file, variant.map { ["--variant", $0] } ?? [])
            let npv = try #require((json["base"] as? [String: Double])?["npv"])
            let nets = try #require(json["stakeholders"] as? [String: [String: Any]]).values.compactMap { $0["base"] as? Double }
            #expect(abs(nets.reduce(0, +) - npv) <= 1e-6 * max(1, abs(npv)), "\(file) \(variant ?? "base"): stakeholders \(nets.reduce(0, +)) against NPV \(npv)")
        }
    }

    /// The article's own calculations, kept as variants, still give its headline figures.
    @Test func theArticlesOwnCalculations() throws {
        let denHaag = try Self.base("den-haag-casemanagement.yaml", variant: "as-published")
        #expect(abs(denHaag["pv_costs"]! - 3_800_000) < 0.01 && abs(denHaag["pv_benefits"]! - 5_600_000) < 0.01)
        #expect(abs(denHaag["npv"]! - 1_800_000) < 0.01 && abs(denHaag["bcr"]! - 5.6 / 3.8) < 1e-9)
        #expect(abs(try Self.base("den-haag-casemanagement.yaml", variant: "as-published-financial-only")["npv"]! - 600_000) < 0.01)
        #expect(abs(try Self.base("vonl-amsterdam.yaml")["bcr"]! - 1.92) < 0.005)
        #expect(abs(try Self.base("vonl-amsterdam.yaml", variant: "pessimistic")["bcr"]! - 1.20) < 0.005)
        #expect(abs(try Self.base("vonl-amsterdam.yaml", variant: "as-published")["npv"]! - 938_400) < 0.01)
        #expect(abs(try Self.base("sociaal-makelen-haarlemmermeer.yaml", variant: "as-published")["bcr"]! - 3.0) < 1e-9)
        // Domain notes §2.3: with the benefit payments a transfer, society's B/C is 2.55.
        #expect(abs(try Self.base("sociaal-makelen-haarlemmermeer.yaml", variant: "pilot-year-society")["bcr"]! - 2.55) < 1e-9)
    }

    /// VONL's municipality saves the benefit payments of those in work (domain notes §0: about
    /// −89k in the article's own construction, not −280k).
    @Test func vonlMunicipalitySavesBenefitPayments() throws {
        let json = try Self.run("vonl-amsterdam.yaml", ["--variant", "as-published"])
        let gemeente = try #require(((json["stakeholders"] as? [String: [String: Any]])?["gemeente"])?["base"] as? Double)
        #expect(abs(gemeente + 89_250) < 1)
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
