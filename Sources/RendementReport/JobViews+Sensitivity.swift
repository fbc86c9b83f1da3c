import Foundation
import RendementAnalysis
import RendementCore

/// The sensitivity view: each method that ran, in the order of the text report.
enum SensitivityView {
    typealias Row = HTMLFragment.Row

    static func write(_ a: SensitivityAnalysis, into html: inout HTMLFragment) {
        let model = a.model, settings = a.settings
        let base = model.evaluateBase(), npv = model.outputIndex(.npv)!, bcr = model.outputIndex(.bcr)!
        let m = NumberFormat.money, f = SensitivityReport.fmt
        let provenance = JobViews.provenance(samples: settings.samples, seed: settings.seed)
        html.element("h3", "Sensitivity · \(model.scenario.title)", [("class", "rv-title")])
        html.element("p", "methods \(a.methods.map(\.rawValue).joined(separator: ", ")) · \(NumberFormat.grouped(Int64(settings.samples))) samples · seed \(settings.seed) · base NPV \(m(base[npv])), base BCR \(NumberFormat.ratio(base[bcr]))",
                     [("class", "rv-meta")])
        if a.methods.contains(.tornado) { tornado(a, npv: npv, base: base[npv], provenance: provenance, into: &html) }
        if let sobol = a.sobol {
            let outputs = sobol.indices.count > 1 ? ["NPV", "BCR"] : ["NPV"]
            for (o, name) in outputs.enumerated() {
                let sorted = sobol.indices[o].sorted { ($0.total.isNaN ? -1 : $0.total) > ($1.total.isNaN ? -1 : $1.total) }
                html.element("h4", "Sobol' indices of \(name)")
                html.element("p", "\(NumberFormat.grouped(Int64(sobol.baseSamples))) base samples in \(sobol.replicates) replicates, \(NumberFormat.grouped(Int64(sobol.modelRuns))) model runs; 95% intervals", [("class", "rv-note")])
                html.figure(Charts.indexBars(sorted.map { ($0.input, $0.total, $0.totalInterval, $0.first, $0.firstInterval) }, output: name, provenance: provenance),
                            cssClass: "rv-sobol-figure")
                html.table("rv-sobol", header: ["input", "ST", "ST 95% interval", "S1", "S1 95% interval"], rows: sorted.map { i in
                    ([("data-key", "sobol"), ("data-input", i.input)],
                     [HTMLFragment.cell(i.input), HTMLFragment.cell(f(i.total), value: i.total), HTMLFragment.cell("\(f(i.totalInterval.0)) – \(f(i.totalInterval.1))"),
                      HTMLFragment.cell(f(i.first), value: i.first), HTMLFragment.cell("\(f(i.firstInterval.0)) – \(f(i.firstInterval.1))")])
                })
            }
            JobViews.warnings(sobol.warnings, into: &html)
        }
        if let evpi = a.evpi {
            html.element("h4", "Value of information: what to research first")
            html.raw("<p data-key=\"evpi\" data-value=\"\(JSONValue.format(evpi))\">EVPI (decision: invest if NPV &gt; 0; from \(NumberFormat.grouped(Int64(a.jointRows))) samples): <b>\(HTMLFragment.escape(m(evpi)))</b></p>")
            html.table("rv-evppi", header: ["rank", "input", "partial EVPI", "note"], rows: a.evppiRanking.enumerated().map { r, e in
                ([("data-key", "evppi")], [HTMLFragment.cell(String(r + 1)), HTMLFragment.cell(e.input),
                                           HTMLFragment.cell(e.value.map(m) ?? "undefined", value: e.value), HTMLFragment.cell(e.note ?? "")])
            })
        }
        if let experts = a.experts { self.experts(experts, a, into: &html) }
        if let rank = a.rank {
            html.element("h4", "Rank measures of NPV (from \(NumberFormat.grouped(Int64(rank.rows))) samples; linear regression R² = \(f(rank.rSquared)))")
            let names = model.analysableInputs.map(\.input.name)
            let order = names.indices.sorted { abs(rank.prcc[$0].isNaN ? 0 : rank.prcc[$0]) > abs(rank.prcc[$1].isNaN ? 0 : rank.prcc[$1]) }
            html.table("rv-rank", header: ["input", "Spearman", "PRCC", "SRC"], rows: order.map { j in
                ([("data-key", "rank")], [HTMLFragment.cell(names[j]), HTMLFragment.cell(f(rank.spearman[j]), value: rank.spearman[j]),
                                          HTMLFragment.cell(f(rank.prcc[j]), value: rank.prcc[j]), HTMLFragment.cell(f(rank.src[j]), value: rank.src[j])])
            })
        }
        if a.methods.contains(.breakEven) {
            html.element("h4", "Break-even: the value of each input at which base-case NPV is zero (others at base)")
            html.table("rv-break-even", header: ["input", "break-even value"], rows: a.breakEven.map { name, value in
                ([("data-key", "break-even")], [HTMLFragment.cell(name), HTMLFragment.cell(value.map(NumberFormat.general) ?? "none within its range", value: value)])
            })
            if let scale = a.effectScale {
                html.element("p", scale <= 1
                    ? "All benefits × \(f(scale)): every effect may shrink by \(NumberFormat.percent(1 - scale)) before NPV turns negative."
                    : "All benefits × \(f(scale)): the base case's NPV is not positive; every effect would have to be \(NumberFormat.percent(scale - 1)) larger to break even.",
                    [("class", "rv-note")])
            }
        }
        if a.methods.contains(.spider) { spider(a, into: &html) }
        let notes = a.evppi.compactMap { e in e.note.map { "partial EVPI of '\(e.input)': \($0)" } }
        JobViews.warnings(model.warnings.map(\.description) + notes, into: &html)
    }

