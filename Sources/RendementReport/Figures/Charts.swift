import Foundation

/// The report's figures. Each returns a complete SVG document; all share one frame layout.
enum Charts {
    struct Frame {
        var svg: SVG
        let x: Scale, y: Scale
        let left = 90.0, top = 50.0
        let plotWidth: Double, plotHeight: Double

        init(title: String, subtitle: String, xLabel: String, yLabel: String, xDomain: (Double, Double), yDomain: (Double, Double),
             provenance: String, xFormat: (Double) -> String = TickFormat.plain, yFormat: (Double) -> String = TickFormat.plain,
             width: Double = 760, height: Double = 460) {
            svg = SVG(width: width, height: height, provenance: provenance)
            plotWidth = width - left - 30
            plotHeight = height - top - 70
            x = Scale(xDomain.0, xDomain.1, to: (left, left + plotWidth))
            y = Scale(yDomain.0, yDomain.1, to: (top + plotHeight, top))
            svg.text(left, 22, title, size: 16, bold: true)
            svg.text(left, 40, subtitle, size: 12, colour: "#444444")
            for t in y.ticks() {
                svg.line(left, y(t), left + plotWidth, y(t), stroke: SVG.Colour.light)
                svg.text(left - 8, y(t) + 4, yFormat(t), size: 12, anchor: .end)
            }
            for t in x.ticks(7) {
                svg.line(x(t), top + plotHeight, x(t), top + plotHeight + 5, stroke: SVG.Colour.black)
                svg.text(x(t), top + plotHeight + 20, xFormat(t), size: 12, anchor: .middle)
            }
            svg.line(left, top + plotHeight, left + plotWidth, top + plotHeight, stroke: SVG.Colour.black)
            svg.line(left, top, left, top + plotHeight, stroke: SVG.Colour.black)
            svg.text(left + plotWidth / 2, height - 18, xLabel, size: 13, anchor: .middle)
            svg.text(18, top + plotHeight / 2, yLabel, size: 13, anchor: .middle, rotate: true)
        }
    }

    /// Histogram of NPV with the P(NPV > 0) area shaded and the base case drawn.
    static func histogram(_ values: [Double], base: Double, probability: Double, currency: String, provenance: String, lang: ReportLanguage = .en) -> String {
        let t = lang.terms
        let sorted = values.filter(\.isFinite).sorted()
        let (lo, hi) = displayRange(sorted, including: [base])
        let bins = 60, width = (hi - lo) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for v in sorted where v >= lo && v <= hi { counts[bin(v, lo: lo, width: width, bins: bins)] += 1 }
        let density = counts.map { Double($0) / Double(max(1, sorted.count)) }
        var f = Frame(title: t.histogramTitle, subtitle: t.histogramSubtitle(lang.number(probability, decimals: 3), lang.money(base, currency: currency)),
                      xLabel: "\(t.histogramAxis), \(currency)", yLabel: t.shareOfSamples, xDomain: (lo, hi), yDomain: (0, width > 0 ? (density.max() ?? 1) * 1.1 : 1.1),
                      provenance: provenance, xFormat: { TickFormat.money($0, lang) }, yFormat: { lang.number($0, decimals: 3) })
        if !(width > 0), !sorted.isEmpty {
            // A constant NPV (nothing uncertain): one spike at its value.
            f.svg.rect(f.x(lo) - 3, f.y(1), 6, f.y(0) - f.y(1), fill: lo > 0 ? SVG.Colour.blue : SVG.Colour.grey)
        }
        for (i, d) in density.enumerated() where width > 0 {
            let x0 = lo + Double(i) * width
            f.svg.rect(f.x(x0), f.y(d), f.x(x0 + width) - f.x(x0) - 0.5, f.y(0) - f.y(d), fill: x0 + width / 2 > 0 ? SVG.Colour.blue : SVG.Colour.grey)
        }
        if lo < 0 && hi > 0 { f.svg.line(f.x(0), f.top, f.x(0), f.top + f.plotHeight, stroke: SVG.Colour.black, width: 1.5) }
        f.svg.line(f.x(base), f.top, f.x(base), f.top + f.plotHeight, stroke: SVG.Colour.vermillion, width: 2, dash: "6,4")
        return f.svg.rendered()
    }

