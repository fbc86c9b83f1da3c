import Foundation

/// Renders a `ReportDocument` as Markdown (figures referenced by file name).
public enum MarkdownRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        var md = ["# \(doc.title)", "", "*\(doc.language.terms.provenance): \(doc.provenance).*", ""]
        for section in doc.sections {
            md += ["## \(section.heading)", ""]
            for block in section.blocks {
                switch block {
                case let .paragraph(text): md += [text, ""]
                case let .list(items): md += items.map { "- \(cell($0))" } + [""]
                case let .note(text): md += ["> **\(text)**", ""]
                case let .figure(file, caption, _): md += ["![\(caption)](\(file))", ""]
                case let .table(table):
                    md += ["**\(table.title)**", ""]
                    md.append("| " + table.columns.map { cell($0.header) }.joined(separator: " | ") + " |")
                    md.append("|" + table.columns.map { $0.numeric ? "---:|" : "---|" }.joined())
                    for row in table.rows {
                        let cells = row.cells.map { c -> String in
                            let text = cell(shown(c))
                            return row.emphasised && !text.isEmpty ? "**\(text)**" : text
                        }
                        md.append("| " + cells.joined(separator: " | ") + " |")
                    }
                    md.append("")
                    if let caption = table.caption { md += ["*\(cell(caption))*", ""] }
                }
            }
        }
        return md.joined(separator: "\n")
    }

    static func shown(_ c: ReportTable.Cell) -> String {
        switch c {
        case let .text(s): return s
        case let .number(_, _, shown): return shown
        case .empty: return ""
        }
    }

    /// Text safe inside a table cell: no pipes, no line breaks.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "/").replacingOccurrences(of: "\n", with: " ")
    }
}

/// Renders a `ReportDocument` as one self-contained HTML file: figures inline, no external
/// resources, a print stylesheet (A4, appendix on new pages), and tables that wrap rather than
/// overflow.
public enum HTMLRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        let t = doc.language.terms
        var html = [
            "<!DOCTYPE html>",
            "<html lang=\"\(doc.language.rawValue)\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"generator\" content=\"\(escape(doc.provenance))\">",
            "<title>\(escape(doc.title))</title>",
            "<style>\(style)</style>",
            "</head>",
            "<body data-sections=\"\(doc.sections.map(\.id).joined(separator: " "))\">",
            "<header><h1>\(escape(doc.title))</h1><p class=\"provenance\">\(escape(t.provenance)): \(escape(doc.provenance))</p></header>",
            "<nav><h2>\(escape(t.contents))</h2><ol>" + doc.sections.map { "<li><a href=\"#\($0.id)\">\(escape($0.heading))</a></li>" }.joined() + "</ol></nav>",
            "<main>",
        ]
        for section in doc.sections {
            html.append("<section id=\"\(section.id)\"\(section.isAppendix ? " class=\"appendix\"" : "")>")
            html.append("<h2>\(escape(section.heading))</h2>")
            for block in section.blocks { html.append(render(block)) }
            html.append("</section>")
        }
        html += ["</main>", "</body>", "</html>", ""]
        return html.joined(separator: "\n")
    }

    static func render(_ block: ReportDocument.Block) -> String {
        switch block {
        case let .paragraph(text): return "<p>\(inline(text))</p>"
        case let .list(items): return "<ul>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul>"
        case let .note(text): return "<p class=\"note\">\(inline(text))</p>"
        case let .figure(_, caption, svg):
            return "<figure>\(inlineSVG(svg))<figcaption>\(escape(caption))</figcaption></figure>"
        case let .table(table):
            var out = ["<div class=\"table\"><table id=\"table-\(table.id)\">", "<caption>\(escape(table.title))</caption>",
                       "<thead><tr>" + table.columns.map { "<th\($0.numeric ? " class=\"num\"" : "")>\(escape($0.header))</th>" }.joined() + "</tr></thead>", "<tbody>"]
            for row in table.rows {
                let cells = zip(row.cells, table.columns).map { cell, column -> String in
                    let text = MarkdownRenderer.shown(cell)
                    return "<td\(column.numeric ? " class=\"num\"" : "")>\(escape(text))</td>"
                }
                out.append("<tr\(row.emphasised ? " class=\"total\"" : "")>" + cells.joined() + "</tr>")
            }
            out.append("</tbody></table>")
            if let caption = table.caption { out.append("<p class=\"caption\">\(escape(caption))</p>") }
            out.append("</div>")
            return out.joined(separator: "\n")
        }
    }

    /// The SVG document as an element: without its XML declaration, scaled to the column.
    static func inlineSVG(_ svg: String) -> String {
        var text = svg
        if let range = text.range(of: "?>") , text.hasPrefix("<?xml") { text = String(text[range.upperBound...]) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "<svg xmlns=\"http://www.w3.org/2000/svg\"", with: "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" preserveAspectRatio=\"xMidYMid meet\" style=\"max-width:100%;height:auto\"")
    }

    /// Escaped text with `**…**` as <strong>.
    static func inline(_ text: String) -> String {
        let parts = escape(text).components(separatedBy: "**")
        return parts.enumerated().map { i, part in i % 2 == 1 && i < parts.count - 1 ? "<strong>\(part)</strong>" : part }.joined()
    }

    static func escape(_ s: String) -> String { HTMLFragment.escape(s) }

    static let style = """
    :root { color-scheme: light; }
    body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.45; color: #1a1a1a; margin: 0 auto; padding: 1.5em 2em; max-width: 1100px; }
    h1 { font-size: 1.7em; margin: 0 0 .2em; } h2 { font-size: 1.3em; margin-top: 1.8em; border-bottom: 2px solid #0072B2; padding-bottom: .15em; }
    .provenance { color: #555; font-size: .8em; overflow-wrap: anywhere; }
    nav ol { columns: 2; padding-left: 1.4em; } nav h2 { border: none; font-size: 1.05em; margin-top: 1em; }
    .note { background: #FFF4E0; border-left: 4px solid #E69F00; padding: .6em .9em; }
    .table { margin: 1em 0 1.4em; overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: .9em; table-layout: auto; }
    caption { text-align: left; font-weight: bold; padding-bottom: .4em; }
    th, td { border-bottom: 1px solid #ddd; padding: .3em .5em; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
    th { background: #F2F6FA; text-align: left; } th.num, td.num { text-align: right; }
    tr.total td { font-weight: bold; border-top: 1.5px solid #333; }
    .caption { color: #555; font-size: .82em; margin-top: .3em; }
    figure { margin: 1.2em 0; } figure svg { display: block; max-width: 100%; height: auto; }
    figcaption { color: #555; font-size: .85em; }
    @media print {
      @page { size: A4; margin: 16mm 14mm; }
      body { font-size: 10pt; max-width: none; padding: 0; }
      nav { display: none; }
      section.appendix { break-before: page; }
      figure, tr, .note { break-inside: avoid; }
      table { font-size: 8.5pt; }
      h2 { break-after: avoid; }
    }
    """
}
