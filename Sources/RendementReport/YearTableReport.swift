import RendementAnalysis
import RendementCore

/// Renders the per-year table (`YearTable`): JSON, a text table, CSV.
public enum YearTableReport {
    static func label(_ series: YearFlow.Series) -> String {
        switch series {
        case .benefits: return "benefits"
        case .costs: return "costs"
        case .net: return "net"
        case let .stakeholder(id): return id
        }
    }

    public static func json(_ table: YearTable) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("note", .string("flows by project year: society's benefits (transfers excluded), costs and net, and each stakeholder's net; nominal = real prices, undiscounted; present = discounted to year 0"
                             + (table.samples.map { "; means over the first \($0) samples, with their standard errors" } ?? "; base case only (means with --by-year)"))),
        ]
        if let note = table.note { pairs.append(("warning", .string(note))) }
        pairs.append(("years", .array((0..<table.horizon).map { year in
            var row: [(String, JSONValue)] = [("year", .integer(year))]
            for series in table.series {
                var cell: [(String, JSONValue)] = []
                for discounted in [false, true] {
                    guard let c = table.cell(series, year: year, discounted: discounted) else { continue }
                    var values: [(String, JSONValue)] = [("base", .finite(c.base))]
                    if let mean = c.mean { values.append(("mean", .finite(mean))) }
                    if let se = c.se { values.append(("se", .finite(se))) }
                    cell.append((discounted ? "present" : "nominal", .object(values)))
                }
                row.append((label(series), .object(cell)))
            }
            return .object(row)
        })))
        return .object(pairs)
    }

    /// CSV: one row per year, series and view (nominal, present), with base, mean and se.
    public static func csv(_ table: YearTable) -> String {
        var lines = ["year,series,view,base,mean,se"]
        for year in 0..<table.horizon {
            for series in table.series {
                for discounted in [false, true] {
                    guard let c = table.cell(series, year: year, discounted: discounted) else { continue }
                    lines.append([String(year), SampleExport.quote(label(series)), discounted ? "present" : "nominal", JSONValue.format(c.base),
                                  c.mean.map(JSONValue.format) ?? "", c.se.map(JSONValue.format) ?? ""].joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A text table of the present values by year: base case, and means when computed.
    public static func text(_ table: YearTable, currency: String) -> String {
        let useMeans = table.samples != nil
        var out = "FLOWS BY YEAR (\(currency), present values, \(useMeans ? "means over \(Limits.grouped(table.samples!)) samples" : "base case"))\n"
        let header = ["year"] + table.series.map(label)
        var rows = [header]
        for year in 0..<table.horizon {
            rows.append([String(year)] + table.series.map { series in
                guard let c = table.cell(series, year: year, discounted: true) else { return "" }
                return NumberFormat.money(useMeans ? (c.mean ?? c.base) : c.base)
            })
        }
        let widths = header.indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
        for row in rows {
            out += row.enumerated().map { i, cell in i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[i] - cell.count) + cell }.joined(separator: "  ") + "\n"
        }
        if let note = table.note { out += "(\(note))\n" }
        return out
    }
}