    /// Cumulative distribution (S-curve) of the BCR with the break-even line at 1.
    static func sCurve(_ values: [Double], base: Double, provenance: String, lang: ReportLanguage = .en) -> String {
        let t = lang.terms
        let finite = values.filter(\.isFinite).sorted()
        let (lo, hi) = displayRange(finite, including: [1, base])
        let below = Double(finite.prefix { $0 < 1 }.count) / Double(max(1, finite.count))
        var f = Frame(title: t.sCurveTitle, subtitle: t.sCurveSubtitle(lang.number(below, decimals: 3), lang.number(base, decimals: 2)),
                      xLabel: t.sCurveAxis, yLabel: "P(B/K ≤ x)", xDomain: (lo, hi), yDomain: (0, 1),
                      provenance: provenance, xFormat: { TickFormat.plain($0, lang) }, yFormat: { lang.number($0, decimals: 1) })
        let points = finite.isEmpty ? [] : (0...200).map { i -> (Double, Double) in
            let p = Double(i) / 200
            let v = finite[(finite.count - 1) * i / 200]
            return (f.x(min(max(v, lo), hi)), f.y(p))
        }
        f.svg.polyline(points, stroke: SVG.Colour.blue, width: 2.5)
        f.svg.line(f.x(1), f.top, f.x(1), f.top + f.plotHeight, stroke: SVG.Colour.black, width: 1.5)
        f.svg.line(f.x(base), f.top, f.x(base), f.top + f.plotHeight, stroke: SVG.Colour.vermillion, width: 2, dash: "6,4")
        return f.svg.rendered()
    }

    /// Horizontal bars: output at each input's low and high value, around the base case.
    static func tornado(_ bars: [(input: String, low: Double, high: Double)], base: Double, lowLabel: String, highLabel: String,
                        currency: String, provenance: String, lang: ReportLanguage = .en) -> String {
        let t = lang.terms
        let shown = Array(bars.prefix(12))
        let rowHeight = 28.0, labelWidth = 230.0
        let height = 120 + rowHeight * Double(max(1, shown.count))
        var svg = SVG(width: 860, height: height, provenance: provenance)
        let values: [Double] = shown.flatMap { b -> [Double] in [b.low, b.high] } + [base]
        let x = Scale(values.min() ?? 0, values.max() ?? 0, to: (labelWidth + 20, 830))
        svg.text(20, 24, t.tornadoTitle.replacingOccurrences(of: "P10", with: lowLabel).replacingOccurrences(of: "P90", with: highLabel), size: 16, bold: true)
        svg.text(20, 42, t.tornadoSubtitle.replacingOccurrences(of: "P10", with: lowLabel).replacingOccurrences(of: "P90", with: highLabel), size: 12, colour: "#444444")
        let top = 60.0
        for t in x.ticks(6) {
            svg.line(x(t), top, x(t), top + rowHeight * Double(shown.count), stroke: SVG.Colour.light)
            svg.text(x(t), top + rowHeight * Double(shown.count) + 18, TickFormat.money(t, lang), size: 12, anchor: .middle)
        }
        for (i, bar) in shown.enumerated() {
            let y = top + Double(i) * rowHeight + 4
            svg.text(labelWidth + 10, y + 15, bar.input, size: 12, anchor: .end)
            svg.rect(min(x(base), x(bar.low)), y, abs(x(bar.low) - x(base)), rowHeight - 8, fill: SVG.Colour.orange)
            svg.rect(min(x(base), x(bar.high)), y, abs(x(bar.high) - x(base)), rowHeight - 8, fill: SVG.Colour.blue)
        }
        svg.line(x(base), top - 4, x(base), top + rowHeight * Double(shown.count), stroke: SVG.Colour.black, width: 1.5)
        svg.text(x(base), top - 8, "\(t.baseMark) \(lang.money(base, currency: currency))", size: 12, anchor: .middle)
        svg.text((labelWidth + 830) / 2, height - 14, "\(t.npvAxis), \(currency)", size: 13, anchor: .middle)
        return svg.rendered()
    }

