import RendementCore

/// Each published figure of a scenario beside the model: the model's base-case value, whether
/// it matches within the figure's tolerance (and by how much it misses), and the probability
/// that the figure holds under the stated uncertainty (at least, at most, or about the figure,
/// as its `claim` says), with its Monte Carlo standard error.
///
/// Figures of the base case are read from the run's own moments (exact counts over every
/// sample). Figures of a variant come from a run of that variant with the same seed and design
/// over min(samples, `variantSamples`) samples.
public struct Reconciliation: Sendable {
    public struct Row: Sendable {
        public var figure: PublishedFigure
        /// The model's base-case value of what the figure is of.
        public var model: Double
        public var difference: Double { model - figure.value }
        /// Within the tolerance of the figure; for a bound, on its side of it.
        public var matches: Bool {
            let slack = figure.tolerance * (1 + 1e-12)
            guard figure.isBound else { return abs(difference) <= slack }
            switch figure.claim {
            case .atLeast: return difference >= -slack
            case .atMost: return difference <= slack
            case .about: return abs(difference) <= slack
            }
        }
        /// P(the figure holds) and its standard error; the samples behind it.
        public var probability: Double
        public var probabilityError: Double
        public var samples: Int
    }

    public let rows: [Row]
    /// True when the source published no estimate (`published: none`).
    public let noPublishedEstimate: Bool

    public static let variantSamples = 1 << 16

    /// Reconciles `result`'s scenario. `options` are the run's, for the variants' runs.
    public static func compute(_ result: RunResult, options: RunOptions) throws(ScenarioError) -> Reconciliation {
        let model = result.model, scenario = model.scenario
        guard let section = scenario.published else { return Reconciliation(rows: [], noPublishedEstimate: false) }
        var variantResults: [String: RunResult] = [:]
        var rows: [Row] = []
        for (i, figure) in section.figures.enumerated() {
            var source = result
            // A figure describes the base case or one variant; a run of a variant reconciles its own.
            if figure.variant != scenario.appliedVariant {
                guard let name = figure.variant, scenario.variant(named: name) != nil else { continue }
                if variantResults[name] == nil {
                    let variant = try ModelCompiler.compile(scenario, variant: name)
                    var o = options
                    o.samples = min(options.samples, variantSamples)
                    o.targetSE = nil
                    variantResults[name] = MonteCarloRunner.store(variant, options: o, keeping: Keeping(outputQuantiles: false)).result()
                }
                source = variantResults[name]!
            }
            let m = source.model
            guard let value = m.outputIndex(.published(i, test: false)), let test = m.outputIndex(.published(i, test: true)) else { continue }
            let holds = source.summaries[test]
            rows.append(Row(figure: figure, model: source.base[value], probability: holds.probabilityPositive,
                            probabilityError: holds.probabilityPositiveError, samples: source.samples))
        }
        return Reconciliation(rows: rows, noPublishedEstimate: section.none)
    }
}
