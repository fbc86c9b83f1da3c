import Foundation
import Testing
@testable import RendementReport

/// The report's xlsx workbook, read back from the zip file it is.
@Suite struct WorkbookTests {
    typealias Cell = ReportTable.Cell

    /// A Dutch document with a number of every style, an emphasised row, a number that is not
    /// finite, a table id that breaks Excel's sheet-name rules and a repeated id.
    static func document(language: ReportLanguage = .nl) -> ReportDocument {
        let overview = ReportTable(
            id: "overview",
            title: "Kosten en baten",
            columns: [.init("Post", numeric: false), .init("Contante waarde"), .init("B/K"), .init("Aandeel"),
                      .init("Kans"), .init("Jaar"), .init("Overig")],
            rows: [
                .init([.text("Baten"), .number(1_800_000, style: .money, shown: "€ 1.800.000"),
                       .number(1.47, style: .ratio, shown: "1,47"), .number(0.32, style: .percent, shown: "32%"),
                       .number(0.125, style: .probability, shown: "0,125"), .number(2030, style: .integer, shown: "2030"),
                       .number(3.5, style: .general, shown: "3,5")]),
                .init([.text("Onbekend"), .number(.nan, style: .money, shown: "n.v.t."), .empty, .empty, .empty, .empty, .empty]),
                .init([.text("Totaal"), .number(-250_000, style: .money, shown: "−€ 250.000"),
                       .number(0.91, style: .ratio, shown: "0,91"), .number(0.5, style: .percent, shown: "50%"),
                       .empty, .empty, .empty], emphasised: true),
            ],
            caption: "Bedragen in euro van 2026, contant gemaakt tegen 2,25%.")
        let byYear = ReportTable(
            id: "by-year/[detail]: a very long table id indeed",
            title: "Per jaar",
            columns: [.init("Jaar"), .init("Saldo")],
            rows: (0..<3).map { i in
                .init([.number(Double(2026 + i), style: .integer, shown: "\(2026 + i)"),
                       .number(Double(i) * 1000, style: .money, shown: "€ \(i).000")])
            })
        let again = ReportTable(id: "overview", title: "Nog eens", columns: [.init("A", numeric: false)], rows: [.init([.text("x")])])
        return ReportDocument(
            title: "MKBA Voorbeeld",
            language: language,
            provenance: "scenario voorbeeld.yaml (sha256 ab12…), seed 1, 100000 trekkingen, Sobol, rendement 0.9, 2026-03-01",
            sections: [
                .init(id: "overview", heading: "Overzicht", blocks: [.paragraph("Tekst"), .table(overview)]),
                .init(id: "years", heading: "Per jaar", blocks: [.table(byYear), .table(again)], isAppendix: true),
            ])
    }

