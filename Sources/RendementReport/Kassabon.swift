import RendementAnalysis
import RendementCore

/// The text receipt ("kassabon") of a run: costs and benefits line by line, per stakeholder,
/// each base value beside its 90% interval, then NPV, BCR, ROI and P(NPV > 0).
public enum Kassabon {
    public static func render(_ result: RunResult, reconciliation: Reconciliation? = nil, maxLabel: Int = 44) -> String {
        let model = result.model, scenario = model.scenario
        var rows: [Row] = []
        func interval(_ s: Summary, _ f: (Double) -> String) -> String {
            "\(f(s.quantile("p05")!)) – \(f(s.quantile("p95")!))"
        }
        func lineRow(_ label: String, _ who: String, _ k: Int) -> Row {
            Row.item(label, who, NumberFormat.money(result.base[k]), interval(result.summaries[k], NumberFormat.money))
        }

        rows.append(.heading("COSTS"))
        for (i, c) in scenario.costs.enumerated() { rows.append(lineRow(c.name, c.payer ?? "", model.outputIndex(.costLine(i))!)) }
        let pvC = model.outputIndex(.pvCosts)!
        rows.append(.total("Total costs (present value)", NumberFormat.money(result.base[pvC]), interval(result.summaries[pvC], NumberFormat.money)))

        rows.append(.heading("BENEFITS"))
        for (i, b) in scenario.benefits.enumerated() where b.kind != .transfer {
            let kind = b.kind == .resource ? "" : " [\(b.kind.rawValue)]"
            rows.append(lineRow(b.name + kind, b.beneficiary ?? "", model.outputIndex(.benefitLine(i))!))
        }
        let pvB = model.outputIndex(.pvBenefits)!
        rows.append(.total("Total benefits (present value)", NumberFormat.money(result.base[pvB]), interval(result.summaries[pvB], NumberFormat.money)))

        let transfers = scenario.benefits.enumerated().filter { $0.element.kind == .transfer }
        let legs = scenario.benefits.enumerated().flatMap { i, b in b.transfers.enumerated().map { (i, $0.offset, b, $0.element) } }
        if !transfers.isEmpty || !legs.isEmpty {
            rows.append(.heading("TRANSFERS (zero for society; count per stakeholder)"))
            for (i, b) in transfers {
                rows.append(lineRow(b.name, "\(b.from ?? "?") → \(b.beneficiary ?? "?")", model.outputIndex(.benefitLine(i))!))
            }
            for (i, l, b, leg) in legs {
                rows.append(lineRow(leg.name ?? "with \(b.name)", "\(leg.from) → \(leg.to)", model.outputIndex(.transferLeg(i, l))!))
            }
        }

        let npvIndex = model.outputIndex(.npv)!, bcrIndex = model.outputIndex(.bcr)!
        let npv = result.summaries[npvIndex], bcr = result.summaries[bcrIndex]
        rows.append(.rule)
        rows.append(.total("NET BENEFIT (NPV)", NumberFormat.money(result.base[npvIndex]), interval(npv, NumberFormat.money)))
        let meanNPV = "mean NPV \(NumberFormat.money(npv.mean)) ± \(NumberFormat.money(npv.se)) (standard error)"
        if bcr.moments.count == 0 {
            // PV(costs) is zero in every sample: no ratio to report, only the net benefit.
            rows.append(.total("Benefit-cost ratio (BCR)", "undefined", "no costs"))
            rows.append(.text("The scenario has no costs, so the benefit-cost ratio is undefined; \(meanNPV)."))
        } else {
            rows.append(.total("Benefit-cost ratio (BCR)", NumberFormat.ratio(result.base[bcrIndex]), interval(bcr, NumberFormat.ratio)))
            rows.append(.total("Return on investment (BCR − 1)", NumberFormat.percent(result.base[bcrIndex] - 1),
                               "\(NumberFormat.percent(bcr.quantile("p05")! - 1)) – \(NumberFormat.percent(bcr.quantile("p95")! - 1))"))
            if reconciliation?.noPublishedEstimate == true {
                rows.append(.text("No estimate was published: the base column holds the assumptions' point values, not a result. Mean BCR \(NumberFormat.ratio(bcr.mean)); \(meanNPV)."))
            } else {
                rows.append(.text("Every \(scenario.currency) invested returns \(NumberFormat.ratio(result.base[bcrIndex])) in the base case; \(meanNPV)."))
            }
        }
        if model.sampledInputs.isEmpty {
            rows.append(.text("Nothing in this scenario is uncertain: every sample is the base case, so this is a point result."))
        }
        rows.append(.text("P(NPV > 0) = \(NumberFormat.probability(npv.probabilityPositive)) ± \(NumberFormat.probability(npv.probabilityPositiveError))"))

        if !scenario.stakeholders.isEmpty {
            rows.append(.heading("WHO PAYS, WHO BENEFITS (net per stakeholder)"))
            for s in scenario.stakeholders {
                let k = model.outputIndex(.stakeholder(s.id))!
                let label = s.label
                rows.append(.item(label, "P(>0) \(NumberFormat.probability(result.summaries[k].probabilityPositive))",
                                  NumberFormat.money(result.base[k]), interval(result.summaries[k], NumberFormat.money)))
            }
        }
        if let section = scenario.cases {
            let share = result.summary(.casesShare), total = result.summary(.casesTotal)
            let positive = section.cases.indices.filter { result.base[model.outputIndex(.caseNet($0))!] > 0 }.count
            rows.append(.heading("CASES (net per case: without − with − cost; parameter uncertainty)"))
            for (i, c) in section.cases.enumerated() {
                let k = model.outputIndex(.caseNet(i))!
                rows.append(.item(c.id, "P(>0) \(NumberFormat.probability(result.summaries[k].probabilityPositive))",
                                  NumberFormat.money(result.base[k]), interval(result.summaries[k], NumberFormat.money)))
            }
            rows.append(.text("\(positive) of \(section.cases.count) cases positive in the base case; share positive (both kinds of uncertainty) \(NumberFormat.percent(share.quantile("p05")!)) – \(NumberFormat.percent(share.quantile("p95")!))."))
            rows.append(.total("Population total (both kinds of uncertainty)", NumberFormat.money(result.base(.casesTotal)), interval(total, NumberFormat.money)))
            let parameter = result.summary(.casesTotalParameter)
            rows.append(.text("Parameter uncertainty alone: \(NumberFormat.money(parameter.quantile("p05")!)) – \(NumberFormat.money(parameter.quantile("p95")!)); the bootstrap over cases adds the case-selection uncertainty."))
            if section.selected { rows.append(.text("WARNING: \(RunReport.selectedCasesWarning).")) }
        }
        if !scenario.unpriced.isEmpty {
            rows.append(.heading("NOT PRICED (PM)"))
            for u in scenario.unpriced { rows.append(.text("• \(u)")) }
        }
        if let reconciliation, !(reconciliation.rows.isEmpty && !reconciliation.noPublishedEstimate) {
            rows.append(.heading("PUBLISHED FIGURES (beside the model's base case; P = probability the figure holds)"))
            for line in ReconciliationReport.textLines(reconciliation) { rows.append(.text(line)) }
        }
        rows.append(.heading("BASIS"))
        rows.append(.text("Discount rate: \(scenario.discountDescription)."))
        if let prices = scenario.priceLevelDescription { rows.append(.text("Price level: \(prices).")) }
        let shares = RunReport.evidenceShares(result)
        if !shares.isEmpty {
            let parts = shares.map { "\($0.status) \(NumberFormat.percent($0.share))" }.joined(separator: ", ")
            rows.append(.text("Evidence behind PV(benefits) in the base case: \(parts)."))
        }
        return layout(rows, result: result, maxLabel: maxLabel, baseHeader: reconciliation?.noPublishedEstimate == true ? "point values" : "base")
    }

