import RendementAnalysis
import RendementCore

extension ReportComposer {
    /// The reader's name for an input: its `label:`, else its name in words.
    func inputLabel(_ name: String) -> String {
        scenario.input(named: name)?.provenance.label ?? Labels.humanised(name)
    }

    /// Free text from the scenario with the identifiers in it (`sa_in_time`) replaced by the
    /// names a reader sees.
    func prose(_ text: String) -> String {
        var out = text
        for match in text.matches(of: /\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+\b/).reversed() {
            out.replaceSubrange(match.range, with: inputLabel(String(match.output)))
        }
        return out
    }

    /// Who bears a line: one actor, a split, or a transfer's two sides.
    func bearer(of line: BenefitLine) -> String {
        if line.kind == .transfer { return "\(actorName(line.from)) → \(actorName(line.beneficiary))" }
        if !line.beneficiaries.isEmpty { return line.beneficiaries.map { actorName($0.stakeholder) }.joined(separator: ", ") }
        return actorName(line.beneficiary)
    }

    func payer(of line: CostLine) -> String {
        if !line.payers.isEmpty { return line.payers.map { actorName($0.stakeholder) }.joined(separator: ", ") }
        return actorName(line.payer)
    }

    /// The overview table of the Leidraad: costs, financial effects and their balance,
    /// non-financial effects and the balance including them, transfers apart, B/K, PM items.
    func overviewSection() -> ReportDocument.Section {
        var rows: [ReportTable.Row] = []
        func lineRow(_ label: String, _ kind: String, _ who: String, _ k: Int, negative: Bool = false) -> ReportTable.Row {
            let s = result.summaries[k], sign = negative ? -1.0 : 1.0
            let interval: ReportTable.Cell
            if let lo = s.quantile("p05"), let hi = s.quantile("p95"), lo.isFinite, hi.isFinite {
                let (a, b) = negative ? (-hi, -lo) : (lo, hi)
                interval = .text("\(money3(a)) – \(money3(b))")
            } else { interval = .text(t.notAvailable) }
            return .init([.text(label), .text(kind), .text(who), moneyCell(sign * result.base[k]), moneyCell(sign * s.mean, se: s.se), interval])
        }
        func subtotal(_ label: String, base: Double, mean: Double, emphasised: Bool = true) -> ReportTable.Row {
            // The mean of a sum is the sum of the means; its error is not estimated: three digits.
            .init([.text(label), .empty, .empty, moneyCell(base), .number(Precision.significant(mean), style: .money, shown: money3(mean)), .empty],
                  emphasised: emphasised)
        }
        func header(_ label: String) -> ReportTable.Row { .init([.text(label), .empty, .empty, .empty, .empty, .empty], emphasised: true) }

        var costBase = 0.0, costMean = 0.0
        if !scenario.costs.isEmpty { rows.append(header(t.costs)) }
        for (i, c) in scenario.costs.enumerated() {
            let k = model.outputIndex(.costLine(i))!
            rows.append(lineRow(c.name, t.cost, payer(of: c), k, negative: true))
            costBase += result.base[k]; costMean += result.summaries[k].mean
        }
        // The costs that are not lines (a case-based scenario's cases): the rest of PV(costs).
        let pvCosts = result.summary(.pvCosts)
        let restCostBase = result.base(.pvCosts) - costBase, restCostMean = pvCosts.mean - costMean
        if scenario.cases != nil || abs(restCostBase) > 0.5 {
            rows.append(.init([.text(scenario.costs.isEmpty ? t.pvCosts : t.casesCosts), .text(t.cost), .empty, moneyCell(-restCostBase),
                               .number(-Precision.significant(restCostMean), style: .money, shown: money3(-restCostMean)), .empty]))
            costBase += restCostBase; costMean += restCostMean
        }
        let groups: [(String, [BenefitKind])] = [(t.financialEffects, [.resource]), (t.nonFinancialEffects, [.wellbeing, .productivity])]
        var runningBase = -costBase, runningMean = -costMean
        for (g, (title, kinds)) in groups.enumerated() {
            let lines = scenario.benefits.enumerated().filter { kinds.contains($0.element.kind) }
            if !lines.isEmpty { rows.append(header(title)) }
            for (i, b) in lines {
                let k = model.outputIndex(.benefitLine(i))!
                rows.append(lineRow(b.name, t.kindNames[b.kind.rawValue] ?? b.kind.rawValue, bearer(of: b), k))
                runningBase += result.base[k]; runningMean += result.summaries[k].mean
            }
            if g == 0, !lines.isEmpty, scenario.benefits.contains(where: { $0.kind == .wellbeing || $0.kind == .productivity }) {
                rows.append(subtotal(t.financialBalance, base: runningBase, mean: runningMean))
            }
        }
        // The benefits that are not lines (the cases'): the rest of PV(benefits).
        let linesBase = scenario.benefits.enumerated().filter { $0.element.kind != .transfer }.reduce(0.0) { $0 + result.base[model.outputIndex(.benefitLine($1.offset))!] }
        let linesMean = scenario.benefits.enumerated().filter { $0.element.kind != .transfer }.reduce(0.0) { $0 + result.summaries[model.outputIndex(.benefitLine($1.offset))!].mean }
        let restBase = result.base(.pvBenefits) - linesBase, restMean = result.summary(.pvBenefits).mean - linesMean
        if scenario.cases != nil || abs(restBase) > 0.5 {
            rows.append(.init([.text(scenario.benefits.isEmpty ? t.pvBenefits : t.casesBenefits), .empty, .empty, moneyCell(restBase),
                               .number(Precision.significant(restMean), style: .money, shown: money3(restMean)), .empty]))
        }
        let npv = result.summary(.npv)
        rows.append(.init([.text(scenario.benefits.contains { $0.kind == .wellbeing || $0.kind == .productivity } ? t.balanceIncludingNonFinancial : t.npv),
                           .empty, .empty, moneyCell(result.base(.npv)), moneyCell(npv.mean, se: npv.se), intervalCell(npv, money3)], emphasised: true))
        let bcr = result.summary(.bcr)
        if bcr.moments.count > 0 {
            rows.append(.init([.text(t.bcr), .empty, .empty, ratioCell(result.base(.bcr)), ratioCell(bcr.mean), intervalCell(bcr, ratio)]))
        }
        let transfers = scenario.benefits.enumerated().filter { $0.element.kind == .transfer }
        if !transfers.isEmpty {
            rows.append(header(t.transfers))
            for (i, b) in transfers { rows.append(lineRow(b.name, t.transferNote, bearer(of: b), model.outputIndex(.benefitLine(i))!)) }
        }
        if !scenario.unpriced.isEmpty {
            rows.append(header(t.unpriced))
            for (i, item) in scenario.unpriced.enumerated() {
                let sign = scenario.unpricedSign(i)
                rows.append(.init([.text(prose(item)), .text(t.pmItem), .empty, .text(sign.map { "\(t.pmItem) (\($0))" } ?? t.pmItem), .empty, .empty]))
            }
        }
        let table = ReportTable(id: "overview", title: t.overview,
                                columns: [.init(t.effect, numeric: false), .init(t.kind, numeric: false), .init(t.actor, numeric: false),
                                          .init(analysis.reconciliation.noPublishedEstimate ? t.pointValues : t.base), .init(t.mean), .init(t.interval90)],
                                rows: rows, caption: "\(currency), \(t.presentValue); \(t.discountRate.lowercased()): \(scenario.discountDescription). \(t.precisionNote)")
        var blocks: [ReportDocument.Block] = [.table(table)]
        if let comparison = analysis.comparison {
            blocks.append(.table(variantsTable(comparison)))
            let descriptions = comparison.entries.compactMap { e in
                e.name == "base" ? nil : e.description.map { "**\(e.name)**: \(prose($0.trimmingCharacters(in: .whitespacesAndNewlines)))" }
            }
            if !descriptions.isEmpty { blocks.append(.list(descriptions)) }
        }
        return .init(id: "overview", heading: t.overview, blocks: blocks)
    }