    static func temporaryFile(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rendement-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// One member of the zip file, as text (`unzip -p`).
    static func member(_ xlsx: String, _ name: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", xlsx, name]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "unzip -p \(xlsx) \(name) failed")
        return String(decoding: data, as: UTF8.self)
    }

    /// The `<c …>…</c>` element of a cell (`B3`), or nil.
    static func cell(_ reference: String, in sheet: String) -> String? {
        guard let start = sheet.range(of: "<c r=\"\(reference)\"") else { return nil }
        let rest = sheet[start.lowerBound...]
        if let selfClosing = rest.range(of: "/>"), let close = rest.range(of: "</c>"), selfClosing.lowerBound < close.lowerBound,
           !rest[..<selfClosing.lowerBound].contains(">") {
            return String(rest[..<selfClosing.upperBound])
        }
        guard let close = rest.range(of: "</c>") else { return nil }
        return String(rest[..<close.upperBound])
    }

    static func styleIndex(_ cell: String?) -> String? {
        guard let cell, let r = cell.range(of: " s=\"") else { return nil }
        return String(cell[r.upperBound...].prefix(while: { $0 != "\"" }))
    }

    @Test func sheetsAreNamedByTableIdsAfterAnInfoSheet() throws {
        let path = try Self.temporaryFile("rapport.xlsx")
        try WorkbookWriter.write(Self.document(), to: path)
        let workbook = try Self.member(path, "xl/workbook.xml")
        let names = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { String($0.prefix(while: { $0 != "\"" })) }
        #expect(names == ["over", "overview", "by-year--detail-- a very long t", "overview-2"])
        #expect(names.allSatisfy { $0.count <= 31 })

        let english = try Self.temporaryFile("report.xlsx")
        try WorkbookWriter.write(Self.document(language: .en), to: english)
        #expect(try Self.member(english, "xl/workbook.xml").contains("<sheet name=\"info\""))

        let info = try Self.member(path, "xl/sharedStrings.xml")
        #expect(info.contains("MKBA Voorbeeld"))
        #expect(info.contains("seed 1, 100000 trekkingen"))
        #expect(info.contains("Bedragen in euro van 2026"))   // the caption
    }

    @Test func numbersAreStoredAsNumbersWithMatchingFormats() throws {
        let path = try Self.temporaryFile("rapport.xlsx")
        try WorkbookWriter.write(Self.document(), to: path)
        let sheet = try Self.member(path, "xl/worksheets/sheet2.xml")
        // Title in A1, header in row 2, the first row of numbers in row 3.
        let expected = ["B3": "1800000", "C3": "1.47", "D3": "0.32", "E3": "0.125", "F3": "2030", "G3": "3.5", "B5": "-250000"]
        for (reference, value) in expected {
            let c = try #require(Self.cell(reference, in: sheet), "no cell \(reference)")
            #expect(c.contains("<v>\(value)</v>"), "\(reference): \(c)")
            #expect(!c.contains("t=\"s\""), "\(reference) is a string: \(c)")
        }
        // NaN is not a number in xlsx: the report's text goes in instead.
        let notAvailable = try #require(Self.cell("B4", in: sheet))
        #expect(notAvailable.contains("t=\"s\""))
        #expect(!sheet.lowercased().contains(">nan<"))
        // The header row is frozen (with the title above it).
        #expect(sheet.contains("ySplit=\"2\""))
        #expect(sheet.contains("state=\"frozen\""))
        #expect(sheet.contains("<col "))   // widths from content

        let styles = try Self.member(path, "xl/styles.xml")
        for code in ["&quot;€ &quot;#,##0", "0.00", "0%", "0.000"] {
            #expect(styles.contains("formatCode=\"\(code)\""), "\(code) missing in styles.xml")
        }
        // The emphasised row has a style of its own (bold) for the same number format.
        #expect(Self.styleIndex(Self.cell("B5", in: sheet)) != Self.styleIndex(Self.cell("B3", in: sheet)))
        #expect(styles.contains("<b/>"))
    }

    @Test func theSameDocumentGivesTheSameBytes() throws {
        let a = try Self.temporaryFile("a.xlsx"), b = try Self.temporaryFile("b.xlsx")
        try WorkbookWriter.write(Self.document(), to: a)
        try WorkbookWriter.write(Self.document(), to: b)
        let bytesA = try Data(contentsOf: URL(fileURLWithPath: a)), bytesB = try Data(contentsOf: URL(fileURLWithPath: b))
        #expect(bytesA == bytesB)
        // The creation time is the report's date, not the time of writing.
        let core = try Self.member(a, "docProps/core.xml")
        #expect(core.contains("2026-03-01T00:00:00Z"))
        #expect(!bytesA.isEmpty)
        // Temporary files' names never reach the workbook.
        #expect(!String(decoding: bytesA, as: UTF8.self).contains("/tmp"))
    }

    @Test func anUnwritablePathThrowsNamingThePath() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/rapport.xlsx"
        do {
            try WorkbookWriter.write(Self.document(), to: missing)
            Issue.record("no error for \(missing)")
        } catch let error as WorkbookError {
            #expect(error.description.contains(missing))
            #expect(error.localizedDescription.contains(missing))
        }
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: WorkbookError.self) { try WorkbookWriter.write(Self.document(), to: folder) }
        #expect(throws: WorkbookError.self) { try WorkbookWriter.write(Self.document(), to: "") }
    }

    @Test func sheetNamesFollowExcelsRules() {
        let names = WorkbookWriter.sheetNames(
            ["a:b", "'quoted'", "", "History", String(repeating: "x", count: 40), String(repeating: "x", count: 40), "Over", "?*"],
            reserved: ["over"])
        #expect(names == ["a-b", "quoted", "table", "History-2", String(repeating: "x", count: 31),
                          String(repeating: "x", count: 29) + "-2", "Over-2", "--"])
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
    }

    @Test func numberFormatsFollowTheShownPrecision() {
        #expect(WorkbookWriter.numberFormat(.ratio, shown: "1,473", language: .nl) == "0.000")
        #expect(WorkbookWriter.numberFormat(.percent, shown: "32.5%", language: .en) == "0.0%")
        #expect(WorkbookWriter.numberFormat(.money, shown: "€1,800,000", language: .en) == "\"€\"#,##0")
        #expect(WorkbookWriter.numberFormat(.money, shown: "USD 1,800,000", language: .en) == "\"USD \"#,##0")
        #expect(WorkbookWriter.numberFormat(.integer, shown: "2.030", language: .nl) == "0")
        #expect(WorkbookWriter.numberFormat(.general, shown: "3,5", language: .nl) == nil)
        // A percent value given in percent units is stored as a share.
        #expect(WorkbookWriter.storedValue(32, style: .percent, shown: "32%", language: .nl) == 0.32)
        #expect(WorkbookWriter.storedValue(0.32, style: .percent, shown: "32%", language: .nl) == 0.32)
        #expect(WorkbookWriter.creationTime(provenance: "no date") == 946_684_800)
        #expect(WorkbookWriter.creationTime(provenance: "x 2026-03-01 y") == 1_772_323_200)
    }
}
