import RendementCore

/// Which sensitivity methods to run.
public enum SensitivityMethod: String, CaseIterable, Sendable {
    case tornado, spider, breakEven = "break-even", rank, sobol, voi
    /// Each input pooled from experts, run with each expert's estimate alone.
    case experts
}

/// The sensitivity analyses of one scenario: one-way (tornado, spider, break-even values and the
/// effect scale at which NPV turns negative: exact, one model evaluation per point), rank
/// measures and the value of information (from a joint sample of inputs and NPV), and Sobol'
/// indices (Saltelli's design with randomised replicates, in bounded memory).
public struct SensitivityAnalysis: Sendable {
    public struct Settings: Sendable {
        /// Samples of the joint sample behind rank measures and the value of information.
        public var samples: Int
        public var seed: UInt64
        public var threads: Int
        public var design: any SamplingDesign
        /// Tornado quantiles.
        public var low = 0.1, high = 0.9
        /// Sobol' indices: base rows N (N(k + 2) model runs), replicates, design, and whether
        /// the BCR's indices are computed too.
        public var sobolBaseSamples = 16_384
        public var sobolReplicates = 2
        public var sobolBCR = false
        public var sobolDesign: SobolIndices.Design = .sobol
        /// Bytes the joint sample may take (the inputs and NPV, in double precision).
        public var memoryBudget = 256 << 20
        /// Rows of the joint sample at most (nil: as many as `samples` and the budget allow).
        /// By default 2^18: the rank correlations' standard error is then at most 0.002, and
        /// ranking every input stays a small multiple of the run.
        public var rowLimit: Int? = 1 << 18

        public init(samples: Int, seed: UInt64, threads: Int, design: any SamplingDesign) {
            self.samples = samples
            self.seed = seed
            self.threads = threads
            self.design = design
        }

        /// The rows of the joint sample: `samples`, at most `rowLimit`, and at most what fits the
        /// memory budget (values and ranks).
        public func jointRows(_ model: CompiledModel) -> Int {
            max(1, min(samples, rowLimit ?? .max, memoryBudget / JointSample.rowBytes(inputs: model.inputs.count)))
        }

        /// The runs of the `experts` method: as many samples as the joint sample, same seed and design.
        public func expertOptions(_ model: CompiledModel) -> RunOptions {
            RunOptions(samples: jointRows(model), seed: seed, threads: threads, design: design)
        }

        public func sobolSettings(_ model: CompiledModel) -> SobolIndices.Settings {
            let npv = model.outputIndex(.npv)!, bcr = model.outputIndex(.bcr)!
            return SobolIndices.Settings(baseSamples: sobolBaseSamples, replicates: sobolReplicates, seed: seed, threads: threads,
                                         outputs: sobolBCR ? [npv, bcr] : [npv], design: sobolDesign)
        }
    }

    public let model: CompiledModel
    public let methods: [SensitivityMethod]
    public let settings: Settings
    public private(set) var tornado: [[OneWay.Bar]] = []
    public private(set) var spider: [(input: String, points: [OneWay.SpiderPoint])] = []
    public private(set) var breakEven: [(input: String, value: Double?)] = []
    public private(set) var effectScale: Double?
    public private(set) var rank: RankMeasures.Result?
    public private(set) var sobol: SobolIndices.Result?
    public private(set) var evpi: Double?
    public private(set) var evppi: [ValueOfInformation.Estimate] = []
    /// The pooled inputs run with each expert alone (the `experts` method).
    public private(set) var experts: ExpertDisagreement?
    /// Rows of the joint sample behind rank measures and EVPI (0 when neither was asked for).
    public private(set) var jointRows = 0

