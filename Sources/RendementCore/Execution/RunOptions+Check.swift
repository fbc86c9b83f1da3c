import Foundation

extension RunOptions {
    /// Checks these options against `model` before anything is allocated: the design must give
    /// every uncertain input a dimension, and the run's bookkeeping (per-chunk statistics, kept
    /// samples, workers' scratch) must fit the memory limit. Throws naming the flag and the limit.
    public func check(for model: CompiledModel) throws(LimitError) {
        let inputs = model.sampledInputs.count
        if inputs > design.maxInputs {
            throw LimitError(field: "--design", "the \(design.name) design draws at most \(design.maxInputs) uncertain inputs; this scenario has \(inputs)",
                             hint: "use --design lhs or --design mc")
        }
        let needed = MonteCarloRunner.memoryNeeded(model, options: self)
        if needed > memoryLimit {
            throw LimitError(field: targetSE == nil ? "--samples" : "--max-samples",
                             "\(Limits.grouped(targetSE == nil ? samples : maxSamples)) samples need about \(Self.mebibytes(needed)) of memory, more than the limit of \(Self.mebibytes(memoryLimit))",
                             hint: "use fewer samples, or split the run with --shard K/N and `rendement merge`")
        }
    }

    /// The memory a process may use: a server job's limit (`JobMemoryLimit`), else three
    /// quarters of the machine's memory.
    public static var defaultMemoryLimit: Int {
        if let bytes = JobMemoryLimit.bytes { return bytes }
        let physical = ProcessInfo.processInfo.physicalMemory
        return Int(clamping: physical / 4 * 3)
    }

    static func mebibytes(_ bytes: Int) -> String { "\(Limits.grouped(bytes >> 20)) MiB" }
}

extension MonteCarloRunner {
    /// An upper estimate of the bytes a run of `model` with `options` allocates: per-chunk
    /// moments of every output, the kept samples (within the memory budget) and each worker's
    /// chunk matrices. Saturates instead of overflowing.
    public static func memoryNeeded(_ model: CompiledModel, options: RunOptions) -> Int {
        let samples = options.targetSE == nil ? options.samples : max(options.samples, options.maxSamples)
        let chunks = samples / RunOptions.chunkSize + 1
        let outputs = max(model.outputs.count, 1), inputs = max(model.inputs.count, 1)
        // Lines keep their first 2^18 samples in single precision; the per-year table's cells none.
        let lines = model.outputs.indices.filter(model.isLineOutput).count
        let yearCells = model.outputs.indices.filter(model.keepsMomentsOnly).count
        let main = max(outputs - lines - yearCells, 1)
        let perChunk = chunks.multipliedReportingOverflow(by: outputs * MemoryLayout<Moments>.stride)
        let kept = min(options.memoryBudget, samples.multipliedReportingOverflow(by: 16 * main).partialValue)
            + lines * min(samples, RunOptions.lineQuantileSamples) * 4
        let workers = min(options.threads, chunks) * (inputs + outputs) * RunOptions.chunkSize * 8
        guard !perChunk.overflow else { return .max }
        let (total, overflow) = perChunk.partialValue.addingReportingOverflow(kept + workers)
        return overflow ? .max : total
    }
}
