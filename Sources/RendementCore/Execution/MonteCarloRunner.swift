import Dispatch

/// Receives every chunk's inputs and outputs as it is computed (for exports and analyses that
/// need per-sample data). Called concurrently for different chunks: implementations must only
/// touch state that belongs to that chunk.
public protocol ChunkObserver: Sendable {
    /// `inputs` and `outputs` are column-major with `stride` rows per column; `rows` are valid.
    func observe(chunk: Int, firstSample: Int, rows: Int,
                 inputs: UnsafePointer<Double>, outputs: UnsafePointer<Double>, stride: Int)
}

/// The result of a run: a summary per output, the base case, and the convergence trace.
public struct RunResult: Sendable {
    public let model: CompiledModel
    /// Samples actually used (with `targetSE`, the count the run stopped at).
    public let samples: Int
    public let seed: UInt64
    public let design: String
    /// Every output at the base case (all inputs at their base values).
    public let base: [Double]
    /// One summary per `model.outputs` entry.
    public let summaries: [Summary]
    /// Running mean of NPV with its 95% band and running P(NPV > 0), after 1, 2, 4, … chunks and at the end.
    public let convergence: [ConvergencePoint]
    /// The standard error the run aimed at, if any, and whether it was reached.
    public let targetSE: Double?
    public let targetReached: Bool

    public func summary(_ role: ModelOutput.Role) -> Summary { summaries[model.outputIndex(role)!] }
    public func base(_ role: ModelOutput.Role) -> Double { base[model.outputIndex(role)!] }
}

/// One point of a convergence trace.
public struct ConvergencePoint: Sendable, Equatable {
    public var samples: Int
    public var mean: Double
    public var standardError: Double
    public var probabilityPositive: Double
    /// The 95% band of the running mean, mean ± 1.96 standard errors.
    public var lower: Double { mean - 1.959963984540054 * standardError }
    public var upper: Double { mean + 1.959963984540054 * standardError }
}

/// Runs a compiled model over many samples in parallel.
///
/// Work is split into fixed chunks of `RunOptions.chunkSize` samples; every chunk draws from
/// its own streams and writes only its own slots, and chunk results merge in chunk order, so the
/// result is bit-identical for any thread count. With a target standard error the run proceeds
/// in rounds of whole chunks; since chunk k is the same in every run, stopping at n samples gives
/// exactly the run of n samples.
public enum MonteCarloRunner {
    /// Runs `model` and returns its summaries (see `store` for what is kept).
    public static func run(_ model: CompiledModel, options: RunOptions, observer: (any ChunkObserver)? = nil,
                           progress: RunProgress? = nil) -> RunResult {
        store(model, options: options, observer: observer, progress: progress).result()
    }

    /// Runs `model` and returns the store of what it keeps: every output's moments per chunk,
    /// and what `keeping` asks for. With a target standard error the run proceeds in rounds of
    /// whole chunks until the standard error of mean NPV reaches it or `maxSamples` is used.
    public static func store(_ model: CompiledModel, options: RunOptions, keeping: Keeping = .outputs,
                             observer: (any ChunkObserver)? = nil, progress: RunProgress? = nil) -> ResultStore {
        // Options are checked against the model where they are made (`RunOptions.check`); this
        // guards the runner's own invariant.
        precondition(options.samples >= 1 && options.threads >= 1)
        let chunk = RunOptions.chunkSize
        let capacity = options.targetSE == nil ? options.samples : max(options.maxSamples, options.samples)
        let store = ResultStore(model: model, options: options, capacity: capacity, keeping: keeping)
        let npvIndex = model.outputIndex(.npv)!
        let replicated = !(options.design is MonteCarloDesign)

        var done = 0                                   // chunks processed
        var samples = min(options.samples, capacity)   // samples planned so far
        if options.targetSE != nil, replicated {
            // Replicate standard errors need several chunks; then grow at most 2× per round so a
            // noisy early estimate cannot overshoot by more than that.
            samples = min(capacity, max(samples, RunOptions.minimumReplicates * chunk))
        }
        var reached = options.targetSE == nil
        while true {
            let end = (samples + chunk - 1) / chunk
            runChunks(model, options: options, range: done..<end, samples: samples, store: store, partial: store.partial,
                      observer: observer, progress: progress)
            done = end
            store.samples = samples
            guard let target = options.targetSE else { break }
            let se = meanError(store.partial, output: npvIndex, outputs: model.outputs.count, chunks: done, replicated: replicated)
            if se <= target { reached = true; break }
            if samples >= capacity { break }
            // The error falls as 1/√n: aim 10% past the estimate, in whole chunks, at least one more.
            let needed = Double(samples) * (se / target) * (se / target) * 1.1
            let growth = replicated ? Double(2 * samples) : Double(capacity)
            let next = min(capacity, max(samples + chunk, Int(min(needed, growth, Double(capacity)).rounded(.up))))
            samples = next >= capacity ? capacity : (next + chunk - 1) / chunk * chunk
        }
        store.targetReached = reached
        store.rows?.count = min(store.rows?.capacity ?? 0, store.samples)
        return store
    }

