/// The distribution of one output over all samples: the summary object of the JSON output.
public struct Summary: Sendable {
    public var moments: Moments
    /// Type-7 quantiles at `Quantiles.standard`.
    public var quantiles: [Double]
    /// How many samples the quantiles were computed from (all, unless memory forced a prefix).
    public var quantileSamples: Int
    /// The largest possible error of each quantile from storage precision (0 when exact).
    public var quantileRelativeError: Double

    public var mean: Double { moments.mean }
    public var sd: Double { moments.standardDeviation }
    public var se: Double { moments.standardError }
    public var min: Double { moments.min }
    public var max: Double { moments.max }
    public var probabilityPositive: Double { moments.probabilityPositive }

    /// The quantile with this key (`p05`, …).
    public func quantile(_ key: String) -> Double? {
        Quantiles.standard.firstIndex { $0.key == key }.map { quantiles[$0] }
    }
}
