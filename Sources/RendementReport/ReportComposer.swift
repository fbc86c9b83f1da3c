import Foundation
import RendementAnalysis
import RendementCore

/// Builds a report's content (`ReportDocument`) from its analysis, in one language: what a
/// municipal council reads first (summary, the CBA overview table, the stress test, who pays
/// and who benefits, the years), then the appendix (basis, inputs and sources, convergence).
/// Every number is shown to the precision its Monte Carlo error supports.
public struct ReportComposer {
    public let analysis: ReportAnalysis
    public let lang: ReportLanguage
    public let provenance: String
    let t: ReportTerms
    let result: RunResult
    let model: CompiledModel
    let scenario: Scenario

    public init(analysis: ReportAnalysis, lang: ReportLanguage, provenance: String) {
        self.analysis = analysis
        self.lang = lang
        self.provenance = provenance
        t = lang.terms
        result = analysis.result
        model = result.model
        scenario = model.scenario
    }

    /// The document, with each figure's SVG given by name (the figures the writer made).
    public func document(figures: [String: String]) -> ReportDocument {
        var sections = [summarySection(figures), overviewSection()]
        sections.append(stressTestSection(figures))
        sections.append(actorsSection(figures))
        if scenario.cases != nil { sections.append(casesSection(figures)) }
        if let years = yearsSection() { sections.append(years) }
        sections += appendix(figures)
        return ReportDocument(title: scenario.title, language: lang, provenance: provenance, sections: sections)
    }

    // MARK: Numbers

    var currency: String { scenario.currency }

    /// An amount whose standard error is known: rounded to it.
    func money(_ x: Double, se: Double) -> String { lang.money(Precision.rounded(x, standardError: se), currency: currency) }
    /// An amount without a known error (an interval end): three significant digits.
    func money3(_ x: Double) -> String { lang.money(Precision.significant(x), currency: currency) }
    /// An exact amount (a base case): whole euros.
    func moneyExact(_ x: Double) -> String { lang.money(x, currency: currency) }
    func ratio(_ x: Double) -> String { lang.number(x, decimals: 2) }

    /// A probability estimated from `n` samples: as many decimals as its error supports; an
    /// estimate of 0 or 1 as a bound (the rule of three: below 3/n with 95% confidence).
    func probability(_ p: Double, se: Double, samples n: Int) -> String {
        guard p.isFinite else { return t.notAvailable }
        // Too few samples for a bound: the estimate itself, two decimals.
        guard n >= 30 else { return lang.number(min(1, max(0, p)), decimals: 2) }
        if p <= 0 { return "< " + lang.number(min(1, max(3 / Double(n), 0.001)), decimals: 3) }
        if p >= 1 { return "> " + lang.number(max(0, min(1 - 3 / Double(n), 0.999)), decimals: 3) }
        let d = min(3, max(2, Precision.decimals(standardError: se)))
        let unit = pow(10, -Double(d)), r = (p / unit).rounded() * unit
        if r >= 1 { return "> " + lang.number(1 - unit, decimals: d) }
        if r <= 0 { return "< " + lang.number(unit, decimals: d) }
        return lang.number(p, decimals: d)
    }

    func moneyCell(_ x: Double, se: Double? = nil) -> ReportTable.Cell {
        let shown = se.map { money(x, se: $0) } ?? moneyExact(x)
        return .number(se.map { Precision.rounded(x, standardError: $0) } ?? x, style: .money, shown: shown)
    }

    func intervalCell(_ s: Summary, _ f: (Double) -> String) -> ReportTable.Cell {
        guard let lo = s.quantile("p05"), let hi = s.quantile("p95"), lo.isFinite, hi.isFinite else { return .text(t.notAvailable) }
        return .text("\(f(lo)) – \(f(hi))")
    }

    func ratioCell(_ x: Double) -> ReportTable.Cell {
        x.isFinite ? .number(x, style: .ratio, shown: ratio(x)) : .text(t.notAvailable)
    }

