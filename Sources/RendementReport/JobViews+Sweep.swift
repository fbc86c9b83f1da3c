import Foundation
import RendementAnalysis
import RendementCore

/// The sweep view: curves of NPV's mean and 90% band along the first axis (one figure per
/// combination of the other axes, at most `maxFigures`, said so when there are more), the
/// break-even curve, and every point in a table.
enum SweepView {
    static let maxFigures = 12

    static func write(_ s: Sweep, currency: String, into html: inout HTMLFragment) {
        let m = NumberFormat.money
        let provenance = JobViews.provenance(samples: s.options.samples, seed: s.options.seed)
        html.element("h3", "Sweep · \(s.title)", [("class", "rv-title")])
        html.element("p", "\(NumberFormat.grouped(Int64(s.options.samples))) samples per point · seed \(s.options.seed) · \(NumberFormat.grouped(Int64(s.points.count))) points · common random numbers",
                     [("class", "rv-meta")])
        guard let first = s.axes.first else { return }
        // A labelled axis (discount-rate presets) shows its names at its points and nothing between them.
        let label: @Sendable (Double) -> String? = { [first] v in first.labels == nil ? nil : first.display(v) ?? "" }
        // Points grouped by the values of the other axes, in the order they first appear.
        var groups: [(key: String, points: [Sweep.Point])] = []
        for point in s.points {
            let key = zip(s.axes, point.values).dropFirst().map { axis, v in "\(axis.name) = \(axis.display(v.1) ?? NumberFormat.general(v.1))" }.joined(separator: ", ")
            if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].points.append(point) } else { groups.append((key, [point])) }
        }
        if groups.count > maxFigures {
            html.element("p", "Figures for the first \(maxFigures) of \(groups.count) combinations of \(s.axes.dropFirst().map(\.name).joined(separator: ", ")); every point is in the table below.",
                         [("class", "rv-note")])
        }
        for group in groups.prefix(maxFigures) {
            let sorted = group.points.sorted { $0.values[0].1 < $1.values[0].1 }
            let title = "NPV across \(first.name)" + (group.key.isEmpty ? "" : " (\(group.key))")
            html.figure(Charts.sweepCurve(sorted.map { ($0.values[0].1, $0.npv.mean, $0.npv.quantile("p05") ?? .nan, $0.npv.quantile("p95") ?? .nan, $0.base.npv) },
                                          title: title, xLabel: first.name, currency: currency, label: label, provenance: provenance),
                        cssClass: "rv-sweep-figure")
            if let b = sorted.first?.breakEven {
                html.figure(Charts.breakEvenCurve(sorted.map { ($0.values[0].1, $0.breakEven?.value) }, input: b.input, level: b.level, xLabel: first.name,
                                                  label: label, provenance: provenance),
                            cssClass: "rv-break-even-figure")
            }
        }
        var header = s.axes.map(\.name) + ["base NPV", "mean NPV", "P5", "P95", "base BCR", "P(NPV>0)"]
        if let b = s.points.first?.breakEven { header.append("\(b.input) at P=\(JSONValue.format(b.level))") }
        html.table("rv-sweep", header: header, rows: s.points.map { point in
            var cells = zip(s.axes, point.values).map { axis, v in HTMLFragment.cell(axis.display(v.1) ?? NumberFormat.general(v.1), value: v.1) }
            cells += [HTMLFragment.cell(m(point.base.npv), value: point.base.npv), HTMLFragment.cell(m(point.npv.mean), value: point.npv.mean),
                      HTMLFragment.cell(m(point.npv.quantile("p05") ?? .nan), value: point.npv.quantile("p05")),
                      HTMLFragment.cell(m(point.npv.quantile("p95") ?? .nan), value: point.npv.quantile("p95")),
                      HTMLFragment.cell(NumberFormat.ratio(point.base.bcr), value: point.base.bcr),
                      HTMLFragment.cell(NumberFormat.probability(point.npv.probabilityPositive), value: point.npv.probabilityPositive)]
            if let b = point.breakEven { cells.append(HTMLFragment.cell(b.value.map(NumberFormat.general) ?? "not crossed", value: b.value)) }
            return ([("data-key", "point")], cells)
        })
    }
}

