import RendementAnalysis
import RendementCore

extension ReportComposer {
    /// Who pays, who benefits: each actor's net with its interval, and for each actor that pays
    /// costs, what every euro it spends returns to itself and to society.
    func actorsSection(_ figures: [String: String]) -> ReportDocument.Section {
        var blocks: [ReportDocument.Block] = []
        let rows = scenario.stakeholders.map { s -> ReportTable.Row in
            let k = model.outputIndex(.stakeholder(s.id))!, summary = result.summaries[k]
            return .init([.text(actorName(s.id)), moneyCell(result.base[k]), moneyCell(summary.mean, se: summary.se), intervalCell(summary, money3), probabilityCell(summary)])
        }
        if !rows.isEmpty {
            blocks.append(.table(ReportTable(id: "actors", title: t.actorTable,
                                             columns: [.init(t.actor, numeric: false), .init(t.base), .init(t.mean), .init(t.interval90), .init(t.probabilityNetPositive)],
                                             rows: rows, caption: "\(currency), \(t.presentValue).")))
        }
        // Every euro an actor spends: its own return (its net plus what it paid, per euro paid) and society's (the BCR).
        let bcr = result.base(.bcr)
        var sentences: [String] = []
        // Only where what an actor pays is exactly its own cost lines: not with cases (their
        // costs are not split by payer here), not for an actor sharing a split cost, and not
        // for a single actor (society itself).
        let splitPayers = Set(scenario.costs.flatMap { $0.payers.map(\.stakeholder) })
        for s in scenario.stakeholders where scenario.cases == nil && scenario.stakeholders.count > 1 && !splitPayers.contains(s.id) {
            let paid = scenario.costs.enumerated().filter { $0.element.payer == s.id && $0.element.payers.isEmpty }
                .reduce(0.0) { $0 + result.base[model.outputIndex(.costLine($1.offset))!] }
            guard paid > 0, bcr.isFinite else { continue }
            let net = result.base[model.outputIndex(.stakeholder(s.id))!]
            // The label without its explanation in brackets reads better in a sentence.
            let name = actorName(s.id).components(separatedBy: " (").first ?? actorName(s.id)
            sentences.append(t.everyEuro(name, euroCents((net + paid) / paid), euroCents(bcr)))
        }
        if !sentences.isEmpty { blocks.append(.list(sentences)) }
        if let svg = figures["stakeholders.svg"] { blocks.append(.figure(file: "stakeholders.svg", caption: t.actorsTitle, svg: svg)) }
        return .init(id: "actors", heading: t.actors, blocks: blocks)
    }

    /// A return per euro, as money with cents: € 1,55.
    func euroCents(_ x: Double) -> String {
        let sign = currency == "EUR" ? "€" : currency
        if x < 0 { return "−\u{2060}" + euroCents(-x) }
        return lang == .nl ? "\(sign)\u{00A0}\(lang.number(x, decimals: 2))" : "\(sign)\(lang.number(x, decimals: 2))"
    }

    /// The cases of a case-based scenario, each net with its interval.
    func casesSection(_ figures: [String: String]) -> ReportDocument.Section {
        guard let section = scenario.cases else { return .init(id: "cases", heading: t.cases, blocks: []) }
        var blocks: [ReportDocument.Block] = []
        let share = result.summary(.casesShare)
        let positive = section.cases.indices.filter { result.base[model.outputIndex(.caseNet($0))!] > 0 }.count
        blocks.append(.paragraph(t.casesSummary(positive, section.cases.count, lang.percent(share.quantile("p05") ?? .nan), lang.percent(share.quantile("p95") ?? .nan))))
        if section.selected { blocks.append(.note(t.selectedCases)) }
        let rows = section.cases.enumerated().map { i, c -> ReportTable.Row in
            let k = model.outputIndex(.caseNet(i))!, s = result.summaries[k]
            return .init([.text(c.description.map(prose) ?? Labels.humanised(c.id)), moneyCell(result.base[k]), moneyCell(s.mean, se: s.se), intervalCell(s, money3), probabilityCell(s)])
        }
        blocks.append(.table(ReportTable(id: "cases", title: t.cases,
                                         columns: [.init(t.caseColumn, numeric: false), .init(t.base), .init(t.mean), .init(t.interval90), .init(t.probabilityNetPositive)],
                                         rows: rows, caption: "\(currency), \(t.presentValue).")))
        if let svg = figures["cases.svg"] { blocks.append(.figure(file: "cases.svg", caption: t.casesTitle, svg: svg)) }
        return .init(id: "cases", heading: t.cases, blocks: blocks)
    }

