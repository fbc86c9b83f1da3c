import RendementCore
import RendementSensitivity

/// The base scenario and its variants run with common random numbers (every input draws the
/// same random numbers in every variant, its streams being keyed by its name), with each
/// variant's summary and the paired differences from the base case.
public struct VariantComparison {
    public struct Entry {
        public var name: String
        public var description: String?
        public var result: RunResult
        /// Paired differences variant − base, per sample.
        public var npvDifference: Summary?
        public var bcrDifference: Summary?
    }

    public let entries: [Entry]
    public let options: RunOptions

    /// Runs `base` and `variants` (names; all of the file's when nil).
    public init(scenario: Scenario, variants names: [String]?, options: RunOptions) throws(ScenarioError) {
        self.options = options
        let chosen = names ?? scenario.variants.map(\.name)
        var models: [(String, String?, CompiledModel)] = [("base", scenario.description, try ModelCompiler.compile(scenario))]
        for name in chosen {
            models.append((name, scenario.variant(named: name)?.description, try ModelCompiler.compile(scenario, variant: name)))
        }
        var baseTable: SampleTable?
        var entries: [Entry] = []
        for (name, description, model) in models {
            let table = SampleTable(model: model, samples: options.samples, outputs: [model.outputIndex(.npv)!, model.outputIndex(.bcr)!])
            let result = MonteCarloRunner.run(model, options: options, observer: table)
            var entry = Entry(name: name, description: description, result: result)
            if let baseTable {
                entry.npvDifference = Self.difference(table.output(0), baseTable.output(0))
                entry.bcrDifference = Self.difference(table.output(1), baseTable.output(1))
            } else {
                baseTable = table
            }
            entries.append(entry)
        }
        self.entries = entries
    }

    static func difference(_ a: [Double], _ b: [Double]) -> Summary {
        var d = zip(a, b).map { $0 - $1 }
        let moments = d.withUnsafeBufferPointer { Moments($0) }
        let quantiles = Quantiles.typeSeven(d, at: Quantiles.standard.map(\.p))
        d.removeAll()
        return Summary(moments: moments, quantiles: quantiles, quantileSamples: a.count, quantileRelativeError: 0)
    }

    public func json() -> JSONValue {
        let first = entries[0].result
        return .object(RunReport.commonRandomNumbersHeader(first) + [
            ("variants", .array(entries.map { e in
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
                    ])))
                }
                return .object(pairs)
            })),
        ])
    }

    public func text() -> String {
        let m = NumberFormat.money
        var out = ["COMPARISON · \(entries[0].result.model.scenario.title)",
                   "\(NumberFormat.grouped(Int64(options.samples))) samples · seed \(options.seed) · common random numbers (paired differences against the base case)", ""]
        func pad(_ s: String, _ n: Int, right: Bool = true) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return right ? fill + s : s + fill
        }
        out.append(pad("variant", 18, right: false) + pad("base NPV", 14) + pad("base BCR", 10) + pad("mean NPV", 14) + pad("90% interval", 28) + pad("P(NPV>0)", 10) + pad("Δ mean NPV", 16) + pad("P(beats base)", 15))
        for e in entries {
            let npv = e.result.summary(.npv)
            let delta = e.npvDifference.map { "\(m($0.mean)) ± \(m($0.se))" } ?? "—"
            let better = e.npvDifference.map { NumberFormat.probability($0.probabilityPositive) } ?? "—"
            out.append(pad(e.name, 18, right: false) + pad(m(e.result.base(.npv)), 14) + pad(NumberFormat.ratio(e.result.base(.bcr)), 10)
                       + pad(m(npv.mean), 14) + pad("\(m(npv.quantile("p05")!)) – \(m(npv.quantile("p95")!))", 28)
                       + pad(NumberFormat.probability(npv.probabilityPositive), 10) + pad(delta, 16) + pad(better, 15))
        }
        for e in entries where e.description != nil && e.name != "base" { out.append(""); out.append("\(e.name): \(e.description!.trimmingCharacters(in: .whitespacesAndNewlines))") }
        return out.joined(separator: "\n") + "\n"
    }
}

import Foundation
