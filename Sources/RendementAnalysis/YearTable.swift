import RendementCore

/// Flows by project year: society's benefits, costs and net, and every stakeholder's net, each
/// undiscounted (real prices of the scenario's price level) and discounted to year 0.
///
/// The base case is exact. Means come from a run of the per-year model (the same inputs, so the
/// same random numbers) over the run's first `YearTable.maxSamples` samples at most, and carry
/// their Monte Carlo standard errors; with more samples than that, they estimate the run's
/// means within those errors. Discounted cells add up over the years to the PVs of the run.
public struct YearTable: Sendable {
    public struct Cell: Sendable {
        public var base: Double
        public var mean: Double?
        public var se: Double?
    }

    /// The series in order: benefits, costs, net, then the stakeholders.
    public let series: [YearFlow.Series]
    public let horizon: Int
    public let cells: [YearFlow: Cell]
    /// The samples behind the means, or nil when only the base case was computed.
    public let samples: Int?
    /// Why the means are missing when they were asked for (the table would not fit in memory).
    public let note: String?

    /// The most samples the means use.
    public static let maxSamples = 1 << 20
    /// The most cells (years × series × 2) a table holds; beyond it the table is left out, said so.
    public static let maxCells = 200_000

    public func cell(_ series: YearFlow.Series, year: Int, discounted: Bool) -> Cell? {
        cells[YearFlow(series: series, year: year, discounted: discounted)]
    }

    /// The table of `model`'s scenario: the base case, and with `options` the means over the
    /// first min(samples, 2^20) samples of a run with those options.
    public static func compute(_ model: CompiledModel, options: RunOptions?) throws(ScenarioError) -> YearTable {
        let scenario = model.scenario
        let size = scenario.horizon.multipliedReportingOverflow(by: 2 * (3 + scenario.stakeholders.count))
        guard !size.overflow, size.partialValue <= maxCells else {
            return YearTable(series: [], horizon: scenario.horizon, cells: [:], samples: nil,
                             note: "the table by year would hold \(size.overflow ? "too many" : Limits.grouped(size.partialValue)) cells (\(scenario.horizon) years × \(3 + scenario.stakeholders.count) series × 2), more than \(Limits.grouped(maxCells)); left out")
        }
        let table = try ModelCompiler.yearTable(scenario)
        let base = table.evaluateBase()
        var means: [Summary]?, samples: Int?, note: String?
        if var options {
            options.samples = min(options.samples, maxSamples)
            options.targetSE = nil
            do {
                try options.check(for: table)
                means = MonteCarloRunner.run(table, options: options).summaries
                samples = options.samples
            } catch {
                note = "means by year left out: \(error.message)"
            }
        }
        var cells: [YearFlow: Cell] = [:]
        var series: [YearFlow.Series] = []
        for (k, output) in table.outputs.enumerated() {
            guard case let .yearFlow(flow) = output.role else { continue }
            if flow.year == 0, !flow.discounted { series.append(flow.series) }
            cells[flow] = Cell(base: base[k], mean: means?[k].mean, se: means?[k].se)
        }
        return YearTable(series: series, horizon: model.scenario.horizon, cells: cells, samples: samples, note: note)
    }
}