/// The comparison view: every variant beside the base case, with the paired differences.
enum ComparisonView {
    static func write(_ c: VariantComparison, into html: inout HTMLFragment) {
        let m = NumberFormat.money
        let first = c.entries[0].result
        html.element("h3", "Comparison · \(first.model.scenario.title)", [("class", "rv-title")])
        html.element("p", "\(NumberFormat.grouped(Int64(c.options.samples))) samples · seed \(c.options.seed) · common random numbers: differences are paired, sample by sample, against the base case",
                     [("class", "rv-meta")])
        html.table("rv-compare", header: ["variant", "base NPV", "base BCR", "mean NPV", "90% interval", "P(NPV>0)", "Δ mean NPV ± se", "Δ NPV 90% interval", "P(beats base)"],
                   rows: c.entries.map { e in
            let npv = e.result.summary(.npv), d = e.npvDifference
            return ([("data-key", "variant"), ("data-name", e.name)],
                    [HTMLFragment.cell(e.name), HTMLFragment.cell(m(e.result.base(.npv)), value: e.result.base(.npv)),
                     HTMLFragment.cell(NumberFormat.ratio(e.result.base(.bcr)), value: e.result.base(.bcr)),
                     HTMLFragment.cell(m(npv.mean), value: npv.mean), HTMLFragment.cell(JobViews.interval(npv)),
                     HTMLFragment.cell(NumberFormat.probability(npv.probabilityPositive), value: npv.probabilityPositive),
                     HTMLFragment.cell(d.map { "\(m($0.mean)) ± \(m($0.se))" } ?? "—", value: d?.mean),
                     HTMLFragment.cell(d.map { JobViews.interval($0) } ?? "—"),
                     HTMLFragment.cell(d.map { NumberFormat.probability($0.probabilityPositive) } ?? "—", value: d?.probabilityPositive)])
        })
        let differences = c.entries.compactMap { e in e.npvDifference.map { (e, $0) } }
        if !differences.isEmpty {
            let rows = differences.map { e, d in
                (label: e.name, base: e.result.base(.npv) - first.base(.npv), mean: d.mean, p05: d.quantile("p05") ?? .nan, p95: d.quantile("p95") ?? .nan)
            }
            html.figure(Charts.stakeholders(rows, currency: first.model.scenario.currency, provenance: JobViews.provenance(samples: c.options.samples, seed: c.options.seed),
                                            title: "Paired difference in NPV against the base case", axis: "variant − base (EUR, present value)"),
                        cssClass: "rv-compare-figure")
        }
        let described = c.entries.filter { $0.name != "base" && $0.description != nil }
        if !described.isEmpty {
            html.element("h4", "The variants")
            html.raw("<ul>" + described.map { "<li><b>\(HTMLFragment.escape($0.name))</b>: \(HTMLFragment.escape($0.description!.trimmingCharacters(in: .whitespacesAndNewlines)))</li>" }.joined() + "</ul>")
        }
    }
}

/// The claim view: the verdict in one line, then the base case and the drivers.
enum ClaimView {
    static func write(_ c: ClaimCheck, into html: inout HTMLFragment) {
        let result = c.result, p = NumberFormat.probability
        html.element("h3", "Claim check · \(result.model.scenario.title)", [("class", "rv-title")])
        let likely = c.probability >= 0.5
        html.raw("<p class=\"rv-verdict \(likely ? "rv-holds" : "rv-fails")\" data-key=\"verdict\" data-value=\"\(JSONValue.format(c.probability))\">"
                 + "The claim <b>\(HTMLFragment.escape(c.claim.description))</b> holds with probability <b>\(p(c.probability))</b> ± \(p(c.standardError))"
                 + " (\(NumberFormat.grouped(Int64(result.samples))) samples, seed \(result.seed)); it \(c.holdsInBase ? "holds" : "does not hold") in the base case.</p>")
        let bcr = result.summary(.bcr)
        var facts = ["Base case: NPV \(NumberFormat.money(result.base(.npv))), BCR \(NumberFormat.ratio(result.base(.bcr)))."]
        if bcr.moments.count > 0 { facts.append("BCR 90% interval \(JobViews.interval(bcr, NumberFormat.ratio)); NPV 90% interval \(JobViews.interval(result.summary(.npv))).") }
        html.raw("<ul>" + facts.map { "<li>\(HTMLFragment.escape($0))</li>" }.joined() + "</ul>")
        if !c.drivers.isEmpty {
            html.element("h4", "What the claim depends on most (rank correlation with the claim holding, first \(NumberFormat.grouped(Int64(c.driverSamples))) samples)")
            html.table("rv-drivers", header: ["input", "rank correlation"], rows: c.drivers.map { d in
                ([("data-key", "driver")], [HTMLFragment.cell(d.input), HTMLFragment.cell(String(format: "%+.3f", d.correlation), value: d.correlation)])
            })
        }
    }
}
