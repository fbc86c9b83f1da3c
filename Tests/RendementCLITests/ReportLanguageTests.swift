import Foundation
import Testing
@testable import RendementReport
import RendementAnalysis
import RendementCore

/// The report's language and number formats, the precision rule, and the reports themselves:
/// every section in both languages, no raw identifiers, tables filled for case-based scenarios.
@Suite struct ReportLanguageTests {
    @Test func dutchAndEnglishNumbers() {
        #expect(ReportLanguage.nl.money(1_800_000) == "€\u{00A0}1.800.000")
        #expect(ReportLanguage.en.money(1_800_000) == "€1,800,000")
        #expect(ReportLanguage.nl.money(-89_250) == "−\u{2060}€\u{00A0}89.250")
        #expect(ReportLanguage.nl.number(1.4736, decimals: 2) == "1,47")
        #expect(ReportLanguage.en.number(1.4736, decimals: 2) == "1.47")
        #expect(ReportLanguage.nl.number(12_345.678, decimals: 1) == "12.345,7")
        #expect(ReportLanguage.nl.percent(0.32) == "32%")
        #expect(ReportLanguage.nl.number(-0.0001, decimals: 2) == "0,00")
        #expect(ReportLanguage.nl.money(.nan) == "n.v.t.")
    }

    @Test func precisionFollowsTheStandardError() {
        // P = 0.9804 ± 0.0004: three decimals; ± 0.004: three; ± 0.04: two.
        #expect(Precision.decimals(standardError: 0.0004) == 4)
        #expect(Precision.decimals(standardError: 0.004) == 3)
        #expect(Precision.decimals(standardError: 0.04) == 2)
        // A mean of 4,809,525 ± 6,001 is shown to the thousand.
        #expect(Precision.rounded(4_809_525, standardError: 6_001) == 4_810_000)
        #expect(Precision.rounded(123.4, standardError: 0.2) == 123)
        #expect(Precision.significant(132_459) == 132_000)
        #expect(Precision.significant(-1_739_350) == -1_740_000)
    }

    @Test func everyTermIsTranslated() {
        // Both catalogues name every section differently, and no Dutch text is left empty.
        let nl = ReportLanguage.nl.terms, en = ReportLanguage.en.terms
        for (a, b) in [(nl.summary, en.summary), (nl.overview, en.overview), (nl.stressTest, en.stressTest), (nl.actors, en.actors),
                       (nl.npv, en.npv), (nl.bcr, en.bcr), (nl.costs, en.costs), (nl.benefits, en.benefits), (nl.unpriced, en.unpriced)] {
            #expect(!a.isEmpty && a != b)
        }
        for child in Mirror(reflecting: nl).children { if let text = child.value as? String { #expect(!text.isEmpty, "\(child.label ?? "")") } }
    }

    /// Visible text of an HTML document: without tags, styles, SVG metadata and comments.
    static func visibleText(_ html: String) -> String {
        var text = html
        for pattern in ["<style>[\\s\\S]*?</style>", "<metadata>[\\s\\S]*?</metadata>", "<!--[\\s\\S]*?-->", "<head>[\\s\\S]*?</head>", "<[^>]+>"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text
    }

    @Test(arguments: ["zaanstad-maatwerkbudget", "vonl-amsterdam"])
    func dutchReportHasEverySectionAndNoRawIdentifiers(scenario: String) throws {
        let dir = try CLI.temporaryDirectory().appendingPathComponent(scenario)
        let out = try CLI.run(["report", "Scenarios/\(scenario).yaml", "--out", dir.path, "--samples", "4000", "--date", "2026-01-02", "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"nl\">"))
        for id in ["summary", "overview", "stress-test", "actors", "basis", "unpriced", "inputs", "convergence"] {
            #expect(html.contains("<section id=\"\(id)\""), "section \(id)")
        }
        for term in ["Saldo (netto contante waarde)", "B/K-verhouding", "Kosten", "Stresstest", "Wie betaalt, wie wint"] { #expect(html.contains(term), "\(term)") }
        #expect(html.contains("€\u{00A0}"))
        // Self-contained: no external resources.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link"))
        let visible = Self.visibleText(html)
        let raw = visible.matches(of: /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/).map { String($0.output) }
        #expect(raw.isEmpty, "raw identifiers in the visible text: \(Set(raw).sorted().prefix(10))")
        // The Markdown's overview table has rows, also for a case-based scenario.
        let md = try String(contentsOf: dir.appendingPathComponent("report.md"), encoding: .utf8)
        let overview = try #require(md.components(separatedBy: "## MKBA-overzicht").dropFirst().first)
        #expect(overview.split(separator: "\n").filter { $0.hasPrefix("| ") }.count >= 5)
        // English on request.
        let english = dir.deletingLastPathComponent().appendingPathComponent("\(scenario)-en")
        let en = try CLI.run(["report", "Scenarios/\(scenario).yaml", "--out", english.path, "--samples", "4000", "--lang", "en", "-q"])
        #expect(en.status == 0)
        #expect(try String(contentsOf: english.appendingPathComponent("report.html"), encoding: .utf8).contains("Stress test"))
        #expect(try CLI.run(["report", "Scenarios/\(scenario).yaml", "--out", english.path + "x", "--lang", "fr"]).status == 64)
    }
}

/// The overview table's base column adds up: its cost and effect rows sum to the base NPV, in
/// every bundled scenario (lines, cases, or both).
@Suite struct ReportOverviewTests {
    @Test(arguments: ["den-haag-casemanagement", "vonl-amsterdam", "sociaal-makelen-haarlemmermeer", "zaanstad-maatwerkbudget",
                      "ombudsman-cak-pilot", "reference-model"])
    func overviewAddsUpToTheNPV(scenario: String) throws {
        let model = try ModelCompiler.load(path: CLI.root.appendingPathComponent("Scenarios/\(scenario).yaml").path)
        let analysis = try ReportAnalysis(model: model, options: RunOptions(samples: 2_000, seed: 3, threads: 2))
        let doc = ReportComposer(analysis: analysis, lang: .en, provenance: "test").document(figures: [:])
        let overview = try #require(doc.tables.first { $0.id == "overview" })
        let t = ReportLanguage.en.terms
        var sum = 0.0
        for row in overview.rows where !row.emphasised {
            guard case let .text(kind) = row.cells[1], !kind.isEmpty, kind != t.transferNote, kind != t.pmItem else {
                // Rows without a kind: the cases' benefits (when there are no lines of that kind) count too.
                if case let .text(label) = row.cells[0], label == t.casesBenefits || label == t.pvBenefits, case let .number(v, _, _) = row.cells[3] { sum += v }
                continue
            }
            if case let .number(v, _, _) = row.cells[3] { sum += v }
        }
        let npv = analysis.result.base(.npv)
        #expect(abs(sum - npv) <= 1e-6 * max(1, abs(npv)), "\(scenario): rows add up to \(sum), NPV \(npv)")
    }
}
