import RendementCore

/// The probability, under the scenario's stated uncertainty, that a published claim holds:
/// "BCR at least 1.5", "NPV at least 1.8 M", "BCR between 1.20 and 1.92".
///
/// The probability is a count over every sample (exact, kept chunk by chunk during the run), with
/// its Monte Carlo standard error. The inputs the claim depends on most are ranked by the rank
/// correlation of each input with whether the claim holds, estimated from the first
/// `ClaimCheck.driverRows` samples (standard error about 1/√rows).
public struct ClaimCheck: Sendable {
    public enum Claim: Sendable {
        case bcrAtLeast(Double)
        case npvAtLeast(Double)
        case bcrBetween(Double, Double)

        @inline(__always)
        public func holds(npv: Double, bcr: Double) -> Bool {
            switch self {
            case let .bcrAtLeast(x): return bcr >= x
            case let .npvAtLeast(x): return npv >= x
            case let .bcrBetween(lo, hi): return bcr >= lo && bcr <= hi
            }
        }
    }

    /// Rows behind the drivers' rank correlations.
    public static let driverRows = 1 << 16

    public let claim: Claim
    public let result: RunResult
    public let probability: Double
    public let standardError: Double
    /// Inputs by |rank correlation| with the claim's indicator, largest first.
    public let drivers: [(input: String, correlation: Double)]
    /// The samples the drivers were estimated from.
    public let driverSamples: Int
    /// Whether the claim holds in the base case.
    public let holdsInBase: Bool

    public init(model: CompiledModel, claim: Claim, options: RunOptions, progress: RunProgress? = nil) {
        self.claim = claim
        let npv = model.outputIndex(.npv)!, bcr = model.outputIndex(.bcr)!
        let capacity = options.targetSE == nil ? options.samples : max(options.samples, options.maxSamples)
        let tally = ChunkTally(chunks: (capacity + RunOptions.chunkSize - 1) / RunOptions.chunkSize) { y, stride, i in
            claim.holds(npv: y[npv * stride + i], bcr: y[bcr * stride + i])
        }
        let store = MonteCarloRunner.store(model, options: options, keeping: Keeping(rowOutputs: [npv, bcr], rowLimit: Self.driverRows),
                                           observer: tally, progress: progress)
        result = store.result()
        (probability, standardError) = tally.share(chunks: (result.samples + RunOptions.chunkSize - 1) / RunOptions.chunkSize,
                                                   replicated: !(options.design is MonteCarloDesign))
        holdsInBase = claim.holds(npv: result.base(.npv), bcr: result.base(.bcr))
        var drivers: [(String, Double)] = []
        var rows = 0
        if let kept = store.rows, probability > 0, probability < 1, !model.analysableInputs.isEmpty {
            let indicator = zip(kept.output(0), kept.output(1)).map { claim.holds(npv: $0, bcr: $1) ? 1.0 : 0.0 }
            let sample = JointSample(names: model.analysableInputs.map(\.input.name),
                                     inputs: model.analysableInputs.map { Array(kept.input($0.index)) }, output: indicator, threads: options.threads)
            rows = sample.rows
            let spearman = RankMeasures.spearman(sample)
            drivers = zip(sample.inputNames, spearman).enumerated()
                .sorted { a, b in abs(a.element.1) != abs(b.element.1) ? abs(a.element.1) > abs(b.element.1) : a.offset < b.offset }
                .map(\.element)
        }
        self.drivers = drivers
        driverSamples = rows
    }
}
