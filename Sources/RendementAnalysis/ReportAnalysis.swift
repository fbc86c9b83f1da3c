import RendementCore

/// Everything `rendement report` shows, computed (renderers in `RendementReport` only render it):
/// the run, the first samples of NPV and BCR for the figures, the tornado, and a fan chart's
/// sweep over the most influential input.
public struct ReportAnalysis: Sendable {
    /// Samples behind the histogram and the S-curve (their shapes, not their numbers: every
    /// number in the report is from all samples).
    public static let figureSamples = 1 << 16
    /// Samples behind the means of the table by year (at most).
    public static let yearTableSamples = 1 << 17
    /// Samples per point of the fan chart's sweep (at most).
    public static let fanSamples = 20_000
    /// The fan chart's points: the input's quantiles.
    public static let fanQuantiles = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]

    public let result: RunResult
    public let options: RunOptions
    /// NPV and BCR of the first `figureSamples` samples, in sample order.
    public let npvSample: [Double]
    public let bcrSample: [Double]
    public let tornado: [OneWay.Bar]
    /// Flows by year: the base case and means over the first min(samples, 2^17) samples.
    public let yearTable: YearTable
    /// The published figures beside the model.
    public let reconciliation: Reconciliation
    /// The input the fan chart sweeps, and the sweep.
    public let fan: (input: String, sweep: Sweep)?
    /// The stress test: the variants beside the base case with common random numbers (nil
    /// without variants), and the sensitivity analyses a report shows (break-even values and
    /// effect scale, total Sobol' indices, partial EVPIs).
    public let comparison: VariantComparison?
    public let sensitivity: SensitivityAnalysis?

    /// Samples of the variant comparison (at most; its differences are paired, so their
    /// standard errors are small even so).
    public static let comparisonSamples = 1 << 16
    /// Rows of the joint sample behind the partial EVPIs, and base samples of the Sobol' design.
    public static let sensitivityRows = 1 << 16
    public static let sobolBaseSamples = 1 << 11

    /// The sensitivity settings a report uses.
    static func sensitivitySettings(_ options: RunOptions) -> SensitivityAnalysis.Settings {
        var settings = SensitivityAnalysis.Settings(samples: min(options.samples, sensitivityRows), seed: options.seed, threads: options.threads,
                                                    design: options.design)
        settings.sobolBaseSamples = sobolBaseSamples
        return settings
    }
    static let sensitivityMethods: [SensitivityMethod] = [.breakEven, .sobol, .voi]

    /// The model runs a report makes: the run, the fan chart's sweep, the table by year, the
    /// variants (each with as many samples as the comparison) and the sensitivity analyses.
    public static func modelRuns(samples: Int, model: CompiledModel? = nil) -> Int {
        var runs = samples.saturatingAdd(fanQuantiles.count * min(samples, fanSamples)).saturatingAdd(min(samples, yearTableSamples))
        if let model {
            let variants = model.scenario.variants.count
            if variants > 0 { runs = runs.saturatingAdd((variants + 1).saturatingMultiply(min(samples, comparisonSamples))) }
            let options = RunOptions(samples: samples, seed: 1)
            runs = runs.saturatingAdd(SensitivityEvaluations.runCount(model, methods: sensitivityMethods, settings: sensitivitySettings(options)))
        }
        return runs
    }

    public init(model: CompiledModel, options: RunOptions, progress: RunProgress? = nil) throws(ScenarioError) {
        self.options = options
        let npv = model.outputIndex(.npv)!, bcr = model.outputIndex(.bcr)!
        let store = MonteCarloRunner.store(model, options: options, keeping: Keeping(rowOutputs: [npv, bcr], rowLimit: Self.figureSamples),
                                           progress: progress)
        npvSample = store.rows.map { Array($0.output(0)) } ?? []
        bcrSample = store.rows.map { Array($0.output(1)) } ?? []
        result = store.result()
        tornado = OneWay.tornado(model)[npv]
        // The table by year shows means rounded to their standard error: 2^17 samples suffice.
        var yearOptions = options
        yearOptions.samples = min(options.samples, Self.yearTableSamples)
        yearOptions.targetSE = nil
        yearTable = try YearTable.compute(model, options: yearOptions)
        reconciliation = try Reconciliation.compute(result, options: options)
        // The fan chart sweeps the input with the largest swing that can be fixed by name.
        let scenario = model.scenario
        if let top = tornado.first(where: { bar in scenario.input(named: bar.input).map { !$0.isInline } ?? false }),
           let input = model.inputs.first(where: { $0.name == top.input }) {
            let values = Self.fanQuantiles.map { input.distribution.quantile($0) }
            var sweepOptions = options
            sweepOptions.samples = min(options.samples, Self.fanSamples)
            fan = (input.name, try Sweep(scenario: scenario, axes: [Sweep.Axis(name: input.name, values: values)], options: sweepOptions))
        } else {
            fan = nil
        }
        if scenario.variants.isEmpty {
            comparison = nil
        } else {
            var compareOptions = options
            compareOptions.samples = min(options.samples, Self.comparisonSamples)
            compareOptions.targetSE = nil
            comparison = try VariantComparison(scenario: scenario, variants: nil, options: compareOptions, progress: progress)
        }
        sensitivity = model.analysableInputs.isEmpty ? nil
            : SensitivityAnalysis(model: model, methods: Self.sensitivityMethods, settings: Self.sensitivitySettings(options), progress: progress)
    }
}
