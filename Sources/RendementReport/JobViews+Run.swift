import Foundation
import RendementAnalysis
import RendementCore

/// The run view: the kassabon as an HTML table (the text kassabon's rows, unclipped), then who
/// pays and who benefits as a table and the report's stakeholder figure.
enum RunView {
    typealias Row = HTMLFragment.Row

    static func write(_ result: RunResult, reconciliation: Reconciliation?, into html: inout HTMLFragment) {
        let model = result.model, scenario = model.scenario
        let m = NumberFormat.money
        html.element("h3", "Kassabon · \(scenario.title)", [("class", "rv-title")])
        html.element("p", "\(NumberFormat.grouped(Int64(result.samples))) samples · seed \(result.seed) · design \(result.design) · \(scenario.currency), present values over \(scenario.horizon) year\(scenario.horizon == 1 ? "" : "s")", [("class", "rv-meta")])

        func item(_ key: String, _ label: String, _ kind: String, _ who: String, _ k: Int) -> Row {
            let s = result.summaries[k]
            return ([("data-key", key)], [HTMLFragment.cell(label), HTMLFragment.cell(kind), HTMLFragment.cell(who),
                          HTMLFragment.cell(m(result.base[k]), value: result.base[k]), HTMLFragment.cell(m(s.mean), value: s.mean),
                          HTMLFragment.cell(JobViews.interval(s))])
        }
        func total(_ key: String, _ label: String, _ k: Int, format: (Double) -> String = NumberFormat.money) -> Row {
            let s = result.summaries[k]
            return ([("data-key", key), ("class", "rv-total")], [HTMLFragment.cell(label, header: true), "<td></td><td></td>",
                                                 HTMLFragment.cell(format(result.base[k]), value: result.base[k]),
                                                 HTMLFragment.cell(s.moments.count == 0 ? "undefined" : format(s.mean), value: s.moments.count == 0 ? nil : s.mean),
                                                 HTMLFragment.cell(s.moments.count == 0 ? "no costs" : JobViews.interval(s, format))])
        }
        func heading(_ text: String) -> Row { ([("class", "rv-heading")], ["<th colspan=\"6\">\(HTMLFragment.escape(text))</th>"]) }

        var rows: [Row] = [heading("Costs")]
        for (i, c) in scenario.costs.enumerated() { rows.append(item("line", c.name, "cost", c.payer ?? "", model.outputIndex(.costLine(i))!)) }
        rows.append(total("pv_costs", "Total costs (present value)", model.outputIndex(.pvCosts)!))
        rows.append(heading("Benefits"))
        for (i, b) in scenario.benefits.enumerated() where b.kind != .transfer {
            rows.append(item("line", b.name, b.kind.rawValue, b.beneficiary ?? "", model.outputIndex(.benefitLine(i))!))
        }
        rows.append(total("pv_benefits", "Total benefits (present value)", model.outputIndex(.pvBenefits)!))
        let transfers = scenario.benefits.enumerated().filter { $0.element.kind == .transfer }
        let legs = scenario.benefits.enumerated().flatMap { i, b in b.transfers.enumerated().map { (i, $0.offset, b, $0.element) } }
        if !transfers.isEmpty || !legs.isEmpty {
            rows.append(heading("Transfers (zero for society; counted per stakeholder)"))
            for (i, b) in transfers {
                rows.append(item("line", b.name, "transfer", "\(b.from ?? "?") → \(b.beneficiary ?? "?")", model.outputIndex(.benefitLine(i))!))
            }
            for (i, l, b, leg) in legs {
                rows.append(item("line", leg.name ?? "\(b.name): \(leg.from) → \(leg.to)", "transfer", "\(leg.from) → \(leg.to)", model.outputIndex(.transferLeg(i, l))!))
            }
        }
        rows.append(heading("Result"))
        rows.append(total("npv", "Net benefit (NPV)", model.outputIndex(.npv)!))
        rows.append(total("bcr", "Benefit-cost ratio (BCR)", model.outputIndex(.bcr)!, format: NumberFormat.ratio))
        html.table("rv-kassabon", header: ["line", "kind", "payer / beneficiary", "base", "mean", "90% interval (P5 – P95)"], rows: rows)

        let npv = result.summary(.npv), bcr = result.summary(.bcr)
        var facts: [String] = []
        facts.append("<li data-key=\"probability_positive\" data-value=\"\(JSONValue.format(npv.probabilityPositive))\">P(NPV &gt; 0) = <b>\(NumberFormat.probability(npv.probabilityPositive))</b> ± \(NumberFormat.probability(npv.probabilityPositiveError))</li>")
        if bcr.moments.count > 0 {
            let roi = result.base(.bcr) - 1
            facts.append("<li data-key=\"roi\" data-value=\"\(JSONValue.format(roi))\">Return on investment (BCR − 1) in the base case: \(NumberFormat.percent(roi)); every \(HTMLFragment.escape(scenario.currency)) invested returns \(NumberFormat.ratio(result.base(.bcr)))</li>")
        } else {
            facts.append("<li>The scenario has no costs, so the benefit-cost ratio is undefined.</li>")
        }
        facts.append("<li>Mean NPV \(m(npv.mean)) ± \(m(npv.se)) (standard error)</li>")
        if reconciliation?.noPublishedEstimate == true {
            facts.append("<li>No estimate was published: the base column holds the assumptions' point values, not a result.</li>")
        }
        if model.sampledInputs.isEmpty {
            facts.append("<li>Nothing in this scenario is uncertain: every sample is the base case, so this is a point result.</li>")
        }
        html.raw("<ul class=\"rv-facts\">" + facts.joined() + "</ul>")
        stakeholders(result, into: &html)
        extras(result, reconciliation: reconciliation, into: &html)
    }

