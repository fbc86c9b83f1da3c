import Foundation
import RendementAnalysis
import RendementCore

/// A comparison of variants as JSON (`rendement compare --format json`) or text.
public enum ComparisonReport {
    public static func json(_ c: VariantComparison) -> JSONValue {
        let first = c.entries[0].result
        return .object(RunReport.commonRandomNumbersHeader(first) + [
            ("variants", .array(c.entries.map { e in
                var pairs: [(String, JSONValue)] = [
                    ("name", .string(e.name)),
                    ("description", e.description.map { .string($0) } ?? .null),
                    ("base", .object([("npv", .finite(e.result.base(.npv))), ("bcr", .finite(e.result.base(.bcr))),
                                      ("pv_benefits", .finite(e.result.base(.pvBenefits))), ("pv_costs", .finite(e.result.base(.pvCosts)))])),
                    ("npv", RunReport.summary(e.result.summary(.npv))),
                    ("bcr", RunReport.summary(e.result.summary(.bcr))),
                    ("probability_positive", .number(e.result.summary(.npv).probabilityPositive)),
                ]
                if let d = e.npvDifference, let b = e.bcrDifference {
                    pairs.append(("difference", .object([
                        ("npv", RunReport.summary(d)),
                        ("bcr", RunReport.summary(b)),
                        ("probability_better", .number(d.probabilityPositive)),
                        ("probability_better_se", .number(d.moments.probabilityPositiveError)),
                        ("quantile_samples", .integer(d.quantileSamples)),
                    ])))
                }
                return .object(pairs)
            })),
        ])
    }

    public static func text(_ c: VariantComparison) -> String {
        let m = NumberFormat.money
        var out = ["COMPARISON · \(c.entries[0].result.model.scenario.title)",
                   "\(NumberFormat.grouped(Int64(c.options.samples))) samples · seed \(c.options.seed) · common random numbers (paired differences against the base case)", ""]
        func interval(_ s: Summary) -> String {
            guard let lo = s.quantile("p05"), let hi = s.quantile("p95"), lo.isFinite, hi.isFinite else { return "n/a" }
            return "\(m(lo)) – \(m(hi))"
        }
        // Columns as wide as their widest cell, two spaces apart: long names and negative
        // differences never run into each other.
        var rows = [["variant", "base NPV", "base BCR", "mean NPV", "90% interval", "P(NPV>0)", "Δ mean NPV", "P(beats base)"]]
        for e in c.entries {
            let npv = e.result.summary(.npv)
            rows.append([e.name, m(e.result.base(.npv)), NumberFormat.ratio(e.result.base(.bcr)), m(npv.mean), interval(npv),
                         NumberFormat.probability(npv.probabilityPositive),
                         e.npvDifference.map { "\(m($0.mean)) ± \(m($0.se))" } ?? "—",
                         e.npvDifference.map { NumberFormat.probability($0.probabilityPositive) } ?? "—"])
        }
        let widths = rows[0].indices.map { col in rows.map { $0[col].count }.max() ?? 0 }
        for row in rows {
            out.append(row.enumerated().map { col, cell in
                let fill = String(repeating: " ", count: widths[col] - cell.count)
                return col == 0 ? cell + fill : fill + cell
            }.joined(separator: "  "))
        }
        for e in c.entries where e.name != "base" {
            if let description = e.description { out.append(""); out.append("\(e.name): \(description.trimmingCharacters(in: .whitespacesAndNewlines))") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
