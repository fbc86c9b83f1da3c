import Foundation
import RendementCore

/// The base scenario and its variants run with common random numbers (every input draws the
/// same random numbers in every variant, its streams being keyed by its name), side by side:
/// each one's summary and its paired differences from the base case.
///
/// The models run together chunk by chunk, so the paired differences are exact over every
/// sample (their moments and P(variant beats base) are kept per chunk) and their quantiles are
/// exact order statistics of the first samples that fit the difference's share of the memory
/// budget (all of them up to several million). Each variant's own summary equals
/// `rendement run --variant` with the same seed and samples.
public struct VariantComparison: Sendable {
    public struct Entry: Sendable {
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
    public init(scenario: Scenario, variants names: [String]?, options: RunOptions, progress: RunProgress? = nil) throws(ScenarioError) {
        self.options = options
        let chosen = names ?? scenario.variants.map(\.name)
        var models: [(String, String?, CompiledModel)] = [("base", scenario.description, try ModelCompiler.compile(scenario))]
        for name in chosen {
            models.append((name, scenario.variant(named: name)?.description, try ModelCompiler.compile(scenario, variant: name)))
        }
        let compiled = models.map(\.2)
        // The budget in equal shares: one per model, one for all the differences.
        let share = options.memoryBudget / (compiled.count + 1)
        let differences = PairedDifferences(models: compiled, samples: options.samples, budget: share)
        // Line intervals are not compared: their samples are not kept.
        let stores = MonteCarloRunner.storesTogether(compiled, options: options, budgetShare: share, keeping: Keeping(lineQuantiles: false),
                                                     combiner: differences, progress: progress)
        entries = models.indices.map { m in
            var entry = Entry(name: models[m].0, description: models[m].1, result: stores[m].result())
            if m > 0 { (entry.npvDifference, entry.bcrDifference) = differences.summaries(variant: m) }
            return entry
        }
    }
}

/// Variant − base of NPV and BCR, chunk by chunk: per-chunk moments of every difference (over
/// every sample) and the first differences kept for exact quantiles.
final class PairedDifferences: ChunkCombiner, @unchecked Sendable {
    private let npv: [Int], bcr: [Int]
    private let variants: Int, chunks: Int, samples: Int
    /// Differences kept per column (the first `kept` samples).
    let kept: Int
    /// Column v·2 + w (w = 0 NPV, 1 BCR) of variant v + 1: chunk-major moments and kept values.
    private let moments: SharedBuffer<Moments>
    /// Uninitialised: only the values the chunks write are read.
    private let values: UnsafeMutableBufferPointer<Double>

    init(models: [CompiledModel], samples: Int, budget: Int) {
        npv = models.map { $0.outputIndex(.npv)! }
        bcr = models.map { $0.outputIndex(.bcr)! }
        variants = models.count - 1
        self.samples = samples
        chunks = (samples + RunOptions.chunkSize - 1) / RunOptions.chunkSize
        kept = min(samples, budget / max(1, 16 * variants))
        moments = .allocate(max(1, 2 * variants * chunks), initialValue: Moments())
        values = .allocate(capacity: max(1, 2 * variants * kept))
    }

    deinit {
        moments.deallocate()
        values.deallocate()
    }

    func combine(chunk: Int, firstSample: Int, rows: Int, outputs: [UnsafePointer<Double>], stride: Int) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: rows) { d in
            guard let base = d.baseAddress else { return }
            for v in 0..<variants {
                for (w, index) in [npv, bcr].enumerated() {
                    let a = outputs[v + 1] + index[v + 1] * stride, b = outputs[0] + index[0] * stride
                    for i in 0..<rows { base[i] = a[i] - b[i] }
                    let column = 2 * v + w
                    moments[column * chunks + chunk] = Moments(UnsafeBufferPointer(start: base, count: rows))
                    let keep = min(rows, kept - firstSample)
                    if keep > 0 { (values.baseAddress! + column * kept + firstSample).initialize(from: base, count: keep) }
                }
            }
        }
    }

    /// The NPV and BCR difference summaries of model `m` (a variant, m ≥ 1) from the base case.
    func summaries(variant m: Int) -> (Summary, Summary) {
        let pair = (0..<2).map { w -> Summary in
            let column = 2 * (m - 1) + w
            var total = Moments()
            for c in 0..<chunks { total.merge(moments[column * chunks + c]) }
            let held = min(kept, samples)
            let slice = UnsafeMutableBufferPointer(rebasing: values[(column * kept)..<(column * kept + held)])
            let probabilities = Quantiles.standard.map(\.p)
            let q: [Double]
            if held == samples, total.nonFinite == 0, total.count > 0 {
                // Every difference kept and finite: their extremes are known, which saves two passes.
                q = Quantiles.typeSeven(slice, at: probabilities, finiteRange: (total.min, total.max))
            } else {
                // NaN (0/0 of a BCR without costs) is left out of the quantiles.
                var n = 0
                for i in 0..<slice.count where !slice[i].isNaN { slice[n] = slice[i]; n += 1 }
                q = n > 0 ? Quantiles.typeSeven(UnsafeMutableBufferPointer(rebasing: slice[0..<n]), at: probabilities) : probabilities.map { _ in .nan }
            }
            return Summary(moments: total, quantiles: q, quantileSamples: kept, quantileRelativeError: 0)
        }
        return (pair[0], pair[1])
    }
}