    /// Who pays, who benefits: each stakeholder's net as a table and as the report's figure.
    static func stakeholders(_ result: RunResult, into html: inout HTMLFragment) {
        let model = result.model, scenario = model.scenario
        guard !scenario.stakeholders.isEmpty else { return }
        html.element("h4", "Who pays, who benefits (net per stakeholder)")
        var rows: [Row] = [], figure: [(label: String, base: Double, mean: Double, p05: Double, p95: Double)] = []
        for s in scenario.stakeholders {
            let k = model.outputIndex(.stakeholder(s.id))!, summary = result.summaries[k]
            rows.append(([("data-key", "stakeholder")], [HTMLFragment.cell(s.label), HTMLFragment.cell(NumberFormat.money(result.base[k]), value: result.base[k]),
                                         HTMLFragment.cell(NumberFormat.money(summary.mean), value: summary.mean),
                                         HTMLFragment.cell(JobViews.interval(summary)),
                                         HTMLFragment.cell(NumberFormat.probability(summary.probabilityPositive), value: summary.probabilityPositive)]))
            figure.append((s.label.count > 38 ? s.id : s.label, result.base[k], summary.mean, summary.quantile("p05") ?? .nan, summary.quantile("p95") ?? .nan))
        }
        html.table("rv-stakeholders", header: ["stakeholder", "base", "mean", "90% interval", "P(net > 0)"], rows: rows)
        html.figure(Charts.stakeholders(figure, currency: scenario.currency, provenance: JobViews.provenance(samples: result.samples, seed: result.seed)),
                    cssClass: "rv-stakeholders-figure")
    }

    /// Cases, what is not priced, the published figures, the basis and the warnings.
    static func extras(_ result: RunResult, reconciliation: Reconciliation?, into html: inout HTMLFragment) {
        let model = result.model, scenario = model.scenario
        if let section = scenario.cases {
            html.element("h4", "Cases (net per case: without − with − cost; parameter uncertainty)")
            let rows: [Row] = section.cases.enumerated().map { i, c in
                let k = model.outputIndex(.caseNet(i))!, s = result.summaries[k]
                return ([("data-key", "case")], [HTMLFragment.cell(c.id), HTMLFragment.cell(NumberFormat.money(result.base[k]), value: result.base[k]),
                                 HTMLFragment.cell(JobViews.interval(s)), HTMLFragment.cell(NumberFormat.probability(s.probabilityPositive), value: s.probabilityPositive)])
            }
            html.table("rv-cases", header: ["case", "base", "90% interval", "P(net > 0)"], rows: rows)
            if section.selected { html.element("p", "Warning: \(RunReport.selectedCasesWarning).", [("class", "rv-note")]) }
        }
        if !scenario.unpriced.isEmpty {
            html.element("h4", "Not priced (PM)")
            html.raw("<ul>" + scenario.unpriced.map { "<li>\(HTMLFragment.escape($0))</li>" }.joined() + "</ul>")
        }
        if let reconciliation, !(reconciliation.rows.isEmpty && !reconciliation.noPublishedEstimate) {
            html.element("h4", "Published figures (beside the model's base case; P = probability the figure holds)")
            html.raw("<ul class=\"rv-published\">" + ReconciliationReport.textLines(reconciliation).map { "<li>\(HTMLFragment.escape($0))</li>" }.joined() + "</ul>")
        }
        var basis = ["Discount rate: \(scenario.discountDescription)."]
        if let prices = scenario.priceLevelDescription { basis.append("Price level: \(prices).") }
        let shares = RunReport.evidenceShares(result)
        if !shares.isEmpty {
            basis.append("Evidence behind PV(benefits) in the base case: " + shares.map { "\($0.status) \(NumberFormat.percent($0.share))" }.joined(separator: ", ") + ".")
        }
        html.element("h4", "Basis")
        html.raw("<ul>" + basis.map { "<li>\(HTMLFragment.escape($0))</li>" }.joined() + "</ul>")
        JobViews.warnings(model.warnings.map(\.description), into: &html)
    }
}