    /// Who pays, who benefits: each stakeholder's net with its 90% interval and base value.
    static func stakeholders(_ rows: [(label: String, base: Double, mean: Double, p05: Double, p95: Double)], currency: String, provenance: String,
                             title: String? = nil, axis: String? = nil, lang: ReportLanguage = .en) -> String {
        let t = lang.terms
        let title = title ?? t.actorsTitle, axis = axis ?? "\(t.actorsAxis), \(currency)"
        let rowHeight = 34.0, labelWidth = 250.0
        let height = 120 + rowHeight * Double(max(1, rows.count))
        var svg = SVG(width: 860, height: height, provenance: provenance)
        let values: [Double] = rows.flatMap { r -> [Double] in [r.p05, r.p95, r.base] } + [0]
        let x = Scale(values.min() ?? 0, values.max() ?? 0, to: (labelWidth + 20, 830))
        svg.text(20, 24, title, size: 16, bold: true)
        svg.text(20, 42, t.actorsSubtitle, size: 12, colour: "#444444")
        let top = 60.0
        for t in x.ticks(6) {
            svg.line(x(t), top, x(t), top + rowHeight * Double(rows.count), stroke: SVG.Colour.light)
            svg.text(x(t), top + rowHeight * Double(rows.count) + 18, TickFormat.money(t, lang), size: 12, anchor: .middle)
        }
        svg.line(x(0), top, x(0), top + rowHeight * Double(rows.count), stroke: SVG.Colour.black, width: 1.5)
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * rowHeight + rowHeight / 2
            svg.text(labelWidth + 10, y + 4, r.label, size: 12, anchor: .end)
            let colour = r.mean >= 0 ? SVG.Colour.green : SVG.Colour.vermillion
            svg.rect(min(x(r.p05), x(r.p95)), y - 7, abs(x(r.p95) - x(r.p05)), 14, fill: colour, opacity: 0.45)
            svg.circle(x(r.mean), y, 5, fill: colour)
            svg.polygon([(x(r.base), y - 7), (x(r.base) + 6, y), (x(r.base), y + 7), (x(r.base) - 6, y)], fill: SVG.Colour.black)
        }
        svg.text((labelWidth + 830) / 2, height - 14, axis, size: 13, anchor: .middle)
        return svg.rendered()
    }

    /// The kassabon as a figure: the text receipt set in a monospaced font.
    static func receipt(_ text: String, provenance: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let width = Double((lines.map(\.count).max() ?? 80) * 8 + 40), height = Double(lines.count * 16 + 40)
        var svg = SVG(width: width, height: height, provenance: provenance)
        svg.rect(8, 8, width - 16, height - 16, fill: "#FFFDF5", stroke: SVG.Colour.grey)
        for (i, line) in lines.enumerated() { svg.text(20, 30 + Double(i) * 16, line, size: 13, monospace: true) }
        return svg.rendered()
    }

    /// Fan chart: the median and the 25–75 and 5–95 bands of NPV across a sweep.
    static func fan(_ points: [(x: Double, p05: Double, p25: Double, p50: Double, p75: Double, p95: Double)], xLabel: String,
                    currency: String, provenance: String, lang: ReportLanguage = .en) -> String {
        let t = lang.terms
        let lo = points.map(\.p05).min() ?? 0, hi = points.map(\.p95).max() ?? 0
        var f = Frame(title: t.fanTitle(xLabel), subtitle: t.fanSubtitle,
                      xLabel: xLabel, yLabel: "\(t.npvAxis), \(currency)", xDomain: (points.first?.x ?? 0, points.last?.x ?? 1), yDomain: (min(lo, 0), max(hi, 0)),
                      provenance: provenance, xFormat: { TickFormat.plain($0, lang) }, yFormat: { TickFormat.money($0, lang) })
        f.svg.polygon(points.map { (f.x($0.x), f.y($0.p95)) } + points.reversed().map { (f.x($0.x), f.y($0.p05)) }, fill: SVG.Colour.sky, opacity: 0.35)
        f.svg.polygon(points.map { (f.x($0.x), f.y($0.p75)) } + points.reversed().map { (f.x($0.x), f.y($0.p25)) }, fill: SVG.Colour.blue, opacity: 0.45)
        f.svg.polyline(points.map { (f.x($0.x), f.y($0.p50)) }, stroke: SVG.Colour.black, width: 2)
        if lo < 0 { f.svg.line(f.left, f.y(0), f.left + f.plotWidth, f.y(0), stroke: SVG.Colour.vermillion, width: 1.5, dash: "6,4") }
        return f.svg.rendered()
    }

    /// Convergence: running mean of NPV with its 95% band, by samples.
    static func convergence(_ points: [(samples: Double, mean: Double, lower: Double, upper: Double)], currency: String, provenance: String,
                            lang: ReportLanguage = .en) -> String {
        let t = lang.terms
        let lo = points.map(\.lower).min() ?? 0, hi = points.map(\.upper).max() ?? 0
        let xs = points.map { log2($0.samples) }
        let first = xs.first ?? 0
        var f = Frame(title: t.convergenceTitle, subtitle: t.convergenceSubtitle,
                      xLabel: t.convergenceAxis, yLabel: "\(t.meanNPV), \(currency)", xDomain: (first, max(xs.last ?? first, first + 1)), yDomain: (lo, hi),
                      provenance: provenance, xFormat: { lang.number(pow(2, $0).rounded(), decimals: 0) }, yFormat: { TickFormat.money($0, lang) })
        f.svg.polygon(zip(xs, points).map { (f.x($0), f.y($1.upper)) } + zip(xs, points).reversed().map { (f.x($0), f.y($1.lower)) },
                      fill: SVG.Colour.sky, opacity: 0.4)
        f.svg.polyline(zip(xs, points).map { (f.x($0), f.y($1.mean)) }, stroke: SVG.Colour.blue, width: 2)
        for (x, p) in zip(xs, points) { f.svg.circle(f.x(x), f.y(p.mean), 3, fill: SVG.Colour.blue) }
        return f.svg.rendered()
    }

    /// The range a figure shows: the 0.1% to 99.9% quantiles of `sorted` (finite values in
    /// order) widened to include `extra` (finite ones); (0, 0) when there is nothing to show.
    /// A constant output gives an empty range, which `Scale` widens.
    static func displayRange(_ sorted: [Double], including extra: [Double]) -> (Double, Double) {
        let marks = extra.filter(\.isFinite)
        guard !sorted.isEmpty else { return (marks.min() ?? 0, marks.max() ?? 0) }
        let last = sorted.count - 1
        let lo = sorted[last / 1000], hi = sorted[last - last / 1000]
        return (min(lo, marks.min() ?? lo), max(hi, marks.max() ?? hi))
    }

    /// The bin of `v` among `bins` bins of `width` from `lo`: clamped, so that a zero width (a
    /// constant output) or rounding at the top edge never leaves the table.
    static func bin(_ v: Double, lo: Double, width: Double, bins: Int) -> Int {
        let position = width > 0 ? (v - lo) / width : 0
        guard position.isFinite, position > 0 else { return 0 }
        return position >= Double(bins - 1) ? bins - 1 : Int(position)
    }
}