    /// Year × actor, in present value and nominal (the base case; the means are in by_year.csv).
    func yearsSection() -> ReportDocument.Section? {
        let table = analysis.yearTable
        guard scenario.horizon > 1, !table.series.isEmpty else { return nil }
        func name(_ series: YearFlow.Series) -> String {
            switch series {
            case .benefits: return t.benefits
            case .costs: return t.costs
            case .net: return t.net
            case let .stakeholder(id): return actorName(id)
            }
        }
        var tables: [ReportDocument.Block] = []
        for discounted in [true, false] {
            let rows = (0..<scenario.horizon).map { year -> ReportTable.Row in
                .init([.number(Double(year), style: .integer, shown: String(year))] + table.series.map { series in
                    table.cell(series, year: year, discounted: discounted).map { cell in moneyCell(cell.mean ?? cell.base, se: cell.se) } ?? .empty
                })
            }
            tables.append(.table(ReportTable(id: discounted ? "by-year-pv" : "by-year-nominal",
                                              title: "\(t.byYear) (\(discounted ? t.presentValue : t.nominal))",
                                              columns: [.init(t.year)] + table.series.map { .init(name($0)) }, rows: rows,
                                              caption: "\(currency). \(t.byYearCaption)")))
        }
        return .init(id: "by-year", heading: t.byYear, blocks: tables)
    }

    /// Basis, PM items, inputs and sources, convergence.
    func appendix(_ figures: [String: String]) -> [ReportDocument.Section] {
        var basis: [String] = ["\(t.discountRate): \(scenario.discountDescription).",
                               "\(t.priceLevel): \(scenario.priceLevelDescription ?? t.priceLevelMissing).",
                               t.samplesLine(lang.number(Double(analysis.options.samples), decimals: 0), String(analysis.options.seed), analysis.options.design.name),
                               t.precisionNote]
        if let source = scenario.source { basis.append("\(t.source): \(prose(source.trimmingCharacters(in: .whitespacesAndNewlines)))") }
        let signed = scenario.unpriced.enumerated().map { i, item in
            (scenario.unpricedSign(i).map { "(\($0)) " } ?? "") + prose(item)
        }
        let unpriced: [ReportDocument.Block] = scenario.unpriced.isEmpty ? [.paragraph(t.none)] : [.paragraph(t.pmSigns), .list(signed)]
        let inputRows = scenario.inputs.filter { !$0.isInline }.map { input -> ReportTable.Row in
            .init([.text(inputLabel(input.name)), .text(input.distribution.description),
                   .number(input.base, style: .general, shown: lang.number(input.base, decimals: decimals(for: input.base))),
                   .text(input.provenance.evidence.map { t.evidenceNames[$0.rawValue] ?? $0.rawValue } ?? ""),
                   .text(prose((input.source ?? "").replacingOccurrences(of: "\n", with: " ")))])
        }
        var convergence: [ReportDocument.Block] = []
        if let svg = figures["convergence.svg"] { convergence.append(.figure(file: "convergence.svg", caption: t.convergenceTitle, svg: svg)) }
        if let svg = figures["fan-chart.svg"], let input = analysis.fan?.input {
            convergence.append(.figure(file: "fan-chart.svg", caption: t.fanTitle(inputLabel(input)), svg: svg))
        }
        return [
            .init(id: "basis", heading: "\(t.appendix): \(t.basis)", blocks: [.list(basis)], isAppendix: true),
            .init(id: "unpriced", heading: "\(t.appendix): \(t.unpriced)", blocks: unpriced, isAppendix: true),
            .init(id: "inputs", heading: "\(t.appendix): \(t.inputs)",
                  blocks: [.table(ReportTable(id: "inputs", title: t.inputs,
                                              columns: [.init(t.input, numeric: false), .init(t.distribution, numeric: false), .init(t.base),
                                                        .init(t.evidence, numeric: false), .init(t.source, numeric: false)], rows: inputRows))],
                  isAppendix: true),
            .init(id: "convergence", heading: "\(t.appendix): \(t.convergence)", blocks: convergence, isAppendix: true),
        ]
    }
}
