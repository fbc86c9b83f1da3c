import Dispatch

/// Receives every chunk's inputs and outputs as it is computed (for exports and analyses that
/// need per-sample data). Called concurrently for different chunks: implementations must only
/// touch state that belongs to that chunk.
public protocol ChunkObserver: Sendable {
    /// `inputs` and `outputs` are column-major with `stride` rows per column; `rows` are valid.
    func observe(chunk: Int, firstSample: Int, rows: Int,
                 inputs: UnsafePointer<Double>, outputs: UnsafePointer<Double>, stride: Int)
}

/// The result of a run: a summary per output, the base case, and per-chunk moments of NPV.
public struct RunResult: Sendable {
    public let model: CompiledModel
    public let samples: Int
    public let seed: UInt64
    public let design: String
    /// Every output at the base case (all inputs at their base values).
    public let base: [Double]
    /// One summary per `model.outputs` entry.
    public let summaries: [Summary]
    /// NPV moments of each chunk in order (for convergence traces).
    public let chunkNPV: [Moments]

    public func summary(_ role: ModelOutput.Role) -> Summary { summaries[model.outputIndex(role)!] }
    public func base(_ role: ModelOutput.Role) -> Double { base[model.outputIndex(role)!] }
}

/// Runs a compiled model over many samples in parallel.
///
/// Work is split into fixed chunks of `RunOptions.chunkSize` samples; every chunk draws from
/// its own streams and writes only its own slots, and chunk results merge in chunk order, so the
/// result is bit-identical for any thread count.
public enum MonteCarloRunner {
    public static func run(_ model: CompiledModel, options: RunOptions, observer: (any ChunkObserver)? = nil,
                           progress: RunProgress? = nil) -> RunResult {
        precondition(options.samples >= 1 && options.threads >= 1)
        let n = options.samples, chunk = RunOptions.chunkSize
        let chunks = (n + chunk - 1) / chunk
        let outputCount = model.outputs.count
        let stores = makeStores(model, samples: n, budget: options.memoryBudget)
        let partial = SharedBuffer<Moments>.allocate(chunks * outputCount, initialValue: Moments())
        defer { partial.deallocate() }
        let queue = ChunkQueue(count: chunks)
        let inputs = model.inputs, design = options.design, seed = options.seed
        let npvIndex = model.outputIndex(.npv)!
        let aliases = model.aliases

        DispatchQueue.concurrentPerform(iterations: min(options.threads, chunks)) { _ in
            let workspace = model.makeWorkspace(batchCapacity: RunOptions.batchSize)
            let x = UnsafeMutablePointer<Double>.allocate(capacity: max(inputs.count, 1) * chunk)
            let y = UnsafeMutablePointer<Double>.allocate(capacity: outputCount * chunk)
            defer { x.deallocate(); y.deallocate() }
            while let c = queue.take() {
                let first = c * chunk, rows = min(chunk, n - first)
                design.fill(chunk: c, rows: rows, inputs: inputs, seed: seed, into: x, stride: chunk)
                if let correlation = model.correlation {
                    ImanConover.apply(correlation, chunk: c, rows: rows, seed: seed, matrix: x, stride: chunk)
                }
                var offset = 0
                while offset < rows {
                    let count = min(RunOptions.batchSize, rows - offset)
                    workspace.run(inputs: x, inputStride: chunk, outputs: y, outputStride: chunk, offset: offset, count: count)
                    offset += count
                }
                for k in 0..<outputCount where aliases[k] == k {
                    let column = y + k * chunk
                    partial[c * outputCount + k] = Moments(UnsafeBufferPointer(start: column, count: rows))
                    stores[k].store(column, start: first, count: rows)
                }
                observer?.observe(chunk: c, firstSample: first, rows: rows, inputs: x, outputs: y, stride: chunk)
                progress?.add(rows)
            }
        }

        // Quantiles of different outputs are independent: compute them in parallel.
        let quantiles = SharedBuffer<[Double]>.allocate(outputCount, initialValue: [])
        defer { quantiles.deallocate() }
        DispatchQueue.concurrentPerform(iterations: outputCount) { k in
            if aliases[k] == k { quantiles[k] = stores[k].quantiles(at: Quantiles.standard.map(\.p)) }
        }
        var summaries: [Summary] = []
        for output in 0..<outputCount {
            let k = aliases[output]
            var total = Moments()
            for c in 0..<chunks { total.merge(partial[c * outputCount + k]) }
            summaries.append(Summary(moments: total, quantiles: quantiles[k],
                                     quantileSamples: stores[k].kept, quantileRelativeError: stores[k].relativeError))
        }
        let chunkNPV = (0..<chunks).map { partial[$0 * outputCount + npvIndex] }
        return RunResult(model: model, samples: n, seed: seed, design: design.name, base: model.evaluateBase(),
                         summaries: summaries, chunkNPV: chunkNPV)
    }

    /// Chooses how each output keeps its samples: the main outputs (PVs, NPV, BCR, stakeholders)
    /// in double precision when they fit the memory budget, else in single precision; line
    /// outputs, which only feed the kassabon's intervals, from the first 2^18 samples.
    static func makeStores(_ model: CompiledModel, samples n: Int, budget: Int) -> [OutputStore] {
        let main = model.outputs.filter { if case .costLine = $0.role { return false }; if case .benefitLine = $0.role { return false }; return true }.count
        let lineKept = min(n, RunOptions.lineQuantileSamples)
        let distinctMain = (0..<main).filter { model.aliases[$0] == $0 }.count
        let mainPrecision: OutputStore.Precision = n * 8 * distinctMain <= budget ? .double : .single
        return model.outputs.indices.map { k in
            if model.aliases[k] != k { return OutputStore(precision: .double, kept: 0) }
            return k < main ? OutputStore(precision: mainPrecision, kept: n) : OutputStore(precision: .double, kept: lineKept)
        }
    }
}