    /// The chunks of shard `index` (0-based) of `count`: a fixed, contiguous partition of the
    /// run's chunks, so that the shards together compute exactly the chunks of the single run.
    public static func shardChunks(samples: Int, index: Int, count: Int) -> Range<Int> {
        let chunks = (samples + RunOptions.chunkSize - 1) / RunOptions.chunkSize
        return (chunks * index / count)..<(chunks * (index + 1) / count)
    }

    /// The sample numbers of shard `index` of `count`: its chunks, clipped to the run.
    public static func shardSamples(samples: Int, index: Int, count: Int) -> Range<Int> {
        let chunks = shardChunks(samples: samples, index: index, count: count)
        return min(samples, chunks.lowerBound * RunOptions.chunkSize)..<min(samples, chunks.upperBound * RunOptions.chunkSize)
    }

    /// Runs only the chunks of one shard and returns what an exact merge needs.
    public static func runShard(_ model: CompiledModel, options: RunOptions, index: Int, count: Int,
                                progress: RunProgress? = nil) -> ShardResult {
        // `--target-se` with `--shard` is refused by the command line; this guards the invariant.
        precondition(options.targetSE == nil, "a target standard error cannot be sharded")
        let store = ResultStore(model: model, options: options, capacity: options.samples)
        let range = shardChunks(samples: options.samples, index: index, count: count)
        runChunks(model, options: options, range: range, samples: options.samples, store: store, partial: store.partial,
                  observer: nil, progress: progress)
        return store.shard(range: range, index: index, count: count)
    }

    /// Draws and evaluates only chunks `chunks` of a run and shows each to `observer`, keeping
    /// nothing else: for analyses that collect what they need themselves (a shard of them).
    public static func observe(_ model: CompiledModel, options: RunOptions, chunks: Range<Int>, observer: any ChunkObserver,
                               progress: RunProgress? = nil) {
        let partial = SharedBuffer<Moments>.allocate(max(1, chunks.upperBound * model.outputs.count), initialValue: Moments())
        defer { partial.deallocate() }
        runChunks(model, options: options, range: chunks, samples: options.samples, store: nil, partial: partial,
                  observer: observer, progress: progress)
    }

    /// Summaries, quantiles and the convergence trace of what `store` holds.
    static func summarize(_ store: ResultStore) -> RunResult {
        let model = store.model, options = store.options, samples = store.samples
        let chunk = RunOptions.chunkSize, outputCount = model.outputs.count
        let done = (samples + chunk - 1) / chunk
        let stores = store.stores, partial = store.partial
        let npvIndex = model.outputIndex(.npv)!
        let replicated = !(options.design is MonteCarloDesign)
        let aliases = model.aliases, used = samples
        let totals = (0..<outputCount).map { k in merged(partial, output: k, outputs: outputCount, chunks: done) }
        let quantiles = SharedBuffer<[Double]>.allocate(outputCount, initialValue: [])
        defer { quantiles.deallocate() }
        let probabilities = Quantiles.standard.map(\.p)
        if !stores.isEmpty {
            selectQuantiles(stores: stores, partial: partial, totals: totals, used: used, aliases: aliases, threads: options.threads,
                            outputs: outputCount, trustsExtremes: store.trustsExtremes, into: quantiles)
        }
        var summaries: [Summary] = []
        for output in 0..<outputCount {
            let k = aliases[output]
            let total = totals[k]
            let kept = stores.isEmpty ? 0 : min(stores[k].kept, samples)
            var summary = Summary(moments: total, quantiles: stores.isEmpty ? probabilities.map { _ in .nan } : quantiles[k], quantileSamples: kept,
                                  quantileRelativeError: stores.isEmpty ? 0 : stores[k].relativeError)
            if replicated, done >= 2 {
                summary.replicateStandardError = meanError(partial, output: k, outputs: outputCount, chunks: done, replicated: true)
                summary.replicateProbabilityError = positiveError(partial, output: k, outputs: outputCount, chunks: done)
            }
            summaries.append(summary)
        }
        return RunResult(model: model, samples: samples, seed: options.seed, design: options.design.name,
                         base: model.evaluateBase(), summaries: summaries,
                         convergence: trace(partial, output: npvIndex, outputs: outputCount, chunks: done, replicated: replicated),
                         targetSE: options.targetSE, targetReached: store.targetReached)
    }

