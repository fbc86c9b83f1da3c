import Foundation

/// The web page's figures that the report has no file for: Sobol' index bars, sweep curves and
/// break-even curves; and every chart made fit to sit inside an HTML page.
extension Charts {
    /// An SVG document as inline markup: without the XML declaration and the provenance comment
    /// (an HTML page has its own), keeping the `<metadata>` element.
    static func inline(_ svg: String) -> String {
        svg.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("<?xml") && !($0.hasPrefix("<!--") && $0.hasSuffix("-->")) && !$0.isEmpty }
            .joined(separator: "\n")
    }

    /// Horizontal bars of Sobol' indices: the total index (with its 95% interval as a whisker)
    /// and the first-order index beneath it, one row per input, largest total first. Every input
    /// is drawn; the figure grows with them.
    static func indexBars(_ rows: [(input: String, total: Double, totalCI: (Double, Double), first: Double, firstCI: (Double, Double))],
                          output: String, provenance: String) -> String {
        let rowHeight = 30.0, labelWidth = 230.0
        let height = 120 + rowHeight * Double(max(1, rows.count))
        var svg = SVG(width: 860, height: height, provenance: provenance)
        let values = rows.flatMap { [$0.total, $0.totalCI.1, $0.first, $0.firstCI.0] }.filter(\.isFinite)
        let x = Scale(min(0, values.min() ?? 0), max(1, values.max() ?? 1), to: (labelWidth + 20, 830))
        svg.text(20, 24, "Sobol' indices of \(output): share of its variance", size: 16, bold: true)
        svg.text(20, 42, "blue: total index ST with its 95% interval; orange: first-order index S1 (the input alone)", size: 12, colour: "#444444")
        let top = 60.0, bottom = top + rowHeight * Double(rows.count)
        for t in x.ticks(6) {
            svg.line(x(t), top, x(t), bottom, stroke: SVG.Colour.light)
            svg.text(x(t), bottom + 18, String(format: "%.1f", t), size: 12, anchor: .middle)
        }
        svg.line(x(0), top, x(0), bottom, stroke: SVG.Colour.black, width: 1.5)
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * rowHeight + 4
            svg.text(labelWidth + 10, y + 13, r.input, size: 12, anchor: .end)
            if r.total.isFinite { svg.rect(min(x(0), x(r.total)), y, abs(x(r.total) - x(0)), 12, fill: SVG.Colour.blue) }
            if r.totalCI.0.isFinite, r.totalCI.1.isFinite {
                svg.line(x(r.totalCI.0), y + 6, x(r.totalCI.1), y + 6, stroke: SVG.Colour.black, width: 1.2)
            }
            if r.first.isFinite { svg.rect(min(x(0), x(r.first)), y + 14, abs(x(r.first) - x(0)), 7, fill: SVG.Colour.orange) }
        }
        svg.text((labelWidth + 830) / 2, height - 14, "share of the variance of \(output)", size: 13, anchor: .middle)
        return svg.rendered()
    }

    /// One sweep curve: the mean NPV and its 90% band (P5–P95) at each point, the base case
    /// dashed. `label` names a point's x (a preset's name), else the number is shown.
    static func sweepCurve(_ points: [(x: Double, mean: Double, p05: Double, p95: Double, base: Double)], title: String, xLabel: String,
                           currency: String, label: @escaping (Double) -> String?, provenance: String) -> String {
        let finite = points.flatMap { [$0.mean, $0.p05, $0.p95, $0.base] }.filter(\.isFinite)
        let xs = points.map(\.x)
        var f = Frame(title: title, subtitle: "line: mean NPV; band: 90% interval (P5–P95); dashed: base case; common random numbers",
                      xLabel: xLabel, yLabel: "NPV (\(currency))", xDomain: (xs.min() ?? 0, xs.max() ?? 1),
                      yDomain: (min(finite.min() ?? 0, 0), max(finite.max() ?? 0, 0)), provenance: provenance,
                      xFormat: { label($0) ?? TickFormat.plain($0) }, yFormat: { TickFormat.money($0) })
        let band = points.filter { $0.p05.isFinite && $0.p95.isFinite }
        if band.count > 1 {
            f.svg.polygon(band.map { (f.x($0.x), f.y($0.p95)) } + band.reversed().map { (f.x($0.x), f.y($0.p05)) }, fill: SVG.Colour.sky, opacity: 0.4)
        }
        let means = points.filter { $0.mean.isFinite }
        f.svg.polyline(means.map { (f.x($0.x), f.y($0.mean)) }, stroke: SVG.Colour.blue, width: 2.5)
        for p in means { f.svg.circle(f.x(p.x), f.y(p.mean), 3.5, fill: SVG.Colour.blue) }
        let bases = points.filter { $0.base.isFinite }
        if bases.count > 1 {
            for (a, b) in zip(bases, bases.dropFirst()) {
                f.svg.line(f.x(a.x), f.y(a.base), f.x(b.x), f.y(b.base), stroke: SVG.Colour.vermillion, width: 2, dash: "6,4")
            }
        }
        if (finite.min() ?? 0) < 0 { f.svg.line(f.left, f.y(0), f.left + f.plotWidth, f.y(0), stroke: SVG.Colour.black, width: 1.2) }
        return f.svg.rendered()
    }

    /// The break-even value of an input at each sweep point (where P(NPV > 0) crosses the
    /// level); points where it is not crossed are left out of the line and said so.
    static func breakEvenCurve(_ points: [(x: Double, value: Double?)], input: String, level: Double, xLabel: String,
                               label: @escaping (Double) -> String?, provenance: String) -> String {
        let found = points.compactMap { p in p.value.flatMap { $0.isFinite ? (p.x, $0) : nil } }
        let missing = points.count - found.count
        let ys = found.map(\.1), xs = points.map(\.x)
        var f = Frame(title: "Break-even: \(input) at which P(NPV > 0) = \(JSONValue.format(level))",
                      subtitle: missing == 0 ? "at every point of the sweep" : "\(missing) of \(points.count) points not crossed within the input's range (left out)",
                      xLabel: xLabel, yLabel: input, xDomain: (xs.min() ?? 0, xs.max() ?? 1), yDomain: (ys.min() ?? 0, ys.max() ?? 1),
                      provenance: provenance, xFormat: { label($0) ?? TickFormat.plain($0) }, yFormat: { TickFormat.plain($0) })
        f.svg.polyline(found.map { (f.x($0.0), f.y($0.1)) }, stroke: SVG.Colour.green, width: 2.5)
        for p in found { f.svg.circle(f.x(p.0), f.y(p.1), 3.5, fill: SVG.Colour.green) }
        return f.svg.rendered()
    }
}
