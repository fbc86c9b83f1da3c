import Dispatch

/// Sees, chunk by chunk, the outputs of several models run on the same chunks (paired analyses:
/// a variant's difference from the base case). Called concurrently for different chunks:
/// implementations keep per-chunk results in their own slots.
public protocol ChunkCombiner: Sendable {
    /// Model m's output k of the chunk's row i is `outputs[m][k * stride + i]`.
    func combine(chunk: Int, firstSample: Int, rows: Int, outputs: [UnsafePointer<Double>], stride: Int)
}

extension MonteCarloRunner {
    /// Runs `models` over the same chunks, one chunk of every model after another, each into its
    /// own store (its share of the memory budget), and shows each chunk's outputs of all of them
    /// together to `combiner`. Each model draws exactly what it draws alone (its inputs' streams
    /// are keyed by their names), so every store equals the model's own run, and the combiner
    /// sees common random numbers without keeping any model's samples.
    public static func storesTogether(_ models: [CompiledModel], options: RunOptions, budgetShare: Int, keeping: Keeping = .outputs,
                                      combiner: any ChunkCombiner, progress: RunProgress? = nil) -> [ResultStore] {
        // Fixed sample counts only: the command line refuses --target-se here.
        precondition(options.targetSE == nil && options.samples >= 1 && options.threads >= 1)
        var perModel = options
        perModel.memoryBudget = budgetShare
        let stores = models.map { ResultStore(model: $0, options: perModel, capacity: options.samples, keeping: keeping) }
        let n = options.samples, chunks = (n + RunOptions.chunkSize - 1) / RunOptions.chunkSize
        let queue = ChunkQueue(end: chunks)
        DispatchQueue.concurrentPerform(iterations: min(options.threads, chunks)) { _ in
            let workers = models.map { ChunkWorker(model: $0, options: options, keepsChunk: true) }
            while let c = queue.take() {
                var rows = 0
                for (m, worker) in workers.enumerated() {
                    rows = worker.process(chunk: c, samples: n, stores: stores[m].stores, rows: nil, partial: stores[m].partial, observer: nil)
                }
                combiner.combine(chunk: c, firstSample: c * RunOptions.chunkSize, rows: rows, outputs: workers.map(\.chunkOutputs),
                                 stride: RunOptions.chunkSize)
                progress?.add(rows * models.count)
            }
        }
        for store in stores { store.samples = n }
        return stores
    }
}
