/// Latin hypercube sampling: within each chunk, every input's range is cut into as many
/// equally likely strata as the chunk has rows, each stratum sampled once at a uniform point,
/// the strata shuffled independently per input, and the points mapped through the input's
/// inverse CDF. Chunks are independent replicates, so the standard error of a mean comes from
/// the spread between chunks.
public struct LatinHypercubeDesign: SamplingDesign {
    public init() {}

    public var name: String { "lhs" }

    public func fill(chunk: Int, rows: Int, inputs: [ModelInput], seed: UInt64,
                     into matrix: UnsafeMutablePointer<Double>, stride: Int) {
        var strata = [Int](repeating: 0, count: rows)
        var u = [Double](repeating: 0, count: rows)
        for (j, input) in inputs.enumerated() {
            var rng = StreamKey(seed: seed, inputHash: input.streamHash ^ 0x4C48_5344_4553_4947).generator(chunk: chunk)
            for i in 0..<rows { strata[i] = i }
            for i in Swift.stride(from: rows - 1, to: 0, by: -1) {    // Fisher–Yates
                strata.swapAt(i, Int(rng.next() % UInt64(i + 1)))
            }
            for i in 0..<rows { u[i] = (Double(strata[i]) + rng.nextOpenUnit()) / Double(rows) }
            u.withUnsafeBufferPointer { p in
                input.distribution.quantiles(of: p, into: UnsafeMutableBufferPointer(start: matrix + j * stride, count: rows))
            }
        }
    }
}

/// Randomised quasi-Monte Carlo: each chunk is the first points of its own scrambled Sobol'
/// sequence (independent scrambles, so chunks are independent replicates and the spread between
/// them is an honest error bar), mapped through the inputs' inverse CDFs. Chunk sizes are powers
/// of two (8,192), where Sobol' points are best balanced; choose sample counts that are too.
public struct SobolDesign: SamplingDesign {
    public init() {}

    public var name: String { "sobol" }

    /// One Sobol' dimension per input, as far as Joe & Kuo's direction numbers go.
    public var maxInputs: Int { SobolSequence.maxDimensions }

    public func fill(chunk: Int, rows: Int, inputs: [ModelInput], seed: UInt64,
                     into matrix: UnsafeMutablePointer<Double>, stride: Int) {
        guard !inputs.isEmpty else { return }
        var rng = StreamKey(seed: seed, inputName: "\u{1}sobol-scramble").generator(chunk: chunk)
        let sequence = SobolSequence(dimensions: inputs.count).scrambled(using: &rng)
        sequence.fill(count: rows, into: matrix, stride: stride)
        var u = [Double](repeating: 0, count: rows)
        for (j, input) in inputs.enumerated() {
            for i in 0..<rows { u[i] = matrix[j * stride + i] }
            u.withUnsafeBufferPointer { p in
                input.distribution.quantiles(of: p, into: UnsafeMutableBufferPointer(start: matrix + j * stride, count: rows))
            }
        }
    }
}

/// The designs by name, for the command line.
public enum Designs {
    public static let names = ["mc", "lhs", "sobol"]

    public static func named(_ name: String) -> (any SamplingDesign)? {
        switch name {
        case "mc": return MonteCarloDesign()
        case "lhs": return LatinHypercubeDesign()
        case "sobol": return SobolDesign()
        default: return nil
        }
    }
}
