/// A univariate probability distribution for an uncertain input (an expert estimate).
///
/// Every distribution can draw exact samples in batches (used by plain Monte Carlo) and map
/// probabilities through its inverse CDF (used by stratified and quasi-random designs, and by
/// one-way sensitivity analysis). Batches avoid a dynamic call per sample: the runner calls
/// `sample(into:using:)` once per input per chunk.
public protocol Distribution: Sendable, CustomStringConvertible {
    /// Fills `out` with independent draws, consuming random numbers from `rng`.
    func sample(into out: UnsafeMutableBufferPointer<Double>, using rng: inout Xoshiro256PlusPlus)

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
