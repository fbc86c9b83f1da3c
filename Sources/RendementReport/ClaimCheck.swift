import RendementCore
import RendementSensitivity

/// The probability, under the scenario's stated uncertainty, that a published claim holds:
/// "BCR at least 1.5", "NPV at least 1.8 M", "BCR between 1.20 and 1.92". With its Monte Carlo
/// standard error and the inputs that matter most for it (the rank correlation of each input
/// with whether the claim holds in a sample).
public struct ClaimCheck {
    public enum Claim: Sendable {
        case bcrAtLeast(Double)
        case npvAtLeast(Double)
        case bcrBetween(Double, Double)

        func holds(npv: Double, bcr: Double) -> Bool {
            switch self {
            case let .bcrAtLeast(x): return bcr >= x
            case let .npvAtLeast(x): return npv >= x
            case let .bcrBetween(lo, hi): return bcr >= lo && bcr <= hi
            }
        }

        public var description: String {
            switch self {
            case let .bcrAtLeast(x): return "BCR ≥ \(JSONValue.format(x))"
            case let .npvAtLeast(x): return "NPV ≥ \(JSONValue.format(x))"
            case let .bcrBetween(lo, hi): return "\(JSONValue.format(lo)) ≤ BCR ≤ \(JSONValue.format(hi))"
            }
        }
    }

    public let claim: Claim
    public let result: RunResult
    public let probability: Double
    public let standardError: Double
    /// Inputs by |rank correlation| with the claim's indicator, largest first.
    public let drivers: [(input: String, correlation: Double)]
    /// Whether the claim holds in the base case.
    public let holdsInBase: Bool

    public init(model: CompiledModel, claim: Claim, options: RunOptions) {
        self.claim = claim
        let npvIndex = model.outputIndex(.npv)!, bcrIndex = model.outputIndex(.bcr)!
        let table = SampleTable(model: model, samples: options.samples, outputs: [npvIndex, bcrIndex])
        result = MonteCarloRunner.run(model, options: options, observer: table)
        let npv = table.output(0), bcr = table.output(1)
        let indicator = zip(npv, bcr).map { claim.holds(npv: $0, bcr: $1) ? 1.0 : 0.0 }
        let n = Double(indicator.count)
        probability = indicator.reduce(0, +) / n
        standardError = (probability * (1 - probability) / n).squareRoot()
        holdsInBase = claim.holds(npv: result.base(.npv), bcr: result.base(.bcr))
        if probability > 0 && probability < 1, !model.inputs.isEmpty {
            let rank = RankMeasures.analyse(inputs: (0..<model.inputs.count).map(table.input), output: indicator)
            drivers = zip(model.inputs.map(\.name), rank.spearman).sorted { abs($0.1) > abs($1.1) }.map { ($0.0, $0.1) }
        } else {
            drivers = []
        }
    }

    public func json() -> JSONValue {
        .object([
            ("scenario", .string(result.model.scenario.title)),
            ("file", .string(result.model.scenario.file)),
            ("engine", .object([("name", .string(Engine.name)), ("version", .string(Engine.version))])),
            ("claim", .string(claim.description)),
            ("samples", .integer(result.samples)),
            ("seed", .unsigned(result.seed)),
            ("design", .string(result.design)),
            ("probability", .number(probability)),
            ("se", .number(standardError)),
            ("holds_in_base_case", .bool(holdsInBase)),
            ("base", .object([("npv", .finite(result.base(.npv))), ("bcr", .finite(result.base(.bcr)))])),
            ("npv", RunReport.summary(result.summary(.npv))),
            ("bcr", RunReport.summary(result.summary(.bcr))),
            ("drivers", .array(drivers.map { .object([("input", .string($0.input)), ("rank_correlation", .finite($0.correlation))]) })),
        ])
    }

    public func text() -> String {
        var out = ["CLAIM CHECK · \(result.model.scenario.title)",
                   "claim: \(claim.description)",
                   "P(claim holds) = \(NumberFormat.probability(probability)) ± \(NumberFormat.probability(standardError)) (Monte Carlo standard error), \(NumberFormat.grouped(Int64(result.samples))) samples, seed \(result.seed)",
                   "base case: NPV \(NumberFormat.money(result.base(.npv))), BCR \(NumberFormat.ratio(result.base(.bcr))): the claim \(holdsInBase ? "holds" : "does not hold") in the base case",
                   "BCR 90% interval \(NumberFormat.ratio(result.summary(.bcr).quantile("p05")!)) – \(NumberFormat.ratio(result.summary(.bcr).quantile("p95")!))"]
        if !drivers.isEmpty {
            out.append("")
            out.append("what the claim depends on most (rank correlation with the claim holding):")
            for d in drivers.prefix(8) { out.append("  \(d.input.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(format: "%+.3f", d.correlation))") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

import Foundation
