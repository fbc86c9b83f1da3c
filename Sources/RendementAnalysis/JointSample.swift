import RendementCore

/// The joint sample behind rank measures and the value of information: the first rows of a run
/// (every analysable input and one output, in sample order). The analyses compute what they
/// need from it (ranks, quantiles) themselves, in parallel over the columns.
///
/// Analyses of a joint sample are estimates from `rows` samples: a rank correlation's standard
/// error is about 1/√(rows − 3) on Fisher's z scale.
public struct JointSample: Sendable {
    public let inputNames: [String]
    /// Per input, its values in sample order; and the output's.
    public let inputs: [[Double]]
    public let output: [Double]
    /// Threads the analyses of this sample may use.
    public let threads: Int

    public var rows: Int { output.count }

    public init(names: [String], inputs: [[Double]], output: [Double], threads: Int = 1) {
        inputNames = names
        self.inputs = inputs
        self.output = output
        self.threads = threads
    }

    /// Twice the ranks of every input and then of the output (computed in parallel over the columns).
    func ranks() -> [[UInt32]] {
        let columns = inputs + [output]
        let done = SharedBuffer<[UInt32]>.allocate(columns.count, initialValue: [])
        defer { done.deallocate() }
        Parallel.forEach(columns.count, threads: threads) { c in done[c] = columns[c].withUnsafeBufferPointer { Ranking.doubledRanks($0) } }
        return Array(done.base)
    }

    /// The bytes a row of the joint sample takes: its values and, for rank measures, its ranks.
    public static func rowBytes(inputs: Int) -> Int { 12 * (inputs + 1) }
}
