import Foundation
internal import CXLSXWriter

/// Why a workbook could not be written: the file and what went wrong.
public struct WorkbookError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, _ message: String) { (self.path, self.message) = (path, message) }

    public var description: String { "cannot write \(path): \(message)" }
}

extension WorkbookError: LocalizedError {
    public var errorDescription: String? { description }
}

/// The report's xlsx workbook (libxlsxwriter): a first sheet with the title, the provenance
/// line and a list of the sheets, then one sheet per table of the document, in document order.
/// Numbers are stored as numbers with an Excel number format that matches their style, so the
/// workbook can be recalculated; the text shown in the report is used only where a number is
/// not finite. The same document gives the same bytes: the workbook's creation time is the
/// date in the provenance line, and nothing else that varies goes into the file.
public enum WorkbookWriter {
    /// Excel's limits: rows and columns of a sheet, characters of a cell and of a sheet name.
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxCellBytes = 32_767
    static let maxSheetName = 31
    /// Rows of a sheet above a table's first row: the title and the header row.
    static let headerRows = 2

    public static func write(_ document: ReportDocument, to path: String) throws {
        try checkDestination(path)
        let plan = try Plan(document, path: path)

        guard let workbook = workbook_new(path) else {
            throw WorkbookError(path: path, "libxlsxwriter could not start a workbook (out of memory)")
        }
        var book = Book(workbook: workbook, path: path)
        var closed = false
        defer { if !closed { lxw_workbook_free(workbook) } }

        try book.setProperties(title: document.title, created: plan.created)
        try book.writeInfoSheet(document, name: plan.infoName, sheetNames: plan.tableNames)
        for (table, name) in zip(document.tables, plan.tableNames) {
            try book.writeTableSheet(table, name: name, language: document.language)
        }

        closed = true   // workbook_close frees the workbook whether or not it succeeds
        let status = workbook_close(workbook)
        if status != LXW_NO_ERROR {
            try? FileManager.default.removeItem(atPath: path)
            throw WorkbookError(path: path, Book.describe(status))
        }
    }

