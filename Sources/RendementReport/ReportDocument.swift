/// A report's content, independent of its format: sections of paragraphs, tables and figures,
/// every text already in the report's language. Built once (`ReportComposer`); the Markdown,
/// HTML and xlsx renderers only render it.
public struct ReportDocument: Sendable {
    public var title: String
    public var language: ReportLanguage
    /// One line: scenario file and hash, seed, samples, design, engine, date.
    public var provenance: String
    public var sections: [Section]

    public init(title: String, language: ReportLanguage, provenance: String, sections: [Section]) {
        (self.title, self.language, self.provenance, self.sections) = (title, language, provenance, sections)
    }

    public struct Section: Sendable {
        /// A stable anchor (`stress-test`, `overview`): the same in every language.
        public var id: String
        public var heading: String
        public var blocks: [Block]
        /// Appendix sections come after the main text (and on a new page in print).
        public var isAppendix = false

        public init(id: String, heading: String, blocks: [Block], isAppendix: Bool = false) {
            (self.id, self.heading, self.blocks, self.isAppendix) = (id, heading, blocks, isAppendix)
        }
    }

    public enum Block: Sendable {
        /// A paragraph of plain text; `**…**` marks emphasis.
        case paragraph(String)
        /// A bulleted list.
        case list([String])
        /// A warning or caveat set apart from the text.
        case note(String)
        case table(ReportTable)
        /// A figure: its file name beside the report, its caption, and the SVG text itself.
        case figure(file: String, caption: String, svg: String)
    }

    /// Every table, in document order (the xlsx workbook's sheets).
    public var tables: [ReportTable] {
        sections.flatMap { $0.blocks.compactMap { if case let .table(t) = $0 { return t } else { return nil } } }
    }
}

/// A table of a report: a header row and rows of cells, numbers kept as numbers (with the style
/// they are shown in) so that the xlsx workbook holds values, not text.
public struct ReportTable: Sendable {
    /// A short stable name (the xlsx sheet name, at most 31 characters): `overview`, `by-year`.
    public var id: String
    public var title: String
    public var columns: [Column]
    public var rows: [Row]
    /// A line under the table (units, what the interval is, where the numbers come from).
    public var caption: String?

    public init(id: String, title: String, columns: [Column], rows: [Row], caption: String? = nil) {
        (self.id, self.title, self.columns, self.rows, self.caption) = (id, title, columns, rows, caption)
    }

    public struct Column: Sendable {
        public var header: String
        /// Numbers align right.
        public var numeric: Bool
        public init(_ header: String, numeric: Bool = true) { (self.header, self.numeric) = (header, numeric) }
    }

    public struct Row: Sendable {
        public var cells: [Cell]
        /// A subtotal or total row (bold).
        public var emphasised: Bool
        public init(_ cells: [Cell], emphasised: Bool = false) { (self.cells, self.emphasised) = (cells, emphasised) }
    }

    public enum Cell: Sendable {
        case text(String)
        /// A number and how it is shown; `shown` is the text in the report's language and
        /// precision (the xlsx cell keeps `value` with a matching number format).
        case number(Double, style: NumberStyle, shown: String)
        case empty
    }

    public enum NumberStyle: String, Sendable {
        /// Currency amounts (whole euros).
        case money
        /// Ratios such as the B/C ratio (two decimals).
        case ratio
        /// Shares shown as percentages.
        case percent
        /// Probabilities (0 to 1).
        case probability
        /// Counts and years.
        case integer
        case general
    }
}
