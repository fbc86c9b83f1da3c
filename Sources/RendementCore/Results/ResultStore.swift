import Foundation

/// What one run keeps, at the centre of every analysis: its model and options (design, seed,
/// samples), each chunk's moments of every output (exact means, standard errors and P(> 0) at
/// any sample count), the main outputs' samples for exact quantiles within the memory budget,
/// and, when asked, the first rows of inputs and outputs in sample order for joint analyses.
///
/// A store is filled by `MonteCarloRunner` (or by merging part files: `ResultStore+Parts`),
/// read by the analyses, and summarised once by `result()`. Its memory is bounded: per-chunk
/// moments grow with the number of chunks (56 bytes per output per 8,192 samples), the kept
/// samples never exceed `options.memoryBudget`.
public final class ResultStore: @unchecked Sendable {
    public let model: CompiledModel
    public let options: RunOptions
    /// Samples the store has room for (the run's, or `maxSamples` with a target standard error).
    public let capacity: Int
    let chunkCapacity: Int
    /// Chunk-major: `partial[c * outputs + k]` holds chunk c's moments of output k.
    let partial: SharedBuffer<Moments>
    let stores: [OutputStore]
    let trustsExtremes: Bool
    /// The first rows in sample order, if the analyses asked for them.
    public let rows: RowSample?
    /// Samples computed so far.
    public internal(set) var samples = 0
    /// With a target standard error: whether it was reached before `maxSamples`.
    public internal(set) var targetReached = true
    /// Summarising selects quantiles in place (it reorders the kept values), so it happens once.
    private var summarised: RunResult?
    private let lock = NSLock()

    /// An empty store for up to `capacity` samples of `model`, keeping what `keeping` asks for.
    /// `trustsExtremes`: whether the per-chunk moments' extremes may guide the quantile selection
    /// (false for a store merged from part files, whose values are checked as they are read).
    public init(model: CompiledModel, options: RunOptions, capacity: Int, keeping: Keeping = .outputs, trustsExtremes: Bool = true) {
        self.trustsExtremes = trustsExtremes
        self.model = model
        self.options = options
        self.capacity = capacity
        chunkCapacity = (capacity + RunOptions.chunkSize - 1) / RunOptions.chunkSize
        partial = SharedBuffer<Moments>.allocate(chunkCapacity * model.outputs.count, initialValue: Moments())
        var budget = options.memoryBudget
        if keeping.rowLimit > 0 {
            // Rows take up to half the budget when output quantiles are kept too, all of it otherwise.
            let share = keeping.outputQuantiles ? budget / 2 : budget
            let bytes = RowSample.rowBytes(inputs: model.inputs.count, outputs: keeping.rowOutputs.count)
            let count = min(keeping.rowLimit, capacity, share / bytes)
            rows = RowSample(rows: count, inputs: model.inputs.count, outputs: keeping.rowOutputs)
            budget -= count * bytes
        } else {
            rows = nil
        }
        stores = keeping.outputQuantiles ? MonteCarloRunner.makeStores(model, samples: capacity, budget: budget, lines: keeping.lineQuantiles) : []
    }

    deinit { partial.deallocate() }

    /// Whether the main outputs' samples are kept (quantiles), or only their moments.
    public var keepsQuantiles: Bool { !stores.isEmpty }

    /// Chunks computed so far.
    var chunksDone: Int { (samples + RunOptions.chunkSize - 1) / RunOptions.chunkSize }

    /// The moments of output k over all samples computed (chunks merged in order).
    public func moments(of k: Int) -> Moments {
        MonteCarloRunner.merged(partial, output: k, outputs: model.outputs.count, chunks: chunksDone)
    }

    /// The summary of every output, the base case and the convergence trace. Computed once:
    /// selecting the quantiles reorders the kept samples.
    public func result() -> RunResult {
        lock.lock()
        defer { lock.unlock() }
        if let summarised { return summarised }
        let result = MonteCarloRunner.summarize(self)
        summarised = result
        return result
    }
}