    /// Selects the standard quantiles of every kept output into `quantiles[k]`.
    private static func selectQuantiles(stores: [OutputStore], partial: SharedBuffer<Moments>, totals: [Moments], used: Int, aliases: [Int],
                                        threads: Int, outputs outputCount: Int, trustsExtremes: Bool, into quantiles: SharedBuffer<[Double]>) {
        let chunk = RunOptions.chunkSize
        // The moments of exactly the samples kept (all, or a prefix of whole chunks) give the
        // extremes of the values to select from, which saves two passes over them.
        @Sendable func keptMoments(_ k: Int) -> (kept: Int, moments: Moments?) {
            let kept = min(stores[k].kept, used)
            guard trustsExtremes else { return (kept, nil) }   // extremes read from a file are not trusted
            return (kept, kept == used ? totals[k] : kept % chunk == 0 ? merged(partial, output: k, outputs: outputCount, chunks: kept / chunk) : nil)
        }
        let probabilities = Quantiles.standard.map(\.p)
        var pending = (0..<outputCount).filter { aliases[$0] == $0 }
        // Two stores with both their difference and ratio derived (PVs, NPV, BCR): all four together.
        for d in pending {
            guard let (ratio, left, right) = stores[d].derivation, !ratio,
                  let r = pending.first(where: { stores[$0].derivation.map { $0.ratio && $0.left === left && $0.right === right } ?? false }),
                  let l = pending.first(where: { stores[$0] === left }), let c = pending.first(where: { stores[$0] === right })
            else { continue }
            let outputs = [l, c, d, r], kept = keptMoments(l).kept
            let found = OutputStore.pairQuantiles(left, right, at: probabilities, count: kept,
                                                  moments: outputs.map { keptMoments($0).moments }, threads: threads)
            for (k, q) in zip(outputs, found) {
                guard let q else { continue }   // selected alone below
                quantiles[k] = q
                pending.removeAll { $0 == k }
            }
        }
        // Derived outputs read their sources' values in sample order: before those are reordered.
        for derived in [true, false] {
            let outputs = pending.filter { stores[$0].isDerived == derived }
            Parallel.forEach(outputs.count, threads: threads) { i in
                let k = outputs[i], (kept, moments) = keptMoments(k)
                quantiles[k] = stores[k].quantiles(at: probabilities, count: kept, moments: moments)
            }
        }
    }

    /// Processes chunks `range` of a run of `samples` samples on `options.threads` workers.
    private static func runChunks(_ model: CompiledModel, options: RunOptions, range: Range<Int>, samples n: Int,
                                  store: ResultStore?, partial: SharedBuffer<Moments>,
                                  observer: (any ChunkObserver)?, progress: RunProgress?) {
        guard !range.isEmpty else { return }
        let queue = ChunkQueue(start: range.lowerBound, end: range.upperBound)
        let stores = store?.stores ?? [], rows = store?.rows
        DispatchQueue.concurrentPerform(iterations: min(options.threads, range.count)) { _ in
            let worker = ChunkWorker(model: model, options: options, keepsChunk: observer != nil)
            while let c = queue.take() {
                let rowCount = worker.process(chunk: c, samples: n, stores: stores, rows: rows, partial: partial, observer: observer)
                progress?.add(rowCount)
            }
        }
    }

    /// The standard error of the mean after `chunks` chunks: sd/√n for independent samples, or
    /// from the spread of the chunk means when chunks are replicates of a stratified or
    /// quasi-random design (se² = C/(C−1) Σ (n_c/N)² (m_c − m)²).
    static func meanError(_ partial: SharedBuffer<Moments>, output k: Int, outputs: Int, chunks: Int, replicated: Bool) -> Double {
        let total = merged(partial, output: k, outputs: outputs, chunks: chunks)
        guard replicated, chunks >= 2 else { return total.standardError }
        let n = Double(total.count)
        var sum = 0.0
        for c in 0..<chunks {
            let m = partial[c * outputs + k]
            let w = Double(m.count) / n
            sum += w * w * (m.mean - total.mean) * (m.mean - total.mean)
        }
        return (sum * Double(chunks) / Double(chunks - 1)).squareRoot()
    }

    /// The moments of output k over chunks 0 ..< `chunks`, merged in chunk order.
    static func merged(_ partial: SharedBuffer<Moments>, output k: Int, outputs: Int, chunks: Int) -> Moments {
        var total = Moments()
        for c in 0..<chunks { total.merge(partial[c * outputs + k]) }
        return total
    }

