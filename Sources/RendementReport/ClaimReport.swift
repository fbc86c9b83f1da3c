import Foundation
import RendementAnalysis
import RendementCore

extension ClaimCheck.Claim {
    /// "BCR ≥ 1.5", "NPV ≥ 1800000", "1.2 ≤ BCR ≤ 1.92".
    public var description: String {
        switch self {
        case let .bcrAtLeast(x): return "BCR ≥ \(JSONValue.format(x))"
        case let .npvAtLeast(x): return "NPV ≥ \(JSONValue.format(x))"
        case let .bcrBetween(lo, hi): return "\(JSONValue.format(lo)) ≤ BCR ≤ \(JSONValue.format(hi))"
        }
    }
}

/// A claim check as JSON (`rendement claim --format json`) or text.
public enum ClaimReport {
    public static func json(_ c: ClaimCheck) -> JSONValue {
        let result = c.result
        return .object([
            ("scenario", .string(result.model.scenario.title)),
            ("file", .string(result.model.scenario.file)),
            ("engine", .object([("name", .string(Engine.name)), ("version", .string(Engine.version))])),
            ("claim", .string(c.claim.description)),
            ("samples", .integer(result.samples)),
            ("seed", .unsigned(result.seed)),
            ("design", .string(result.design)),
            ("probability", .finite(c.probability)),
            ("se", .finite(c.standardError)),
            ("holds_in_base_case", .bool(c.holdsInBase)),
            ("base", .object([("npv", .finite(result.base(.npv))), ("bcr", .finite(result.base(.bcr)))])),
            ("npv", RunReport.summary(result.summary(.npv))),
            ("bcr", RunReport.summary(result.summary(.bcr))),
            ("drivers", .array(c.drivers.map { .object([("input", .string($0.input)), ("rank_correlation", .finite($0.correlation))]) })),
            ("drivers_samples", .integer(c.driverSamples)),
            ("drivers_note", .string("rank correlations of each input with the claim holding, from the first \(c.driverSamples) samples (standard error about \(String(format: "%.3f", 1 / Double(max(1, c.driverSamples - 3)).squareRoot()))); the probability counts every sample")),
        ])
    }

    public static func text(_ c: ClaimCheck) -> String {
        let result = c.result
        let bcr = result.summary(.bcr)
        var out = ["CLAIM CHECK · \(result.model.scenario.title)",
                   "claim: \(c.claim.description)",
                   "P(claim holds) = \(NumberFormat.probability(c.probability)) ± \(NumberFormat.probability(c.standardError)) (Monte Carlo standard error), \(NumberFormat.grouped(Int64(result.samples))) samples, seed \(result.seed)",
                   "base case: NPV \(NumberFormat.money(result.base(.npv))), BCR \(NumberFormat.ratio(result.base(.bcr))): the claim \(c.holdsInBase ? "holds" : "does not hold") in the base case"]
        if bcr.moments.count > 0, let lo = bcr.quantile("p05"), let hi = bcr.quantile("p95") {
            out.append("BCR 90% interval \(NumberFormat.ratio(lo)) – \(NumberFormat.ratio(hi))")
        }
        if !c.drivers.isEmpty {
            out.append("")
            out.append("what the claim depends on most (rank correlation with the claim holding, first \(NumberFormat.grouped(Int64(c.driverSamples))) samples):")
            for d in c.drivers.prefix(8) { out.append("  \(d.input.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(format: "%+.3f", d.correlation))") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