    func probabilityCell(_ s: Summary) -> ReportTable.Cell {
        .number(s.probabilityPositive, style: .probability, shown: probability(s.probabilityPositive, se: s.probabilityPositiveError, samples: s.moments.count))
    }

    /// A person's name for a stakeholder id.
    func actorName(_ id: String?) -> String {
        guard let id else { return "" }
        // A stakeholder without a label has its id as label: shown in words.
        guard let label = scenario.stakeholders.first(where: { $0.id == id })?.label, label != id else { return Labels.humanised(id) }
        return label
    }

    // MARK: Summary

    func summarySection(_ figures: [String: String]) -> ReportDocument.Section {
        let npv = result.summary(.npv), bcr = result.summary(.bcr)
        let noEstimate = analysis.reconciliation.noPublishedEstimate
        var blocks: [ReportDocument.Block] = []
        if let description = scenario.description { blocks.append(.paragraph(prose(description.trimmingCharacters(in: .whitespacesAndNewlines)))) }
        if noEstimate { blocks.append(.note(t.noPublishedEstimate)) }
        let low = npv.quantile("p05").map(money3) ?? t.notAvailable, high = npv.quantile("p95").map(money3) ?? t.notAvailable
        let p = probability(npv.probabilityPositive, se: npv.probabilityPositiveError, samples: npv.moments.count)
        let hasCosts = bcr.moments.count > 0
        blocks.append(.paragraph(noEstimate
            ? t.headlineNoEstimate(moneyExact(result.base(.npv)), money(npv.mean, se: npv.se), low, high, p)
            : t.headline("**\(moneyExact(result.base(.npv)))**", hasCosts ? "**\(ratio(result.base(.bcr)))**" : t.noCosts,
                         money(npv.mean, se: npv.se), low, high, "**\(p)**")))
        let baseHeader = noEstimate ? t.pointValues : t.base
        var rows: [ReportTable.Row] = []
        for (label, role) in [(t.pvCosts, ModelOutput.Role.pvCosts), (t.pvBenefits, .pvBenefits)] {
            let s = result.summary(role)
            rows.append(.init([.text(label), moneyCell(result.base(role)), moneyCell(s.mean, se: s.se), intervalCell(s, money3)]))
        }
        rows.append(.init([.text(t.npv), moneyCell(result.base(.npv)), moneyCell(npv.mean, se: npv.se), intervalCell(npv, money3)], emphasised: !noEstimate))
        if hasCosts {
            rows.append(.init([.text(t.bcr), ratioCell(result.base(.bcr)), ratioCell(bcr.mean), intervalCell(bcr, ratio)]))
        } else {
            rows.append(.init([.text(t.bcr), .text(t.noCosts), .empty, .empty]))
        }
        rows.append(.init([.text(t.probabilityPositive), .empty, probabilityCell(npv), .empty]))
        blocks.append(.table(ReportTable(id: "summary", title: t.keyFigures,
                                         columns: [.init("", numeric: false), .init(baseHeader), .init(t.mean), .init(t.interval90)],
                                         rows: rows, caption: "\(currency), \(t.presentValue). \(t.precisionNote)")))
        if let svg = figures["npv-histogram.svg"] { blocks.append(.figure(file: "npv-histogram.svg", caption: t.histogramTitle, svg: svg)) }
        if let svg = figures["bcr-s-curve.svg"] { blocks.append(.figure(file: "bcr-s-curve.svg", caption: t.sCurveTitle, svg: svg)) }
        return .init(id: "summary", heading: t.summary, blocks: blocks)
    }
}

/// Names a reader sees for identifiers a scenario writer chose.
public enum Labels {
    /// `care_trajectories_avoided` → "care trajectories avoided"; `p_work` → "p work"; names
    /// without underscores are kept.
    public static func humanised(_ id: String) -> String {
        guard id.contains("_") else { return id }
        let words = id.split(separator: "_").map(String.init)
        return words.joined(separator: " ")
    }
}