    /// The variants side by side: base values, mean and interval, P(NPV > 0), and the paired
    /// difference from the base case.
    func variantsTable(_ c: VariantComparison) -> ReportTable {
        let rows = c.entries.map { e -> ReportTable.Row in
            let npv = e.result.summary(.npv)
            let difference: ReportTable.Cell = e.npvDifference.map { moneyCell($0.mean, se: $0.se) } ?? .empty
            let beats: ReportTable.Cell = e.npvDifference.map {
                .number($0.probabilityPositive, style: .probability, shown: probability($0.probabilityPositive, se: $0.probabilityPositiveError, samples: c.options.samples))
            } ?? .empty
            let bcr = e.result.base(.bcr)
            return .init([.text(e.name == "base" ? t.baseVariant : e.name), moneyCell(e.result.base(.npv)), ratioCell(bcr),
                          moneyCell(npv.mean, se: npv.se), intervalCell(npv, money3), probabilityCell(npv), difference, beats],
                         emphasised: e.name == "base")
        }
        return ReportTable(id: "variants", title: t.variantsCompared(lang.number(Double(c.options.samples), decimals: 0)),
                           columns: [.init(t.variant, numeric: false), .init("\(t.npvShort), \(t.base.lowercased())"), .init("\(t.bcrShort), \(t.base.lowercased())"), .init(t.mean),
                                     .init(t.interval90), .init(t.probabilityPositive), .init(t.differenceFromBase), .init(t.probabilityBeatsBase)],
                           rows: rows)
    }
}
