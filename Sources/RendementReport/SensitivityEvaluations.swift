import RendementCore
import RendementSensitivity

/// The model runs a sensitivity analysis needs, or one shard's part of them: the joint sample
/// (inputs and NPV) behind rank measures and value of information, and the runs of Saltelli's
/// design (NPV and BCR) behind Sobol' indices. Everything computed from them afterwards is
/// deterministic, so the parts of N shards, concatenated in order, give exactly the single
/// analysis. One-way methods (tornado, spider, break-even) need no runs of their own.
public struct SensitivityEvaluations: Sendable {
    /// The sample numbers of the joint sample held here.
    public var tableRows: Range<Int>
    /// Per input, its value in each of `tableRows`.
    public var tableInputs: [[Double]]
    /// NPV in each of `tableRows`.
    public var tableNPV: [Double]
    /// The rows of the stacked Saltelli design (A, B, AB_1 … AB_k) held here.
    public var sobolRows: Range<Int>
    /// NPV and BCR in each of `sobolRows`.
    public var sobolOutputs: [[Double]]

    public init(tableRows: Range<Int>, tableInputs: [[Double]], tableNPV: [Double], sobolRows: Range<Int>, sobolOutputs: [[Double]]) {
        (self.tableRows, self.tableInputs, self.tableNPV, self.sobolRows, self.sobolOutputs) = (tableRows, tableInputs, tableNPV, sobolRows, sobolOutputs)
    }

    /// Whether `methods` need the joint sample.
    public static func needsTable(_ model: CompiledModel, _ methods: [SensitivityMethod]) -> Bool {
        !model.inputs.isEmpty && (methods.contains(.rank) || methods.contains(.voi))
    }

    /// Whether `methods` need Saltelli's design.
    public static func needsSobol(_ model: CompiledModel, _ methods: [SensitivityMethod]) -> Bool {
        !model.inputs.isEmpty && methods.contains(.sobol)
    }

    /// The model runs `compute` makes for shard `index` of `count` (for a progress total).
    public static func runCount(_ model: CompiledModel, methods: [SensitivityMethod], samples: Int, shard: (index: Int, count: Int)? = nil) -> Int {
        let (index, count) = shard ?? (0, 1)
        let table = needsTable(model, methods) ? MonteCarloRunner.shardSamples(samples: samples, index: index, count: count).count : 0
        let total = needsSobol(model, methods) ? sobolRowCount(model, baseSamples: samples) : 0
        return table + total * (index + 1) / count - total * index / count
    }

    /// The number of rows of Saltelli's design for `n` base samples.
    public static func sobolRowCount(_ model: CompiledModel, baseSamples n: Int) -> Int { n * (model.inputs.count + 2) }

    /// Runs the model for `methods`: everything, or the part of shard `index` of `count` (a fixed
    /// contiguous partition of the joint sample's chunks and of the design's rows).
    public static func compute(_ model: CompiledModel, methods: [SensitivityMethod], settings: SensitivityAnalysis.Settings,
                               shard: (index: Int, count: Int)? = nil, progress: RunProgress? = nil) -> SensitivityEvaluations {
        let (index, count) = shard ?? (0, 1)
        let npv = model.outputIndex(.npv)!, bcr = model.outputIndex(.bcr)!
        var result = SensitivityEvaluations(tableRows: 0..<0, tableInputs: model.inputs.map { _ in [] }, tableNPV: [],
                                            sobolRows: 0..<0, sobolOutputs: [[], []])
        if needsTable(model, methods) {
            let options = RunOptions(samples: settings.samples, seed: settings.seed, threads: settings.threads, design: settings.design)
            let rows = MonteCarloRunner.shardSamples(samples: settings.samples, index: index, count: count)
            let table = SampleTable(model: model, rows: rows, outputs: [npv])
            MonteCarloRunner.observe(model, options: options, chunks: MonteCarloRunner.shardChunks(samples: settings.samples, index: index, count: count),
                                     observer: table, progress: progress)
            result.tableRows = rows
            result.tableInputs = model.inputs.indices.map(table.input)
            result.tableNPV = table.output(0)
        }
        if needsSobol(model, methods) {
            let total = sobolRowCount(model, baseSamples: settings.samples)
            let rows = (total * index / count)..<(total * (index + 1) / count)
            result.sobolRows = rows
            result.sobolOutputs = SobolIndices.evaluate(model, outputs: [npv, bcr], baseSamples: settings.samples, rows: rows,
                                                        seed: settings.seed, threads: settings.threads, design: settings.design, progress: progress)
        }
        return result
    }

    /// The parts of all shards, in shard order, joined into the whole; nil unless each part's rows
    /// start where the previous part's end.
    public static func concatenate(_ parts: [SensitivityEvaluations]) -> SensitivityEvaluations? {
        guard var whole = parts.first else { return nil }
        for part in parts.dropFirst() {
            guard part.tableRows.lowerBound == whole.tableRows.upperBound, part.sobolRows.lowerBound == whole.sobolRows.upperBound,
                  part.tableInputs.count == whole.tableInputs.count, part.sobolOutputs.count == whole.sobolOutputs.count else { return nil }
            whole.tableRows = whole.tableRows.lowerBound..<part.tableRows.upperBound
            for j in whole.tableInputs.indices { whole.tableInputs[j] += part.tableInputs[j] }
            whole.tableNPV += part.tableNPV
            whole.sobolRows = whole.sobolRows.lowerBound..<part.sobolRows.upperBound
            for o in whole.sobolOutputs.indices { whole.sobolOutputs[o] += part.sobolOutputs[o] }
        }
        return whole
    }
}
