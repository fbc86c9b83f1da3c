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
}

/// Plain Monte Carlo: every input drawn independently by its exact sampler from its own stream
/// (see `StreamKey`). Its standard errors are exactly sd/√n, which is why it is the default.
public struct MonteCarloDesign: SamplingDesign {
    public init() {}

    public var name: String { "mc" }

    /// The generator of `input` in chunk `chunk`: the runner draws from it in blocks, with the
    /// same numbers as `fill`.
    static func stream(of input: ModelInput, chunk: Int, seed: UInt64) -> Xoshiro256PlusPlus {
        StreamKey(seed: seed, inputHash: input.streamHash).generator(chunk: chunk)
    }

    public func fill(chunk: Int, rows: Int, inputs: [ModelInput], seed: UInt64,
                     into matrix: UnsafeMutablePointer<Double>, stride: Int) {
        for (j, input) in inputs.enumerated() {
            var rng = Self.stream(of: input, chunk: chunk, seed: seed)
            input.distribution.sample(into: UnsafeMutableBufferPointer(start: matrix + j * stride, count: rows), using: &rng)
        }
    }
}
