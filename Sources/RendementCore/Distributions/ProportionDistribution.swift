/// The share behind "k of n cases": Beta(k + 1, n − k + 1), the posterior of a binomial
/// proportion under a uniform prior (Bayes–Laplace). Mean (k + 1)/(n + 2).
public struct ProportionDistribution: BetaBacked {
    /// k, the cases with the outcome.
    public let successes: Int
    /// n, all cases.
    public let trials: Int
    /// The underlying Beta(k + 1, n − k + 1).
    public let beta: BetaDistribution

    /// Returns nil unless 0 ≤ successes ≤ trials.
    public init?(successes: Int, trials: Int) {
        guard successes >= 0, trials >= successes,
              let beta = BetaDistribution(alpha: Double(successes) + 1, beta: Double(trials - successes) + 1)
        else { return nil }
        self.successes = successes
        self.trials = trials
        self.beta = beta
    }

    public var support: (lower: Double, upper: Double) { (0, 1) }
    /// The median.
    public var naturalBase: Double { beta.naturalBase }
    public var description: String { "proportion(\(successes) of \(trials))" }
}
