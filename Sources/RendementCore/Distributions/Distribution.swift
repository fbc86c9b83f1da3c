/// A univariate probability distribution for an uncertain input (an expert estimate).
///
/// Every distribution can draw exact samples in batches (used by plain Monte Carlo) and map
/// probabilities through its inverse CDF (used by stratified and quasi-random designs, and by
/// one-way sensitivity analysis). Batches avoid a dynamic call per sample: the runner calls
/// `sample(into:words:using:)` once per input per block of 2,048 values.
public protocol Distribution: Sendable, CustomStringConvertible {
    /// Fills `out` with independent draws: value i from the random word `words[i]` (64 uniform
    /// bits; `words` holds `out.count` of them) and, where one word is not enough (a rejection,
    /// a tail, a distribution drawn by several uniforms), from further words of `rng`, in the
    /// order of the values.
    func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus)

    /// The inverse cumulative distribution function: the smallest x with F(x) ≥ p, for p in (0, 1).
    func quantile(_ p: Double) -> Double

    /// The cumulative distribution function F(x) = P(X ≤ x).
    func cdf(_ x: Double) -> Double

    /// The expected value.
    var mean: Double { get }

    /// The variance.
    var variance: Double { get }

    /// The smallest and largest values the distribution can take (possibly infinite).
    var support: (lower: Double, upper: Double) { get }

    /// The point estimate used when the scenario gives no `base`: the mode for distributions
    /// specified by one (triangular, PERT), otherwise the median.
    var naturalBase: Double { get }
}

extension Distribution {
    /// Fills `out` with independent draws, every random word taken from `rng` (in blocks: each
    /// block's words first, then what its values need beyond them).
    public func sample(into out: UnsafeMutableBufferPointer<Double>, using rng: inout Xoshiro256PlusPlus) {
        guard let base = out.baseAddress else { return }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 256) { words in
            var done = 0
            while done < out.count {
                let count = Swift.min(words.count, out.count - done)
                for i in 0..<count { words[i] = rng.next() }
                sample(into: UnsafeMutableBufferPointer(start: base + done, count: count), words: words.baseAddress!, using: &rng)
                done += count
            }
        }
    }

    /// Maps each probability in `probabilities` through the inverse CDF into `out`.
    public func quantiles(of probabilities: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<probabilities.count { out[i] = quantile(probabilities[i]) }
    }

    /// The median, F⁻¹(0.5).
    public var median: Double { quantile(0.5) }

    /// The standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }

    /// Draws `count` samples into a new array (convenient for tests and small analyses).
    public func samples(_ count: Int, using rng: inout Xoshiro256PlusPlus) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { sample(into: $0, using: &rng) }
        return values
    }
}
