import Foundation

/// A small writer of HTML fragments for the web page's views. Every piece of text goes through
/// `escape`, so scenario titles, names and messages (all user-controlled) can never become markup.
struct HTMLFragment {
    private(set) var parts: [String] = []

    /// Escapes text for an element's content or a quoted attribute value.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Markup written by this module (never user text).
    mutating func raw(_ markup: String) { parts.append(markup) }

    /// An element holding escaped text; `attributes` are name → value (values escaped).
    mutating func element(_ tag: String, _ text: String, _ attributes: [(String, String)] = []) {
        parts.append("<\(tag)\(Self.attributes(attributes))>\(Self.escape(text))</\(tag)>")
    }

    static func attributes(_ list: [(String, String)]) -> String {
        list.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// A table cell: text, right-aligned with the exact value in `data-value` when `value` is given.
    static func cell(_ text: String, value: Double? = nil, header: Bool = false) -> String {
        let tag = header ? "th" : "td"
        guard let value else { return "<\(tag)>\(escape(text))</\(tag)>" }
        return "<\(tag) class=\"num\" data-value=\"\(escape(JSONValue.format(value)))\">\(escape(text))</\(tag)>"
    }

    /// Tables longer than this scroll in a box.
    static let scrollRows = 30

    /// A table row: its attributes (e.g. `data-key`, `class`) and its cells, built with `cell`.
    typealias Row = (attributes: [(String, String)], cells: [String])

    /// A table: a header row and body rows (each row's cells already built with `cell`), in a
    /// box that scrolls when it is long: nothing is cut off.
    mutating func table(_ cssClass: String, header: [String], rows: [Row]) {
        // Long tables scroll in their own box (their header stays in view); short ones are shown whole.
        var out = "<div class=\"\(rows.count > Self.scrollRows ? "rv-scroll" : "rv-box")\"><table class=\"\(Self.escape(cssClass))\"><thead><tr>"
        out += header.map { "<th>\(Self.escape($0))</th>" }.joined()
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr\(Self.attributes(row.attributes))>" + row.cells.joined() + "</tr>"
        }
        out += "</tbody></table></div>"
        parts.append(out)
    }

    /// An inline SVG figure from `Charts` (already escaped by the SVG writer) in a figure box.
    mutating func figure(_ svg: String, cssClass: String, caption: String? = nil) {
        parts.append("<figure class=\"rv-figure \(Self.escape(cssClass))\">\(Charts.inline(svg))"
                     + (caption.map { "<figcaption>\(Self.escape($0))</figcaption>" } ?? "") + "</figure>")
    }

    /// The fragment: a `<section>` of class `rv rv-KIND` with the views' style sheet.
    func rendered(kind: String) -> String {
        "<section class=\"rv rv-\(Self.escape(kind))\" data-kind=\"\(Self.escape(kind))\">\n<style>\(Self.style)</style>\n"
            + parts.joined(separator: "\n") + "\n</section>\n"
    }

    static let style = """
        .rv{font:14px/1.45 system-ui,sans-serif;color:#1d2733}.rv h3{font-size:1.2em;margin:.2em 0}.rv h4{font-size:1.05em;margin:1.1em 0 .3em}
        .rv .rv-meta,.rv figcaption,.rv .rv-note{color:#5b6b7b;font-size:13px}.rv table{border-collapse:collapse;margin:.3em 0}
        .rv th,.rv td{padding:.15em .7em .15em 0;text-align:left;vertical-align:top}.rv td.num,.rv th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .rv thead th{border-bottom:1px solid #cfd6de;position:sticky;top:0;background:#fff}.rv tr.rv-heading th{padding-top:.7em;color:#1f5fa8}
        .rv tr.rv-total td,.rv tr.rv-total th{border-top:1px solid #cfd6de;font-weight:600}.rv .rv-scroll{max-height:36em;overflow:auto}.rv .rv-box{overflow-x:auto}
        .rv figure{margin:.4em 0;overflow-x:auto}.rv svg{max-width:100%;height:auto}.rv .rv-verdict{font-size:1.15em;margin:.6em 0}
        .rv .rv-holds{color:#0b6b3a}.rv .rv-fails{color:#a8201a}.rv ul{margin:.2em 0;padding-left:1.3em}
        """
}
