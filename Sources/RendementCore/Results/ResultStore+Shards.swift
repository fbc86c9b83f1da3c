import Foundation

/// The chunks one shard computed: moments per chunk and output, and the kept output values of
/// its samples (raw bytes in the store's precision), enough for an exact merge.
public struct ShardResult: Sendable {
    public var index: Int
    public var count: Int
    public var chunks: Range<Int>
    /// Chunk-major: `moments[i * outputs + k]` for the i-th chunk of the shard.
    public var moments: [Moments]
    /// Per output, the kept values of the shard's samples.
    public var values: [Data]

    public init(index: Int, count: Int, chunks: Range<Int>, moments: [Moments], values: [Data]) {
        self.index = index
        self.count = count
        self.chunks = chunks
        self.moments = moments
        self.values = values
    }
}

extension ResultStore {
    /// The part of the store that chunks `range` produced.
    func shard(range: Range<Int>, index: Int, count: Int) -> ShardResult {
        let outputs = model.outputs.count, samples = options.samples
        var moments: [Moments] = []
        for c in range { for k in 0..<outputs { moments.append(partial[c * outputs + k]) } }
        let first = min(range.lowerBound * RunOptions.chunkSize, samples), end = min(range.upperBound * RunOptions.chunkSize, samples)
        let values = stores.map { $0.slice(first..<end) }
        return ShardResult(index: index, count: count, chunks: range, moments: moments, values: values)
    }

    /// Copies a shard's chunks and values into place (the shard was checked against the store).
    func absorb(_ shard: ShardResult) {
        let outputs = model.outputs.count
        for (i, c) in shard.chunks.enumerated() { for k in 0..<outputs { partial[c * outputs + k] = shard.moments[i * outputs + k] } }
        let first = shard.chunks.lowerBound * RunOptions.chunkSize
        for (k, data) in shard.values.enumerated() { stores[k].fill(data, start: first) }
    }
}
