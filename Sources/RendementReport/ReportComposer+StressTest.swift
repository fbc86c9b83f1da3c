import Foundation
import RendementAnalysis
import RendementCore

extension ReportComposer {
    /// What a stress-tester asks first: the published figures beside the model with the
    /// probability each holds, the break-even effect scale and switching values, the drivers
    /// (tornado and total Sobol' index), the partial EVPI ranking, and the share of benefits
    /// resting on assumptions.
    func stressTestSection(_ figures: [String: String]) -> ReportDocument.Section {
        var blocks: [ReportDocument.Block] = []
        let reconciliation = analysis.reconciliation
        if !reconciliation.noPublishedEstimate, !reconciliation.rows.isEmpty {
            let rows = reconciliation.rows.map { row -> ReportTable.Row in
                let f = row.figure
                let label = prose(f.label) + (f.variant.map { " [\($0)]" } ?? "")
                let match = row.matches ? t.yes : "\(t.no): \(figureValue(row.difference, f.quantity))"
                return .init([.text(label), figureCell(f.value, f.quantity), figureCell(row.model, f.quantity), .text(match),
                              .number(row.probability, style: .probability, shown: probability(row.probability, se: row.probabilityError, samples: row.samples))])
            }
            let notes = reconciliation.rows.compactMap { row in row.matches || row.figure.reproduced ? nil : row.figure.note.map { "\(row.figure.label): \(prose($0))" } }
            blocks.append(.table(ReportTable(id: "published", title: t.publishedBesideModel,
                                             columns: [.init(t.figure, numeric: false), .init(t.published), .init(t.modelBase), .init(t.matches, numeric: false), .init(t.probabilityHolds)],
                                             rows: rows, caption: notes.isEmpty ? nil : notes.joined(separator: " "))))
        }
        if let scale = OneWay.effectScaleBreakEven(model) {
            blocks.append(.paragraph(scale <= 1 ? t.effectScale("**\(lang.percent(1 - scale))**") : t.effectScaleUp("**\(lang.percent(scale - 1))**")))
        } else {
            blocks.append(.paragraph(t.effectScaleNone))
        }
        let top = analysis.tornado.prefix(8)
        if !top.isEmpty {
            let switching = Dictionary(analysis.sensitivity?.breakEven.map { ($0.input, $0.value) } ?? [], uniquingKeysWith: { a, _ in a })
            let rows = top.map { bar -> ReportTable.Row in
                let value = switching[bar.input] ?? nil
                return .init([.text(inputLabel(bar.input)), .text("\(money3(bar.outputLow)) – \(money3(bar.outputHigh))"),
                              value.map { .number($0, style: .general, shown: lang.number($0, decimals: decimals(for: $0))) } ?? .text(t.noSwitchingValue)])
            }
            blocks.append(.table(ReportTable(id: "drivers", title: t.drivers,
                                             columns: [.init(t.input, numeric: false), .init(t.tornadoSwing), .init(t.switchingValue)],
                                             rows: rows, caption: t.switchingValues)))
        }
        if let svg = figures["tornado.svg"] { blocks.append(.figure(file: "tornado.svg", caption: t.tornadoTitle, svg: svg)) }
        if let sobol = analysis.sensitivity?.sobol, let indices = sobol.indices.first {
            let rows = indices.sorted { $0.total > $1.total }.prefix(8).map { i -> ReportTable.Row in
                .init([.text(inputLabel(i.input)), .number(i.total, style: .ratio, shown: lang.number(i.total, decimals: 2)),
                       .text("\(lang.number(i.totalInterval.0, decimals: 2)) – \(lang.number(i.totalInterval.1, decimals: 2))")])
            }
            blocks.append(.table(ReportTable(id: "sobol", title: t.sobolTotal(lang.number(Double(sobol.modelRuns), decimals: 0)),
                                             columns: [.init(t.input, numeric: false), .init("ST"), .init("95%")], rows: rows)))
        }
        if let sensitivity = analysis.sensitivity, let evpi = sensitivity.evpi {
            // Only estimates whose partial EVPI rounds to at least one euro: the rest is the regression's noise.
            let rows = sensitivity.evppiRanking.prefix(8).compactMap { e -> ReportTable.Row? in
                guard let value = e.value, value >= 0.5 else { return nil }
                return .init([.text(inputLabel(e.input)), moneyCell(Precision.significant(value, digits: 2))])
            }
            let title = t.evppiRanking(lang.number(Double(sensitivity.jointRows), decimals: 0), money3(evpi))
            if rows.isEmpty { blocks.append(.paragraph(title + ": " + t.none.lowercased())) }
            else { blocks.append(.table(ReportTable(id: "evppi", title: title, columns: [.init(t.input, numeric: false), .init(t.partialEVPI)], rows: rows))) }
        }
        let shares = RunReport.evidenceShares(result)
        if let assumed = shares.first(where: { $0.status == "assumed" })?.share {
            blocks.append(.paragraph(t.evidenceShare(lang.percent(assumed))))
        }
        if !shares.isEmpty {
            blocks.append(.list(shares.map { "\(t.evidenceNames[$0.status] ?? $0.status): \(lang.percent($0.share))" }))
        }
        return .init(id: "stress-test", heading: t.stressTest, blocks: blocks)
    }

    /// A published or model value in the unit of what it is of.
    func figureValue(_ value: Double, _ quantity: PublishedFigure.Quantity) -> String {
        switch quantity {
        case .bcr, .roi: return ratio(value)
        case .input, .casesPositive: return lang.number(value, decimals: decimals(for: value))
        default: return moneyExact(value)
        }
    }

    /// A published or model value as a number cell.
    func figureCell(_ value: Double, _ quantity: PublishedFigure.Quantity) -> ReportTable.Cell {
        let style: ReportTable.NumberStyle
        switch quantity {
        case .bcr, .roi: style = .ratio
        case .input, .casesPositive: style = .general
        default: style = .money
        }
        return .number(value, style: style, shown: figureValue(value, quantity))
    }

    /// Decimals that show a value of this size to about three significant digits.
    func decimals(for value: Double) -> Int {
        let a = abs(value)
        guard a > 0, a.isFinite else { return 0 }
        return max(0, min(4, 2 - Int(floor(log10(a)))))
    }
}
