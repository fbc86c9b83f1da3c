import Foundation
import RendementCore

/// How the answer depends on whose estimate is taken: for each input pooled from several
/// experts, the scenario run with the pool and with each expert's estimate alone, with common
/// random numbers (every other input draws the same numbers in every run), side by side.
///
/// Each run's summary is exact over its samples (as `rendement run`); the paired differences
/// expert − pool are exact in mean and P(expert > pool) over every sample.
public struct ExpertDisagreement: Sendable {
    public struct Row: Sendable {
        /// The expert's name, or "pool".
        public var name: String
        /// The expert's weight in the pool (nil for the pool itself).
        public var weight: Double?
        public var result: RunResult
        /// Paired differences expert − pool of NPV.
        public var npvDifference: Summary?
    }

    public struct Entry: Sendable {
        public var input: String
        /// The pool first, then each expert.
        public var rows: [Row]
    }

    public let entries: [Entry]
    public let options: RunOptions

    /// The inputs of `model` pooled from experts: their index and their experts.
    public static func pooledInputs(_ model: CompiledModel) -> [(index: Int, experts: [ExpertEstimate])] {
        model.analysableInputs.compactMap { entry in
            guard let definition = model.scenario.inputs.first(where: { $0.name == entry.input.name }),
                  let experts = definition.experts, experts.count >= 2 else { return nil }
            return (entry.index, experts)
        }
    }

    /// The model runs the analysis makes.
    public static func runCount(_ model: CompiledModel, samples: Int) -> Int {
        pooledInputs(model).reduce(0) { $0.saturatingAdd(samples.saturatingMultiply($1.experts.count + 1)) }
    }

    public init(model: CompiledModel, options: RunOptions, progress: RunProgress? = nil) {
        var options = options
        options.targetSE = nil
        self.options = options
        entries = Self.pooledInputs(model).map { pooled in
            let models = [model] + pooled.experts.map { model.replacingInput(pooled.index, distribution: $0.distribution, base: $0.distribution.naturalBase) }
            let share = options.memoryBudget / (models.count + 1)
            let differences = PairedDifferences(models: models, samples: options.samples, budget: share)
            let stores = MonteCarloRunner.storesTogether(models, options: options, budgetShare: share, keeping: Keeping(lineQuantiles: false),
                                                         combiner: differences, progress: progress)
            let rows = models.indices.map { m -> Row in
                if m == 0 { return Row(name: "pool", weight: nil, result: stores[0].result(), npvDifference: nil) }
                let expert = pooled.experts[m - 1]
                return Row(name: expert.name, weight: expert.weight, result: stores[m].result(), npvDifference: differences.summaries(variant: m).0)
            }
            return Entry(input: model.inputs[pooled.index].name, rows: rows)
        }
    }
}
