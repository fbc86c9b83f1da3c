import RendementCore

/// The inputs and chosen outputs of every sample of one run, kept for analyses that need the
/// joint sample (rank measures, value of information). Column-major. A table may hold only the
/// rows of one shard (`rows`), which is all a shard observes.
public final class SampleTable: ChunkObserver, @unchecked Sendable {
    /// The number of rows held.
    public let samples: Int
    /// The run's sample numbers these rows are.
    public let rows: Range<Int>
    public let inputNames: [String]
    public let outputIndices: [Int]
    private let inputs: UnsafeMutableBufferPointer<Double>
    private let outputs: UnsafeMutableBufferPointer<Double>

    public convenience init(model: CompiledModel, samples: Int, outputs: [Int]) {
        self.init(model: model, rows: 0..<samples, outputs: outputs)
    }

    public init(model: CompiledModel, rows: Range<Int>, outputs: [Int]) {
        self.rows = rows
        samples = rows.count
        inputNames = model.inputs.map(\.name)
        outputIndices = outputs
        inputs = .allocate(capacity: max(1, samples * model.inputs.count))
        self.outputs = .allocate(capacity: max(1, samples * outputs.count))
    }

    deinit {
        inputs.deallocate()
        outputs.deallocate()
    }

    public func observe(chunk: Int, firstSample: Int, rows count: Int, inputs x: UnsafePointer<Double>, outputs y: UnsafePointer<Double>, stride: Int) {
        let first = firstSample - rows.lowerBound
        precondition(first >= 0 && first + count <= samples, "a chunk outside the table's rows")
        for j in 0..<inputNames.count { for i in 0..<count { inputs[j * samples + first + i] = x[j * stride + i] } }
        for (o, k) in outputIndices.enumerated() { for i in 0..<count { outputs[o * samples + first + i] = y[k * stride + i] } }
    }

    public func input(_ j: Int) -> [Double] { Array(inputs[j * samples..<(j + 1) * samples]) }
    public func output(_ o: Int) -> [Double] { Array(outputs[o * samples..<(o + 1) * samples]) }
}
