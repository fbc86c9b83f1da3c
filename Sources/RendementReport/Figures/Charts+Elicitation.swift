import Foundation
import RendementCore

extension Charts {
    /// The candidate fits' CDFs against the elicited points.
    static func elicitation(_ candidates: [QuantileFit.Candidate], pairs: [(p: Double, x: Double)], provenance: String) -> String {
        let xs = pairs.map(\.x)
        var lo = xs.min() ?? 0, hi = xs.max() ?? 1
        for c in candidates {
            lo = min(lo, c.distribution.quantile(0.01))
            hi = max(hi, c.distribution.quantile(0.99))
        }
        if !(lo < hi) { (lo, hi) = (lo - 1, hi + 1) }
        var f = Frame(title: "Fits to the elicited quantiles", subtitle: "dots: the expert's quantiles; lines: each fit's cumulative distribution",
                      xLabel: "value", yLabel: "P(X ≤ x)", xDomain: (lo, hi), yDomain: (0, 1), provenance: provenance,
                      yFormat: { String(format: "%.1f", $0) })
        let colours = [SVG.Colour.blue, SVG.Colour.orange, SVG.Colour.green, SVG.Colour.purple]
        for (i, c) in candidates.enumerated() {
            // The CDF traced through the quantile function: exact at every drawn point.
            let points = (1...199).map { k -> (Double, Double) in
                let p = Double(k) / 200
                return (f.x(min(max(c.distribution.quantile(p), lo), hi)), f.y(p))
            }
            let colour = colours[i % colours.count]
            f.svg.polyline(points, stroke: colour, width: 2)
            f.svg.rect(f.left + f.plotWidth - 170, f.top + 12 + 18 * Double(i), 14, 3, fill: colour)
            f.svg.text(f.left + f.plotWidth - 150, f.top + 17 + 18 * Double(i), "\(c.family.rawValue) (RMSE \(NumberFormat.general(c.rmse)))", size: 12)
        }
        for pair in pairs { f.svg.circle(f.x(pair.x), f.y(pair.p), 5, fill: SVG.Colour.vermillion) }
        return f.svg.rendered()
    }
}

/// The elicitation figure, public for the `elicit` command.
public enum ElicitationFigure {
    public static func svg(_ candidates: [QuantileFit.Candidate], pairs: [(p: Double, x: Double)], provenance: String) -> String {
        Charts.elicitation(candidates, pairs: pairs, provenance: provenance)
    }
}
