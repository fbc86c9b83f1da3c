/// What one run does: how many samples, from which seed, on how many threads.
public struct RunOptions: Sendable {
    /// Samples per chunk: the unit of random streams and of parallel work. Part of the
    /// reproducibility contract (same seed and samples → same numbers), so it never depends on
    /// the thread count and must not change between versions lightly.
    public static let chunkSize = 8192
    /// Samples per evaluation batch inside a chunk (cache-sized; does not affect results).
    public static let batchSize = 256

    /// With a target standard error, LHS and Sobol' runs use at least this many chunks, so that
    /// the spread between chunks gives a usable error estimate.
    public static let minimumReplicates = 4

    public var samples: Int
    public var seed: UInt64
    public var threads: Int
    public var design: any SamplingDesign
    /// Bytes the run may use to keep the main outputs' samples for exact quantiles. Beyond it,
    /// they are kept in single precision: quantiles within a relative 2⁻²⁴ of the exact ones
    /// (rounding preserves order, so only the values round, not the ranks).
    public var memoryBudget: Int
    /// The memory the whole run may take (see `check(for:)`).
    public var memoryLimit: Int = RunOptions.defaultMemoryLimit
    /// Stop once the standard error of mean NPV is at most this (rounds of whole chunks), or at
    /// `maxSamples`. Nil: run exactly `samples`.
    public var targetSE: Double?
    public var maxSamples: Int
    /// Line outputs feed only the kassabon's intervals; their quantiles come from the first
    /// 2^18 samples (their means from all samples).
    public static let lineQuantileSamples = 1 << 18

    public init(samples: Int, seed: UInt64, threads: Int = RunOptions.defaultThreads,
                design: any SamplingDesign = MonteCarloDesign(), memoryBudget: Int = 256 << 20,
                targetSE: Double? = nil, maxSamples: Int = 10_000_000) {
        self.targetSE = targetSE
        self.maxSamples = maxSamples
        self.samples = samples
        self.seed = seed
        self.threads = threads
        self.design = design
        self.memoryBudget = memoryBudget
    }

    /// The number of cores the system reports.
    public static var defaultThreads: Int { max(1, sysconfThreads()) }
}

import Foundation
private func sysconfThreads() -> Int { ProcessInfo.processInfo.activeProcessorCount }
