import RendementCore

/// The expected value of information for the go/no-go decision "invest if NPV > 0".
///
/// EVPI = E[max(NPV, 0)] − max(E[NPV], 0). The partial EVPI of input j is
/// E[max(g(x_j), 0)] − max(E[g], 0) with g(x_j) = E[NPV | x_j], estimated by Strong & Oakley's
/// regression approach (Med Decis Making 2014, doi:10.1177/0272989X13505910): least squares of
/// the sampled NPVs on a continuous piecewise-linear function of x_j with knots at 17 of its
/// sample quantiles (the same fit as a linear spline with 15 interior knots), computed in the
/// input's order with hat basis functions, so that the normal equations are tridiagonal and the
/// whole estimate takes linear time. An input with at most 17 distinct values (a `bernoulli`,
/// a `discrete`, a scenario switch) is regressed on indicators of its values instead: g is the
/// mean NPV at each value.
///
/// Estimates from the joint sample's rows; the regression's own error makes small partial EVPIs
/// slightly positive (of the order of sd(NPV)·√(knots/rows)).
public enum ValueOfInformation {
    /// A partial EVPI, or why it is undefined.
    public struct Estimate: Sendable {
        public var input: String
        /// Nil when undefined (`note` says why).
        public var value: Double?
        public var note: String?
    }

    public static func evpi(_ npv: [Double]) -> Double {
        let n = Double(npv.count)
        guard n > 0 else { return .nan }
        return npv.reduce(0) { $0 + max($1, 0) } / n - max(npv.reduce(0, +) / n, 0)
    }

    /// The partial EVPI of every input of `sample`.
    public static func evppi(_ sample: JointSample, knots: Int = 16) -> [Estimate] {
        sample.inputNames.indices.map { j in
            let value = evppi(x: sample.inputs[j], order: sample.orders[j], y: sample.output, knots: knots)
            return Estimate(input: sample.inputNames[j], value: value.isFinite ? value : nil,
                            note: value.isFinite ? nil : "undefined: the output has no finite mean in this sample")
        }
    }

    /// The partial EVPI of one input (its values in sample order, and NPV).
    public static func evppi(input x: [Double], npv y: [Double], knots: Int = 16) -> Double {
        let order = x.withUnsafeBufferPointer { Ranking.order($0) }
        return evppi(x: x, order: order, y: y, knots: knots)
    }

    static func evppi(x: [Double], order: [UInt32], y: [Double], knots: Int) -> Double {
        let n = y.count
        guard n > 1 else { return .nan }
        let xs = order.map { x[Int($0)] }, ys = order.map { y[Int($0)] }
        let fitted = distinctCount(xs, atMost: knots + 1) <= knots + 1 ? groupMeans(xs, ys) : piecewiseLinear(xs, ys, knots: knots)
        return evpi(fitted)
    }

    /// The number of distinct values of sorted `xs`, counting no further than `limit + 1`.
    static func distinctCount(_ xs: [Double], atMost limit: Int) -> Int {
        var count = xs.isEmpty ? 0 : 1
        for i in 1..<max(1, xs.count) where xs[i] != xs[i - 1] {
            count += 1
            if count > limit { break }
        }
        return count
    }

    /// The mean of `ys` over each run of equal sorted `xs`, for every row.
    static func groupMeans(_ xs: [Double], _ ys: [Double]) -> [Double] {
        var fitted = [Double](repeating: 0, count: ys.count)
        var start = 0
        while start < xs.count {
            var end = start + 1
            while end < xs.count && xs[end] == xs[start] { end += 1 }
            let mean = ys[start..<end].reduce(0, +) / Double(end - start)
            for i in start..<end { fitted[i] = mean }
            start = end
        }
        return fitted
    }

    /// The least-squares continuous piecewise-linear fit of sorted (xs, ys) with knots at
    /// `knots + 1` sample quantiles (both extremes included), at every row.
    static func piecewiseLinear(_ xs: [Double], _ ys: [Double], knots: Int) -> [Double] {
        let n = xs.count
        var t: [Double] = []
        for q in 0...knots {
            let value = xs[(n - 1) * q / knots]
            if t.last.map({ value > $0 }) ?? true { t.append(value) }
        }
        let m = t.count
        guard m >= 2 else { return [Double](repeating: ys.reduce(0, +) / Double(n), count: n) }
        // Normal equations of the hat basis: tridiagonal (diag d, super-diagonal e), right side b.
        var d = [Double](repeating: 0, count: m), e = [Double](repeating: 0, count: m), b = [Double](repeating: 0, count: m)
        var segment = [Int](repeating: 0, count: n), weight = [Double](repeating: 0, count: n)
        var c = 0
        for i in 0..<n {
            while c < m - 2 && xs[i] > t[c + 1] { c += 1 }
            let w = min(1, max(0, (xs[i] - t[c]) / (t[c + 1] - t[c])))
            segment[i] = c
            weight[i] = w
            d[c] += (1 - w) * (1 - w)
            d[c + 1] += w * w
            e[c] += w * (1 - w)
            b[c] += (1 - w) * ys[i]
            b[c + 1] += w * ys[i]
        }
        // Thomas's algorithm (the matrix is symmetric positive definite: every knot is a data point).
        var cPrime = [Double](repeating: 0, count: m), dPrime = [Double](repeating: 0, count: m)
        for i in 0..<m {
            let below = i > 0 ? e[i - 1] : 0
            let pivot = d[i] - below * (i > 0 ? cPrime[i - 1] : 0)
            guard pivot > 0 else { return [Double](repeating: .nan, count: n) }
            cPrime[i] = e[i] / pivot
            dPrime[i] = (b[i] - below * (i > 0 ? dPrime[i - 1] : 0)) / pivot
        }
        var beta = [Double](repeating: 0, count: m)
        for i in stride(from: m - 1, through: 0, by: -1) { beta[i] = dPrime[i] - (i + 1 < m ? cPrime[i] * beta[i + 1] : 0) }
        return (0..<n).map { i in beta[segment[i]] * (1 - weight[i]) + beta[segment[i] + 1] * weight[i] }
    }
}