    /// The tornado: the report's figure (its 12 largest swings) and every bar in a table.
    static func tornado(_ a: SensitivityAnalysis, npv: Int, base: Double, provenance: String, into html: inout HTMLFragment) {
        let bars = a.tornado[npv], settings = a.settings
        let low = "P\(Int((settings.low * 100).rounded()))", high = "P\(Int((settings.high * 100).rounded()))"
        html.element("h4", "Tornado: NPV with each input at its \(low) and \(high), others at base")
        let shown = min(bars.count, 12)
        html.figure(Charts.tornado(bars.map { ($0.input, $0.outputLow, $0.outputHigh) }, base: base, lowLabel: low, highLabel: high,
                                   currency: a.model.scenario.currency, provenance: provenance),
                    cssClass: "rv-tornado-figure",
                    caption: bars.count > shown ? "The figure shows the \(shown) largest swings of \(bars.count); every input is in the table below." : nil)
        let m = NumberFormat.money
        html.table("rv-tornado", header: ["input", "\(low) value", "\(high) value", "NPV at \(low)", "NPV at \(high)", "swing"], rows: bars.map { b in
            ([("data-key", "tornado"), ("data-input", b.input)],
             [HTMLFragment.cell(b.input), HTMLFragment.cell(NumberFormat.general(b.low), value: b.low), HTMLFragment.cell(NumberFormat.general(b.high), value: b.high),
              HTMLFragment.cell(m(b.outputLow), value: b.outputLow), HTMLFragment.cell(m(b.outputHigh), value: b.outputHigh), HTMLFragment.cell(m(b.swing), value: b.swing)])
        })
    }

    /// Whose estimate: each pooled input run with each expert's estimate alone.
    static func experts(_ experts: ExpertDisagreement, _ a: SensitivityAnalysis, into html: inout HTMLFragment) {
        let m = NumberFormat.money
        html.element("h4", "Whose estimate: each pooled input with each expert's estimate alone (\(NumberFormat.grouped(Int64(experts.options.samples))) samples, common random numbers)")
        var rows: [Row] = []
        for entry in experts.entries {
            let evppi = a.evppi.first { $0.input == entry.input }?.value
            for row in entry.rows {
                let npv = row.result.summary(.npv)
                rows.append(([("data-key", "expert")],
                             [HTMLFragment.cell(entry.input), HTMLFragment.cell(evppi.map(m) ?? "undefined", value: evppi), HTMLFragment.cell(row.name),
                              HTMLFragment.cell(row.weight.map { String(format: "%.2f", $0) } ?? "", value: row.weight),
                              HTMLFragment.cell(m(npv.mean), value: npv.mean), HTMLFragment.cell(NumberFormat.probability(npv.probabilityPositive), value: npv.probabilityPositive),
                              HTMLFragment.cell(row.npvDifference.map { "\(m($0.mean)) ± \(m($0.se))" } ?? "")]))
            }
        }
        html.table("rv-experts", header: ["input", "partial EVPI", "estimate", "weight", "mean NPV", "P(NPV>0)", "Δ mean vs pool"], rows: rows)
    }

    /// The spider: NPV at each input's P5, P25, P50, P75 and P95.
    static func spider(_ a: SensitivityAnalysis, into html: inout HTMLFragment) {
        html.element("h4", "Spider: NPV at each input's P5, P25, P50, P75, P95 (others at base)")
        let wanted = [0.05, 0.25, 0.5, 0.75, 0.95]
        html.table("rv-spider", header: ["input", "P5", "P25", "P50", "P75", "P95"], rows: a.spider.map { line in
            let picks = wanted.map { p in line.points.first { abs($0.probability - p) < 1e-9 } }
            return ([("data-key", "spider")], [HTMLFragment.cell(line.input)] + picks.map { point in
                point.map { HTMLFragment.cell(NumberFormat.money($0.output), value: $0.output) } ?? HTMLFragment.cell("")
            })
        })
    }
}