    /// Runs the analyses; `evaluations` are the model runs when they were computed elsewhere
    /// (the merged parts of a sharded analysis), else they are computed here.
    public init(model: CompiledModel, methods: [SensitivityMethod], settings: Settings, evaluations: SensitivityEvaluations? = nil,
                progress: RunProgress? = nil) {
        self.model = model
        self.methods = methods
        self.settings = settings
        let npv = model.outputIndex(.npv)!
        if methods.contains(.tornado) { tornado = OneWay.tornado(model, low: settings.low, high: settings.high) }
        if methods.contains(.spider) { spider = OneWay.spider(model, output: npv) }
        if methods.contains(.breakEven) {
            breakEven = OneWay.breakEven(model, output: npv)
            effectScale = OneWay.effectScaleBreakEven(model)
        }
        let runs = evaluations ?? SensitivityEvaluations.compute(model, methods: methods, settings: settings, progress: progress)
        if SensitivityEvaluations.needsJointSample(model, methods) {
            let sample = JointSample(names: model.analysableInputs.map(\.input.name), inputs: runs.inputs, output: runs.npv,
                                     threads: settings.threads)
            jointRows = sample.rows
            if methods.contains(.rank) { rank = RankMeasures.analyse(sample) }
            if methods.contains(.voi) || methods.contains(.experts) {
                evpi = ValueOfInformation.evpi(sample.output)
                evppi = ValueOfInformation.evppi(sample)
            }
        }
        if SensitivityEvaluations.needsSobol(model, methods) {
            sobol = SobolIndices.estimate(model, settings: settings.sobolSettings(model), sums: runs.sobolSums)
        }
        if methods.contains(.experts), !ExpertDisagreement.pooledInputs(model).isEmpty {
            experts = ExpertDisagreement(model: model, options: settings.expertOptions(model), progress: progress)
        }
    }

