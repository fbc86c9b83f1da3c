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
        func pad(_ s: String, _ n: Int, right: Bool = true) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return right ? fill + s : s + fill
        }
        func interval(_ s: Summary) -> String {
            guard let lo = s.quantile("p05"), let hi = s.quantile("p95"), lo.isFinite, hi.isFinite else { return "n/a" }
            return "\(m(lo)) – \(m(hi))"
        }
        out.append(pad("variant", 18, right: false) + pad("base NPV", 14) + pad("base BCR", 10) + pad("mean NPV", 14) + pad("90% interval", 28) + pad("P(NPV>0)", 10) + pad("Δ mean NPV", 16) + pad("P(beats base)", 15))
        for e in c.entries {
            let npv = e.result.summary(.npv)
            let delta = e.npvDifference.map { "\(m($0.mean)) ± \(m($0.se))" } ?? "—"
            let better = e.npvDifference.map { NumberFormat.probability($0.probabilityPositive) } ?? "—"
            out.append(pad(e.name, 18, right: false) + pad(m(e.result.base(.npv)), 14) + pad(NumberFormat.ratio(e.result.base(.bcr)), 10)
                       + pad(m(npv.mean), 14) + pad(interval(npv), 28)
                       + pad(NumberFormat.probability(npv.probabilityPositive), 10) + pad(delta, 16) + pad(better, 15))
        }
        for e in c.entries where e.name != "base" {
            if let description = e.description { out.append(""); out.append("\(e.name): \(description.trimmingCharacters(in: .whitespacesAndNewlines))") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
