/// How the uncertain inputs of one chunk are drawn.
///
/// A design fills a column-major matrix (input j of row i at `j * stride + i`) for chunk `chunk`
/// from the seed alone, so any chunk can be produced by any worker in any order and the run is
/// bit-identical for every thread count.
public protocol SamplingDesign: Sendable {
    /// The name reported in outputs (`mc`, `lhs`, `sobol`).
    var name: String { get }

    func fill(chunk: Int, rows: Int, inputs: [ModelInput], seed: UInt64,
              into matrix: UnsafeMutablePointer<Double>, stride: Int)

    /// The most uncertain inputs the design can draw (one dimension each).
    var maxInputs: Int { get }
}

extension SamplingDesign {
    public var maxInputs: Int { .max }
}

/// Plain Monte Carlo: every input drawn independently by its exact sampler from its own stream
/// (see `StreamKey`). Its standard errors are exactly sd/√n, which is why it is the default.
public struct MonteCarloDesign: SamplingDesign {
    public init() {}

    public var name: String { "mc" }

    /// The random stream of `input` in chunk `chunk`: the runner draws from it in blocks, with the
    /// same numbers as `fill`.
    static func stream(of input: ModelInput, chunk: Int, seed: UInt64) -> RandomStream {
        StreamKey(seed: seed, inputHash: input.streamHash).stream(chunk: chunk)
    }

    public func fill(chunk: Int, rows: Int, inputs: [ModelInput], seed: UInt64,
                     into matrix: UnsafeMutablePointer<Double>, stride: Int) {
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: RandomStream.blockSize)
        defer { words.deallocate() }
        for (j, input) in inputs.enumerated() {
            var stream = Self.stream(of: input, chunk: chunk, seed: seed)
            stream.draw(input.distribution, into: UnsafeMutableBufferPointer(start: matrix + j * stride, count: rows), words: words)
        }
    }
}