    /// The partial EVPIs, largest first; undefined ones last, in input order (a stable order).
    public var evppiRanking: [ValueOfInformation.Estimate] {
        evppi.enumerated().sorted { a, b in
            switch (a.element.value, b.element.value) {
            case let (x?, y?): return x != y ? x > y : a.offset < b.offset
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }
}

/// The model runs a sensitivity analysis needs, or one shard's part of them: the joint sample
/// (analysable inputs and NPV, in sample order) behind rank measures and the value of
/// information, and the sums of Saltelli's design's blocks behind Sobol' indices. Everything
/// computed from them afterwards is deterministic, so the parts of N shards, concatenated in
/// order, give exactly the single analysis.
public struct SensitivityEvaluations: Sendable {
    /// The sample numbers of the joint sample's rows held here.
    public var rows: Range<Int>
    /// Per analysable input, its value in each of `rows`; NPV in each.
    public var inputs: [[Double]]
    public var npv: [Double]
    /// The blocks of Saltelli's design held here, and their sums (see `SobolIndices.evaluate`).
    public var sobolBlocks: Range<Int>
    public var sobolSums: [Double]

    public init(rows: Range<Int>, inputs: [[Double]], npv: [Double], sobolBlocks: Range<Int>, sobolSums: [Double]) {
        (self.rows, self.inputs, self.npv, self.sobolBlocks, self.sobolSums) = (rows, inputs, npv, sobolBlocks, sobolSums)
    }

    public static func needsJointSample(_ model: CompiledModel, _ methods: [SensitivityMethod]) -> Bool {
        !model.analysableInputs.isEmpty && (methods.contains(.rank) || methods.contains(.voi)
            || (methods.contains(.experts) && !ExpertDisagreement.pooledInputs(model).isEmpty))
    }

    public static func needsSobol(_ model: CompiledModel, _ methods: [SensitivityMethod]) -> Bool {
        !model.analysableInputs.isEmpty && methods.contains(.sobol)
    }

    /// The joint sample's rows of `shard`.
    public static func rows(_ model: CompiledModel, methods: [SensitivityMethod], settings: SensitivityAnalysis.Settings, shard: ShardSpec?) -> Range<Int> {
        guard needsJointSample(model, methods) else { return 0..<0 }
        return MonteCarloRunner.shardSamples(samples: settings.jointRows(model), index: shard?.index ?? 0, count: shard?.count ?? 1)
    }

    /// The design's blocks of `shard`.
    public static func blocks(_ model: CompiledModel, methods: [SensitivityMethod], settings: SensitivityAnalysis.Settings, shard: ShardSpec?) -> Range<Int> {
        guard needsSobol(model, methods) else { return 0..<0 }
        let count = SobolIndices.blocks(settings.sobolSettings(model)).count, (index, shards) = (shard?.index ?? 0, shard?.count ?? 1)
        return (count * index / shards)..<(count * (index + 1) / shards)
    }

    /// The model runs `compute` makes for `shard` (for a progress total and a server's plan).
    public static func runCount(_ model: CompiledModel, methods: [SensitivityMethod], settings: SensitivityAnalysis.Settings,
                                shard: ShardSpec? = nil) -> Int {
        let joint = rows(model, methods: methods, settings: settings, shard: shard).count
        let all = SobolIndices.blocks(settings.sobolSettings(model))
        let mine = blocks(model, methods: methods, settings: settings, shard: shard)
        let runsPerRow = model.analysableInputs.count + 2
        // The experts' runs are made by the whole analysis (and by merge), not by a shard.
        let experts = shard == nil && methods.contains(.experts) ? ExpertDisagreement.runCount(model, samples: settings.jointRows(model)) : 0
        return mine.reduce(joint.saturatingAdd(experts)) { $0.saturatingAdd(all[$1].rows.saturatingMultiply(runsPerRow)) }
    }

    /// Runs the model for `methods`: everything, or the part of `shard` (a fixed contiguous
    /// partition of the joint sample's chunks and of the design's blocks).
    public static func compute(_ model: CompiledModel, methods: [SensitivityMethod], settings: SensitivityAnalysis.Settings,
                               shard: ShardSpec? = nil, progress: RunProgress? = nil) -> SensitivityEvaluations {
        let held = rows(model, methods: methods, settings: settings, shard: shard)
        var result = SensitivityEvaluations(rows: held, inputs: model.analysableInputs.map { _ in [] }, npv: [],
                                            sobolBlocks: blocks(model, methods: methods, settings: settings, shard: shard), sobolSums: [])
        if !held.isEmpty {
            let samples = settings.jointRows(model)
            let options = RunOptions(samples: samples, seed: settings.seed, threads: settings.threads, design: settings.design)
            let chunks = MonteCarloRunner.shardChunks(samples: samples, index: shard?.index ?? 0, count: shard?.count ?? 1)
            let collector = RowCollector(model: model, rows: held)
            MonteCarloRunner.observe(model, options: options, chunks: chunks, observer: collector, progress: progress)
            result.inputs = model.analysableInputs.map { collector.column($0.index) }
            result.npv = collector.column(model.inputs.count)
        }
        if !result.sobolBlocks.isEmpty {
            result.sobolSums = SobolIndices.evaluate(model, settings: settings.sobolSettings(model), blocks: result.sobolBlocks, progress: progress)
        }
        return result
    }

    /// The parts of all shards, in shard order, joined into the whole; nil unless each part's rows
    /// and blocks start where the previous part's end.
    public static func concatenate(_ parts: [SensitivityEvaluations]) -> SensitivityEvaluations? {
        guard var whole = parts.first else { return nil }
        for part in parts.dropFirst() {
            guard part.rows.lowerBound == whole.rows.upperBound, part.sobolBlocks.lowerBound == whole.sobolBlocks.upperBound,
                  part.inputs.count == whole.inputs.count else { return nil }
            whole.rows = whole.rows.lowerBound..<part.rows.upperBound
            for j in whole.inputs.indices { whole.inputs[j] += part.inputs[j] }
            whole.npv += part.npv
            whole.sobolBlocks = whole.sobolBlocks.lowerBound..<part.sobolBlocks.upperBound
            whole.sobolSums += part.sobolSums
        }
        return whole
    }
}

/// Keeps the inputs and NPV of samples `rows` of a run (a shard's part of a joint sample), one
/// buffer per column, each handed over as an array and freed at once (so that at most one column
/// is held twice).
final class RowCollector: ChunkObserver, @unchecked Sendable {
    let rows: Range<Int>
    private let npv: Int
    private var buffers: [UnsafeMutableBufferPointer<Double>?]
    private let bases: [UnsafeMutablePointer<Double>]

    init(model: CompiledModel, rows: Range<Int>) {
        self.rows = rows
        npv = model.outputIndex(.npv)!
        let made = (0...model.inputs.count).map { _ -> UnsafeMutableBufferPointer<Double> in
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, rows.count))
            b.initialize(repeating: 0)
            return b
        }
        buffers = made
        bases = made.map { $0.baseAddress! }
    }

    deinit { for case let buffer? in buffers { buffer.deallocate() } }

    func observe(chunk: Int, firstSample: Int, rows count: Int, inputs x: UnsafePointer<Double>, outputs y: UnsafePointer<Double>, stride: Int) {
        let inputs = bases.count - 1
        // The chunk's rows that are held here: i in first ..< last of the chunk.
        let first = max(0, rows.lowerBound - firstSample), last = min(count, rows.upperBound - firstSample)
        guard first < last else { return }
        let at = firstSample + first - rows.lowerBound, length = last - first
        for j in 0..<inputs { (bases[j] + at).update(from: x + j * stride + first, count: length) }
        (bases[inputs] + at).update(from: y + npv * stride + first, count: length)
    }

    /// Column c (an input, or NPV as the last) over the held rows, once: its buffer is freed.
    func column(_ c: Int) -> [Double] {
        guard let buffer = buffers[c] else { return [] }
        let values = Array(buffer.prefix(rows.count))
        buffer.deallocate()
        buffers[c] = nil
        return values
    }
}