    enum Row {
        case heading(String)
        case item(String, String, String, String)
        case total(String, String, String)
        case text(String)
        case rule
    }

    static func layout(_ rows: [Row], result: RunResult, maxLabel: Int, baseHeader: String = "base") -> String {
        let scenario = result.model.scenario
        func widths(_ pick: (Row) -> String?) -> Int { rows.compactMap(pick).map(\.count).max() ?? 0 }
        let baseWidth = max(10, widths { if case let .item(_, _, b, _) = $0 { return b }; if case let .total(_, b, _) = $0 { return b }; return nil })
        let intervalHeader = "90% interval (P5 – P95)"
        let intervalWidth = max(intervalHeader.count, widths { if case let .item(_, _, _, i) = $0 { return i }; if case let .total(_, _, i) = $0 { return i }; return nil })
        let whoWidth = min(28, widths { if case let .item(_, w, _, _) = $0 { return w }; return nil })
        let totalsWidth = widths { if case let .total(l, _, _) = $0 { return l }; return nil }
        // Labels get what they need up to `maxLabel` characters; longer ones are clipped with "…".
        let labelWidth = max(totalsWidth - whoWidth - 2, min(maxLabel, widths { if case let .item(l, _, _, _) = $0 { return l }; return nil } + 1))
        func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
            let clipped = s.count > n ? String(s.prefix(max(0, n - 1))) + "…" : s
            let fill = String(repeating: " ", count: max(0, n - clipped.count))
            return right ? fill + clipped : clipped + fill
        }
        let total = labelWidth + whoWidth + baseWidth + intervalWidth + 8
        var out: [String] = []
        out.append(String(repeating: "═", count: total))
        out.append("KASSABON · \(scenario.title)")
        out.append("\(NumberFormat.grouped(Int64(result.samples))) samples · seed \(result.seed) · design \(result.design) · \(scenario.currency), present values over \(scenario.horizon) year\(scenario.horizon == 1 ? "" : "s")")
        out.append(String(repeating: "─", count: total))
        out.append(pad("", labelWidth + 2) + pad("", whoWidth) + "  " + pad(baseHeader, baseWidth, right: true) + "  " + pad(intervalHeader, intervalWidth, right: true))
        for row in rows {
            switch row {
            case let .heading(h): out.append(""); out.append(h)
            case let .item(label, who, base, interval):
                out.append("  " + pad(label, labelWidth) + " " + pad(who, whoWidth) + " " + pad(base, baseWidth, right: true) + "  " + pad(interval, intervalWidth, right: true))
            case let .total(label, base, interval):
                out.append(pad(label, labelWidth + 2 + whoWidth) + "  " + pad(base, baseWidth, right: true) + "  " + pad(interval, intervalWidth, right: true))
            case let .text(t): out += wrap(t, width: total)
            case .rule: out.append(String(repeating: "─", count: total))
            }
        }
        out.append(String(repeating: "═", count: total))
        return out.joined(separator: "\n") + "\n"
    }

    /// Breaks text at spaces so that no line is wider than `width`; continuation lines indent by two.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = "  " + word
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        lines.append(current)
        return lines
    }
}
