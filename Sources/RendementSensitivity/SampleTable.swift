import RendementCore

/// The inputs and chosen outputs of every sample of one run, kept for analyses that need the
/// joint sample (rank measures, value of information). Column-major.
public final class SampleTable: ChunkObserver, @unchecked Sendable {
    public let samples: Int
    public let inputNames: [String]
    public let outputIndices: [Int]
    private let inputs: UnsafeMutableBufferPointer<Double>
    private let outputs: UnsafeMutableBufferPointer<Double>

    public init(model: CompiledModel, samples: Int, outputs: [Int]) {
        self.samples = samples
        inputNames = model.inputs.map(\.name)
        outputIndices = outputs
        inputs = .allocate(capacity: max(1, samples * model.inputs.count))
        self.outputs = .allocate(capacity: max(1, samples * outputs.count))
    }

    deinit {
        inputs.deallocate()
        outputs.deallocate()
    }

    public func observe(chunk: Int, firstSample: Int, rows: Int, inputs x: UnsafePointer<Double>, outputs y: UnsafePointer<Double>, stride: Int) {
        for j in 0..<inputNames.count { for i in 0..<rows { inputs[j * samples + firstSample + i] = x[j * stride + i] } }
        for (o, k) in outputIndices.enumerated() { for i in 0..<rows { outputs[o * samples + firstSample + i] = y[k * stride + i] } }
    }

    public func input(_ j: Int) -> [Double] { Array(inputs[j * samples..<(j + 1) * samples]) }
    public func output(_ o: Int) -> [Double] { Array(outputs[o * samples..<(o + 1) * samples]) }
}
