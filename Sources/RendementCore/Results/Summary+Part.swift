extension Summary {
    /// Numbers a summary takes in a part file: its moments (7), its standard quantiles, the
    /// samples behind them and their error bound, and the replicate errors (NaN when absent).
    public static var partCount: Int { 7 + Quantiles.standard.count + 4 }

    /// The summary as `partCount` numbers.
    public var partValues: [Double] {
        moments.partValues + quantiles + [Double(quantileSamples), quantileRelativeError,
                                          replicateStandardError ?? .nan, replicateProbabilityError ?? .nan]
    }

    /// A summary of `samples` samples from a part file's numbers, its counts checked.
    public init(part x: ArraySlice<Double>, samples: Int) throws(LimitError) {
        let i = x.startIndex, q = Quantiles.standard.count
        guard x.count == Self.partCount else { throw LimitError(field: "summary", "expected \(Self.partCount) numbers, found \(x.count)") }
        let moments = try Moments(part: x[i..<(i + 7)], rows: samples)
        let kept = try Limits.whole(x[i + 7 + q], in: 0...samples, field: "summary", what: "a sample count")
        self.init(moments: moments, quantiles: Array(x[(i + 7)..<(i + 7 + q)]), quantileSamples: kept, quantileRelativeError: x[i + 8 + q])
        replicateStandardError = x[i + 9 + q].isNaN ? nil : x[i + 9 + q]
        replicateProbabilityError = x[i + 10 + q].isNaN ? nil : x[i + 10 + q]
    }
}
