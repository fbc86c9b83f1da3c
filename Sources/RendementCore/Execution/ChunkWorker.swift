/// One worker thread's scratch space and the processing of one chunk: draw the inputs, run the
/// program batch by batch, and keep each output's moments and samples.
///
/// With plain Monte Carlo (no correlation, no case weights) the inputs are drawn batch by batch,
/// each input's stream carried from one batch to the next: the draws are exactly those of a
/// whole-chunk fill (every sampler consumes its stream draw by draw), but a batch's inputs and
/// outputs stay in the core's cache from drawing to statistics, instead of a chunk's megabytes
/// going out to memory and back three times. Other designs fill the whole chunk first, since
/// Latin hypercube strata, Sobol' points, rank correlation and the case bootstrap act on it whole.
final class ChunkWorker {
    let model: CompiledModel
    let options: RunOptions
    /// Whether inputs are drawn batch by batch (plain Monte Carlo, nothing acting on the whole chunk).
    let streaming: Bool
    /// Whether the whole chunk's inputs and outputs are kept for an observer.
    let keepsChunk: Bool
    private let workspace: ProgramWorkspace
    private let sampled: [ModelInput]
    private let distinct: [Int]
    private let x: UnsafeMutablePointer<Double>
    private let y: UnsafeMutablePointer<Double>
    private let streams: UnsafeMutablePointer<RandomStream>
    /// Scratch for one block of random words.
    private let words: UnsafeMutablePointer<UInt64>
    private let accumulators: UnsafeMutablePointer<MomentAccumulator>
    /// Rows between one column and the next in `x`.
    private let stride: Int
    /// The sampled inputs' distributions, called by index (iterating the inputs would copy each,
    /// retaining its parts: atomic operations on objects all workers share).
    private let distributions: [any Distribution]
    /// Rows drawn per input at a time when streaming: several evaluation batches, so that each
    /// sampler is called less often and its tables (a PERT's are 24 KB) serve more draws while
    /// they are in the cache; the block's inputs (20 inputs: 320 KB) still fit the core's L2.
    static let drawBlock = RandomStream.blockSize

    init(model: CompiledModel, options: RunOptions, keepsChunk: Bool) {
        self.model = model
        self.options = options
        self.keepsChunk = keepsChunk
        sampled = Array(model.sampledInputs)
        streaming = options.design is MonteCarloDesign && model.correlation == nil && sampled.count == model.inputs.count
        distinct = model.outputs.indices.filter { model.aliases[$0] == $0 }
        stride = keepsChunk || !streaming ? RunOptions.chunkSize : Self.drawBlock
        distributions = sampled.map(\.distribution)
        workspace = model.makeWorkspace(batchCapacity: RunOptions.batchSize)
        x = .allocate(capacity: max(model.inputs.count, 1) * stride)
        y = .allocate(capacity: max(model.outputs.count, 1) * (keepsChunk ? RunOptions.chunkSize : RunOptions.batchSize))
        streams = .allocate(capacity: max(sampled.count, 1))
        words = .allocate(capacity: RandomStream.blockSize)
        accumulators = .allocate(capacity: max(model.outputs.count, 1))
    }

    /// The last chunk's outputs (output k of row i at `k * chunkSize + i`), when the worker keeps
    /// whole chunks.
    var chunkOutputs: UnsafePointer<Double> { UnsafePointer(y) }

    deinit {
        x.deallocate()
        y.deallocate()
        streams.deallocate()
        words.deallocate()
        accumulators.deallocate()
    }

    /// Processes chunk `c` of a run of `n` samples: writes its moments per output to `partial`,
    /// its samples to `stores` and its first rows to `rows`, and shows it to `observer`.
    /// Returns the number of rows.
    func process(chunk c: Int, samples n: Int, stores: [OutputStore], rows kept: RowSample?, partial: SharedBuffer<Moments>,
                 observer: (any ChunkObserver)?) -> Int {
        let chunk = RunOptions.chunkSize, outputCount = model.outputs.count
        let first = c * chunk, rows = min(chunk, n - first)
        let seed = options.seed
        if streaming {
            for (j, input) in sampled.enumerated() {
                streams[j] = MonteCarloDesign.stream(of: input, chunk: c, seed: seed)
            }
        } else {
            options.design.fill(chunk: c, rows: rows, inputs: sampled, seed: seed, into: x, stride: chunk)
            if let correlation = model.correlation {
                ImanConover.apply(correlation, chunk: c, rows: rows, seed: seed, matrix: x, stride: chunk)
            }
            if sampled.count < model.inputs.count {
                CaseBootstrap.apply(chunk: c, rows: rows, seed: seed, matrix: x, stride: chunk, firstColumn: sampled.count,
                                    cases: model.inputs.count - sampled.count)
            }
        }
        let yStride = keepsChunk ? chunk : RunOptions.batchSize
        for k in distinct { accumulators[k] = MomentAccumulator() }
        var offset = 0
        while offset < rows {
            let count = min(RunOptions.batchSize, rows - offset)
            // Where this batch's rows live: within its draw block (the whole chunk, or 2,048 rows) for
            // the inputs; at `offset` in a whole-chunk matrix, or at 0 in a batch one, for the outputs.
            let xRow = offset % stride, yRow = keepsChunk ? offset : 0
            if streaming && offset % Self.drawBlock == 0 {
                let drawn = min(Self.drawBlock, rows - offset)
                for j in distributions.indices {
                    streams[j].draw(distributions[j], into: UnsafeMutableBufferPointer(start: x + j * stride + xRow, count: drawn),
                                    words: words)
                }
            }
            workspace.run(inputs: x + xRow, inputStride: stride, outputs: y + yRow, outputStride: yStride, offset: 0, count: count)
            if let kept, first + offset < kept.capacity {
                kept.fill(first: first + offset, n: count, x: x, xStride: stride, xRow: xRow, y: y, yStride: yStride, yRow: yRow)
            }
            for k in distinct {
                let column = y + k * yStride + yRow
                accumulators[k].add(column, count: count)
                if !stores.isEmpty { stores[k].store(column, start: first + offset, count: count) }
            }
            offset += count
        }
        for k in distinct { partial[c * outputCount + k] = accumulators[k].moments }
        observer?.observe(chunk: c, firstSample: first, rows: rows, inputs: x, outputs: y, stride: chunk)
        return rows
    }
}
