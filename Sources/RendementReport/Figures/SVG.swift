import Foundation

/// A small SVG writer: enough for the report's charts, deterministic to the byte.
/// Coordinates are rounded to 0.01 px so that reruns produce identical files.
struct SVG {
    let width: Double, height: Double
    private var body: [String] = []
    private let metadata: String

    /// Okabe & Ito's colour-blind-safe palette.
    enum Colour {
        static let blue = "#0072B2", orange = "#E69F00", green = "#009E73", vermillion = "#D55E00"
        static let purple = "#CC79A7", sky = "#56B4E9", yellow = "#F0E442", black = "#000000", grey = "#999999", light = "#E5E5E5"
    }

    init(width: Double, height: Double, provenance: String) {
        self.width = width
        self.height = height
        metadata = provenance
    }

    /// A coordinate, rounded to 0.01 px. Non-finite values (a degenerate scale) become 0 and
    /// coordinates are clamped far outside any figure, so that no value reaches an integer
    /// conversion it cannot take.
    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (min(max(x, -1e7), 1e7) * 100).rounded() / 100
        if r == r.rounded(), let whole = Int(exactly: r) { return String(whole) }
        return String(format: "%.2f", r)
    }

    static func escape(_ s: String) -> String { HTMLFragment.escape(s) }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, opacity: Double = 1) {
        body.append("<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, w)))\" height=\"\(Self.n(max(0, h)))\" fill=\"\(fill)\"" +
                    (stroke.map { " stroke=\"\($0)\"" } ?? "") + (opacity < 1 ? " fill-opacity=\"\(Self.n(opacity))\"" : "") + "/>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body.append("<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"" +
                    (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
        body.append("<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" points=\"" +
                    points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ") + "\"/>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        body.append("<polygon fill=\"\(fill)\" fill-opacity=\"\(Self.n(opacity))\" points=\"" +
                    points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ") + "\"/>")
    }

    mutating func circle(_ x: Double, _ y: Double, _ r: Double, fill: String) {
        body.append("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\" fill=\"\(fill)\"/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ x: Double, _ y: Double, _ s: String, size: Double = 13, anchor: Anchor = .start, bold: Bool = false,
                       colour: String = Colour.black, rotate: Bool = false, monospace: Bool = false) {
        var attributes = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(colour)\""
        if bold { attributes += " font-weight=\"bold\"" }
        if monospace { attributes += " font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" xml:space=\"preserve\"" }
        if rotate { attributes += " transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\"" }
        body.append("<text \(attributes)>\(Self.escape(s))</text>")
    }

    func rendered() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.n(width))" height="\(Self.n(height))" viewBox="0 0 \(Self.n(width)) \(Self.n(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
        <metadata>\(Self.escape(metadata))</metadata>
        <rect width="100%" height="100%" fill="#FFFFFF"/>
        \(body.joined(separator: "\n"))
        </svg>

        """
    }
}

/// A linear scale with "nice" ticks (steps of 1, 2 or 5 × 10^k).
struct Scale {
    let domain: (Double, Double)
    let range: (Double, Double)

    /// A linear scale from [lo, hi] to `range`. A domain that is empty, reversed, not finite or
    /// too narrow for a double to resolve (a constant output) is widened around its centre.
    init(_ lo: Double, _ hi: Double, to range: (Double, Double)) {
        var (a, b) = (lo.isFinite ? lo : 0, hi.isFinite ? hi : 0)
        if a > b { swap(&a, &b) }
        let centre = a / 2 + b / 2
        // Only a domain a double cannot resolve is widened (a small one, such as shares of
        // samples, is kept): to ±1, or ±10% of a large centre.
        if !(b - a >= max(abs(centre) * 1e-9, 1e-12)) {
            let half = max(1, abs(centre) * 0.1)
            (a, b) = (centre - half, centre + half)
        }
        domain = (a, b)
        self.range = range
    }

    func callAsFunction(_ x: Double) -> Double {
        range.0 + (x - domain.0) / (domain.1 - domain.0) * (range.1 - range.0)
    }

    func ticks(_ count: Int = 6) -> [Double] {
        let span = domain.1 - domain.0
        let raw = span / Double(max(1, count))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        guard step.isFinite, step > 0 else { return [] }
        let first = (domain.0 / step).rounded(.up)
        var out: [Double] = []
        // Counted, not accumulated: at most count + 2 ticks, whatever the rounding.
        for i in 0...(count + 2) {
            let t = (first + Double(i)) * step
            guard t <= domain.1 + step * 1e-9 else { break }
            out.append(abs(t) < step * 1e-9 ? 0 : t)
        }
        return out
    }
}

/// Tick labels: thousands separators for money, compact for large values ("1.5 M").
enum TickFormat {
    static func money(_ x: Double) -> String { money(x, .en) }

    /// An axis amount: millions as "12 M" (en) or "12 mln" (nl) from ten million on.
    static func money(_ x: Double, _ lang: ReportLanguage) -> String {
        let a = abs(x)
        if a >= 10_000_000 {
            let text = trim(x / 1_000_000)
            return (lang == .nl ? text.replacingOccurrences(of: ".", with: ",") : text) + (lang == .nl ? " mln" : " M")
        }
        return lang == .en ? NumberFormat.money(x) : lang.number(x, decimals: 0)
    }

    static func plain(_ x: Double) -> String { plain(x, .en) }

    static func plain(_ x: Double, _ lang: ReportLanguage) -> String {
        let a = abs(x)
        if a >= 1000 { return money(x, lang) }
        let text = trim(x)
        return lang == .nl ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    private static func trim(_ x: Double) -> String {
        var s = String(format: "%.2f", x)
        while s.contains("."), s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