    /// The folder must exist and be writable, and the path must not be a folder: checked here
    /// so that the error names the path (libxlsxwriter would only fail when closing).
    static func checkDestination(_ path: String) throws {
        guard !path.isEmpty else { throw WorkbookError(path: path, "no file name given") }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WorkbookError(path: path, "it is a folder")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WorkbookError(path: path, "the folder \(folder) does not exist")
        }
        guard fm.isWritableFile(atPath: folder) else {
            throw WorkbookError(path: path, "the folder \(folder) is not writable")
        }
    }

    // MARK: - Plan: everything decided and checked before libxlsxwriter is called

    struct Plan {
        var infoName: String
        var tableNames: [String]
        var created: time_t

        init(_ document: ReportDocument, path: String) throws {
            infoName = document.language == .nl ? "over" : "info"
            tableNames = WorkbookWriter.sheetNames(document.tables.map(\.id), reserved: [infoName])
            created = WorkbookWriter.creationTime(provenance: document.provenance)
            guard document.tables.count + 4 <= maxRows else {
                throw WorkbookError(path: path, "\(document.tables.count) tables do not fit in the first sheet")
            }
            for table in document.tables {
                let columns = WorkbookWriter.columnCount(table)
                guard columns <= maxColumns else {
                    throw WorkbookError(path: path, "table \(table.id) has \(columns) columns; a sheet holds at most \(maxColumns)")
                }
                guard table.rows.count <= maxRows - headerRows - 2 else {
                    throw WorkbookError(path: path, "table \(table.id) has \(table.rows.count) rows; a sheet holds at most \(maxRows - headerRows - 2)")
                }
            }
        }
    }

    /// Sheet names from table ids: Excel's rules (at most 31 characters, none of []:*?/\, not
    /// starting or ending with an apostrophe, not "History") and unique ignoring case; a repeated
    /// name gets "-2", "-3", ….
    static func sheetNames(_ ids: [String], reserved: [String]) -> [String] {
        var used = Set(reserved.map { $0.lowercased() })
        used.insert("history")
        var names: [String] = []
        for id in ids {
            let base = sanitisedSheetName(id)
            var name = base
            var n = 2
            while used.contains(name.lowercased()) {
                let suffix = "-\(n)"
                name = truncated(base, utf16: maxSheetName - suffix.utf16.count) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            names.append(name)
        }
        return names
    }

    static func sanitisedSheetName(_ id: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var name = String(id.map { c -> Character in
            forbidden.contains(c) || c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) ? "-" : c
        })
        name = name.trimmingCharacters(in: .whitespaces)
        while name.hasPrefix("'") { name.removeFirst() }
        name = truncated(name, utf16: maxSheetName)
        while name.hasSuffix("'") { name.removeLast() }
        return name.isEmpty ? "table" : name
    }

    /// The longest prefix of whole characters of at most `limit` UTF-16 units (Excel counts those).
    static func truncated(_ s: String, utf16 limit: Int) -> String {
        var out = ""
        var count = 0
        for c in s {
            let n = String(c).utf16.count
            if count + n > limit { break }
            out.append(c)
            count += n
        }
        return out
    }

    /// A cell's text cut to Excel's limit (in UTF-8 bytes, as libxlsxwriter counts), at a
    /// character boundary.
    static func cellText(_ s: String) -> String {
        guard s.utf8.count > maxCellBytes else { return s }
        var out = ""
        var count = 0
        for c in s {
            let n = String(c).utf8.count
            if count + n > maxCellBytes - 3 { break }
            out.append(c)
            count += n
        }
        return out + "…"
    }

    /// Midnight UTC of the first YYYY-MM-DD date in the provenance line (the report's date), or
    /// 1 January 2000 when there is none: never the current time, so the bytes do not change.
    static func creationTime(provenance: String) -> time_t {
        let fallback: time_t = 946_684_800
        let chars = Array(provenance.utf8)
        guard chars.count >= 10 else { return fallback }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let c = chars[i]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        for start in 0...(chars.count - 10) where chars[start + 4] == 45 && chars[start + 7] == 45 {
            if start > 0, chars[start - 1] >= 48, chars[start - 1] <= 57 { continue }
            guard let y = digits(start..<start + 4), let m = digits(start + 5..<start + 7),
                  let d = digits(start + 8..<start + 10),
                  (1980...9999).contains(y), (1...12).contains(m), (1...31).contains(d) else { continue }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            guard let date = calendar.date(from: DateComponents(year: y, month: m, day: d)) else { continue }
            return time_t(date.timeIntervalSince1970)
        }
        return fallback
    }

    static func columnCount(_ table: ReportTable) -> Int {
        table.rows.reduce(table.columns.count) { max($0, $1.cells.count) }
    }

    // MARK: - Number formats

    /// The Excel number format of a number cell: the style's, with as many decimals as the
    /// report shows (`shown`), and for money the currency sign the report shows (€ unless a
    /// three-letter code is shown).
    static func numberFormat(_ style: ReportTable.NumberStyle, shown: String, language: ReportLanguage) -> String? {
        let shownDecimals = decimals(in: shown, language: language)
        func fixed(_ d: Int) -> String { d > 0 ? "0." + String(repeating: "0", count: d) : "0" }
        switch style {
        case .money:
            let d = shownDecimals ?? 0
            let body = "#,##0" + (d > 0 ? "." + String(repeating: "0", count: d) : "")
            let code = currencyCode(in: shown)
            let sign = code ?? "€"
            let gap = (code != nil || language == .nl) ? " " : ""
            return "\"\(sign)\(gap)\"" + body
        case .ratio: return fixed(shownDecimals ?? 2)
        case .percent: return fixed(shownDecimals ?? 0) + "%"
        case .probability: return fixed(shownDecimals ?? 3)
        case .integer: return "0"
        case .general: return nil
        }
    }

    /// Decimals shown after the language's decimal sign; nil when `shown` has no digits.
    static func decimals(in shown: String, language: ReportLanguage) -> Int? {
        guard shown.contains(where: { $0.isASCII && $0.isNumber }) else { return nil }
        guard let i = shown.lastIndex(of: language.decimal) else { return 0 }
        let digits = shown[shown.index(after: i)...].prefix(while: { $0.isASCII && $0.isNumber })
        return min(digits.count, 10)
    }

    /// A three-letter currency code in a shown amount ("USD 1,800"), if any.
    static func currencyCode(in shown: String) -> String? {
        let letters = shown.filter { $0.isLetter }
        guard letters.count == 3, letters.allSatisfy({ $0.isASCII && $0.isUppercase }), letters != "EUR" else { return nil }
        return letters
    }

    /// The number a shown text reads as (for the percent check), in the report's language.
    static func shownValue(_ shown: String, language: ReportLanguage) -> Double? {
        var s = ""
        for c in shown {
            if c == language.thousands || c == " " || c == "%" || c == "\u{00A0}" { continue }
            if c == language.decimal { s.append(".") } else if c == "−" { s.append("-") } else { s.append(c) }
        }
        return Double(s)
    }

    /// The value stored for a number cell. Percent cells hold shares (0.32 shown as 32%); a
    /// value that already matches the percentage shown is stored as a share.
    static func storedValue(_ value: Double, style: ReportTable.NumberStyle, shown: String, language: ReportLanguage) -> Double {
        guard style == .percent, let read = shownValue(shown, language: language), value != 0 else { return value }
        let tolerance = 0.51 * pow(10, -Double(decimals(in: shown, language: language) ?? 0))
        let asShare = abs(value * 100 - read) <= tolerance
        let asPercent = abs(value - read) <= tolerance
        return asPercent && !asShare ? value / 100 : value
    }

    /// Column width in Excel's units (characters) for the longest text in a column.
    static func width(_ characters: Int) -> Double {
        Double(min(max(characters + 2, 8), 60))
    }

    static func shownText(_ cell: ReportTable.Cell) -> String {
        switch cell {
        case .text(let s): return s
        case .number(_, _, let shown): return shown
        case .empty: return ""
        }
    }

    // MARK: - libxlsxwriter calls

    struct Book {
        let workbook: UnsafeMutablePointer<lxw_workbook>
        let path: String
        /// Formats by key, each made once (the order they are first used is fixed, so the
        /// styles part of the file is the same for the same document).
        var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]

        init(workbook: UnsafeMutablePointer<lxw_workbook>, path: String) {
            (self.workbook, self.path) = (workbook, path)
        }

        static func describe(_ status: lxw_error) -> String {
            let text = lxw_strerror(status).map { String(cString: $0) } ?? "error \(status.rawValue)"
            return "libxlsxwriter: \(text)"
        }

        func check(_ status: lxw_error, _ what: String) throws {
            guard status == LXW_NO_ERROR else {
                throw WorkbookError(path: path, "\(what): \(Book.describe(status))")
            }
        }

        mutating func format(numberFormat: String?, bold: Bool = false, italic: Bool = false,
                             right: Bool = false, size: Double? = nil) throws -> UnsafeMutablePointer<lxw_format>? {
            let key = "\(numberFormat ?? "")|\(bold)|\(italic)|\(right)|\(size ?? 0)"
            if key == "|false|false|false|0.0" { return nil }
            if let f = formats[key] { return f }
            guard let f = workbook_add_format(workbook) else {
                throw WorkbookError(path: path, "libxlsxwriter could not add a cell format (out of memory)")
            }
            if let numberFormat { format_set_num_format(f, numberFormat) }
            if bold { format_set_bold(f) }
            if italic { format_set_italic(f) }
            if right { format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
            if let size { format_set_font_size(f, size) }
            formats[key] = f
            return f
        }

        func setProperties(title: String, created: time_t) throws {
            var properties = lxw_doc_properties()
            let cTitle = strdup(WorkbookWriter.truncated(title, utf16: 255))
            let cAuthor = strdup("Rendement")
            defer { free(cTitle); free(cAuthor) }
            properties.title = cTitle
            properties.author = cAuthor
            properties.created = created
            try check(workbook_set_properties(workbook, &properties), "document properties")
        }

        func sheet(_ name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
            guard let sheet = workbook_add_worksheet(workbook, name) else {
                throw WorkbookError(path: path, "libxlsxwriter refused the sheet name \"\(name)\"")
            }
            return sheet
        }

        func text(_ sheet: UnsafeMutablePointer<lxw_worksheet>, _ row: Int, _ column: Int,
                  _ s: String, _ format: UnsafeMutablePointer<lxw_format>?) throws {
            guard !s.isEmpty else { return }
            try check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), WorkbookWriter.cellText(s), format),
                      "sheet cell \(row + 1),\(column + 1)")
        }

        mutating func writeInfoSheet(_ document: ReportDocument, name: String, sheetNames: [String]) throws {
            let nl = document.language == .nl
            let sheet = try self.sheet(name)
            let title = try format(numberFormat: nil, bold: true, size: 14)
            let bold = try format(numberFormat: nil, bold: true)
            try text(sheet, 0, 0, document.title, title)
            try text(sheet, 1, 0, document.provenance, nil)
            try text(sheet, 3, 0, nl ? "Blad" : "Sheet", bold)
            try text(sheet, 3, 1, nl ? "Tabel" : "Table", bold)
            var widest = [4, 5]
            for (i, (table, sheetName)) in zip(document.tables, sheetNames).enumerated() {
                try text(sheet, 4 + i, 0, sheetName, nil)
                try text(sheet, 4 + i, 1, table.title, nil)
                widest[0] = max(widest[0], sheetName.count)
                widest[1] = max(widest[1], table.title.count)
            }
            for c in 0..<2 {
                try check(worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), WorkbookWriter.width(widest[c]), nil), "column width")
            }
        }

        mutating func writeTableSheet(_ table: ReportTable, name: String, language: ReportLanguage) throws {
            let sheet = try self.sheet(name)
            let columns = WorkbookWriter.columnCount(table)
            let numeric = (0..<columns).map { $0 < table.columns.count && table.columns[$0].numeric }
            var widest = [Int](repeating: 0, count: columns)

            try text(sheet, 0, 0, table.title, try format(numberFormat: nil, bold: true, size: 12))
            for (c, column) in table.columns.enumerated() {
                try text(sheet, 1, c, column.header, try format(numberFormat: nil, bold: true, right: column.numeric))
                widest[c] = max(widest[c], column.header.count)
            }
            for (r, row) in table.rows.enumerated() {
                let rowIndex = WorkbookWriter.headerRows + r
                for (c, cell) in row.cells.enumerated() {
                    widest[c] = max(widest[c], WorkbookWriter.shownText(cell).count)
                    switch cell {
                    case .empty:
                        continue
                    case .text(let s):
                        try text(sheet, rowIndex, c, s, try format(numberFormat: nil, bold: row.emphasised, right: numeric[c]))
                    case .number(let value, let style, let shown):
                        guard value.isFinite else {
                            // NaN and infinities have no xlsx form: the report's text instead.
                            try text(sheet, rowIndex, c, shown, try format(numberFormat: nil, bold: row.emphasised, right: true))
                            continue
                        }
                        let f = try format(numberFormat: WorkbookWriter.numberFormat(style, shown: shown, language: language),
                                           bold: row.emphasised)
                        let stored = WorkbookWriter.storedValue(value, style: style, shown: shown, language: language)
                        try check(worksheet_write_number(sheet, lxw_row_t(rowIndex), lxw_col_t(c), stored, f),
                                  "sheet \(name) cell \(rowIndex + 1),\(c + 1)")
                    }
                }
            }
            if let caption = table.caption, !caption.isEmpty {
                try text(sheet, WorkbookWriter.headerRows + table.rows.count + 1, 0, caption,
                         try format(numberFormat: nil, italic: true))
            }
            for c in 0..<columns {
                try check(worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), WorkbookWriter.width(widest[c]), nil),
                          "column width")
            }
            worksheet_freeze_panes(sheet, lxw_row_t(WorkbookWriter.headerRows), 0)
        }
    }
}