    /// The replicate standard error of P(output > 0), from the chunks' shares.
    static func positiveError(_ partial: SharedBuffer<Moments>, output k: Int, outputs: Int, chunks: Int) -> Double {
        let total = merged(partial, output: k, outputs: outputs, chunks: chunks)
        let n = Double(total.total), p = total.probabilityPositive
        var sum = 0.0
        for c in 0..<chunks {
            let m = partial[c * outputs + k]
            let w = Double(m.total) / n
            sum += w * w * (m.probabilityPositive - p) * (m.probabilityPositive - p)
        }
        return (sum * Double(chunks) / Double(chunks - 1)).squareRoot()
    }

    /// Running statistics of one output after 1, 2, 4, … chunks and after the last.
    static func trace(_ partial: SharedBuffer<Moments>, output k: Int, outputs: Int, chunks: Int, replicated: Bool) -> [ConvergencePoint] {
        var points: [ConvergencePoint] = []
        var total = Moments(), c = 0, next = 1
        while c < chunks {
            total.merge(partial[c * outputs + k])
            c += 1
            if c == next || c == chunks {
                points.append(ConvergencePoint(samples: total.total, mean: total.mean,
                                               standardError: meanError(partial, output: k, outputs: outputs, chunks: c, replicated: replicated),
                                               probabilityPositive: total.probabilityPositive))
                if c == next { next *= 2 }
            }
        }
        return points
    }

    /// Chooses how each output keeps its samples: the main outputs (PVs, NPV, BCR, stakeholders)
    /// in double precision while they fit the memory budget, beyond it as many first samples as
    /// fit (see below); line outputs, which only feed the kassabon's intervals, from the first
    /// 2^18 samples in single precision (quantiles within a relative 2⁻²⁴, far inside their
    /// sampling error; half the memory traffic of doubles). In double precision, an output that is the difference or
    /// ratio of two kept main outputs (NPV and BCR) keeps nothing and is recomputed from them.
    static func makeStores(_ model: CompiledModel, samples n: Int, budget: Int, lines: Bool = true) -> [OutputStore] {
        func isLine(_ k: Int) -> Bool { model.isLineOutput(k) }
        // The per-year table's cells and the published figures keep moments only.
        func keepsMomentsOnly(_ k: Int) -> Bool { model.keepsMomentsOnly(k) }
        let main = model.outputs.indices.filter { !isLine($0) && !keepsMomentsOnly($0) && model.aliases[$0] == $0 }
        // Derived from two main outputs that are not derived themselves.
        func derivation(_ k: Int) -> OutputDerivation? {
            guard let d = model.derivations[k], main.contains(d.left), main.contains(d.right),
                  model.derivations[d.left] == nil, model.derivations[d.right] == nil else { return nil }
            return d
        }
        let lineKept = lines ? min(n, RunOptions.lineQuantileSamples) : 0
        // Main outputs: every sample in double precision (derived outputs recomputed) while that
        // fits the budget; else the first samples that fit, in whichever precision keeps more of
        // them: double precision when deriving halves the outputs kept (as for NPV and BCR of the
        // PVs), else single precision for all (order kept, values within 2⁻²⁴). Memory stays
        // bounded at any sample count; the means and P(> 0) still use every sample.
        let doubleBytes = 8 * max(main.filter { derivation($0) == nil }.count, 1)
        let singleBytes = 4 * max(main.count, 1)
        let keepsDoubles = n * doubleBytes <= budget || doubleBytes <= singleBytes
        let chunk = RunOptions.chunkSize
        // A prefix of whole chunks, whose moments (and so extremes) are known.
        let fitting = budget / (keepsDoubles ? doubleBytes : singleBytes) / chunk * chunk
        let mainKept = min(n, max(min(n, RunOptions.lineQuantileSamples), fitting))
        // What each output keeps (nil: derived), then the stores in one block of memory.
        let plan: [(precision: OutputStore.Precision, kept: Int)?] = model.outputs.indices.map { k in
            if model.aliases[k] != k || keepsMomentsOnly(k) { return (.double, 0) }
            if isLine(k) { return (.single, lineKept) }
            if keepsDoubles, derivation(k) != nil { return nil }
            return (keepsDoubles ? .double : .single, mainKept)
        }
        let arena = StoreArena(sizes: plan.compactMap { $0.map { OutputStore.bytes($0.precision, kept: $0.kept) } })
        var stores: [OutputStore?] = plan.map { $0.map { OutputStore(precision: $0.precision, kept: $0.kept, in: arena) } }
        for k in stores.indices where stores[k] == nil {
            let d = derivation(k)!
            stores[k] = OutputStore(ratio: d.ratio, of: stores[d.left]!, stores[d.right]!)
        }
        return stores.map { $0! }
    }
}
