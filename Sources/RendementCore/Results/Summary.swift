/// The distribution of one output over all samples: the summary object of the JSON output.
public struct Summary: Sendable {
    public var moments: Moments
    /// Type-7 quantiles at `Quantiles.standard`.
    public var quantiles: [Double]
    /// How many samples the quantiles were computed from (all, unless memory forced a prefix).
    public var quantileSamples: Int
    /// The largest possible error of each quantile from storage precision (0 when exact).
    public var quantileRelativeError: Double

    /// For stratified and quasi-random designs: the standard error of the mean and of
    /// P(> 0) from the spread between chunks (independent replicates); nil for plain Monte Carlo.
    public var replicateStandardError: Double?
    public var replicateProbabilityError: Double?

    public init(moments: Moments, quantiles: [Double], quantileSamples: Int, quantileRelativeError: Double) {
        self.moments = moments
        self.quantiles = quantiles
        self.quantileSamples = quantileSamples
        self.quantileRelativeError = quantileRelativeError
    }

    public var mean: Double { moments.mean }
    public var sd: Double { moments.standardDeviation }
    /// The Monte Carlo standard error of the mean: sd/√n, or the replicate error for LHS and Sobol'.
    public var se: Double { replicateStandardError ?? moments.standardError }
    /// The standard error of `probabilityPositive`.
    public var probabilityPositiveError: Double { replicateProbabilityError ?? moments.probabilityPositiveError }
    public var min: Double { moments.min }
    public var max: Double { moments.max }
    public var probabilityPositive: Double { moments.probabilityPositive }

    /// The quantile with this key (`p05`, …).
    public func quantile(_ key: String) -> Double? {
        Quantiles.standard.firstIndex { $0.key == key }.map { quantiles[$0] }
    }
}
