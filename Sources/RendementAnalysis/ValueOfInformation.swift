import RendementCore

/// The expected value of information for the go/no-go decision "invest if NPV > 0".
///
/// EVPI = E[max(NPV, 0)] − max(E[NPV], 0). The partial EVPI of input j is
/// E[max(g(x_j), 0)] − max(E[g], 0) with g(x_j) = E[NPV | x_j], estimated by Strong & Oakley's
/// regression approach (Med Decis Making 2014, doi:10.1177/0272989X13505910): least squares of
/// the sampled NPVs on a continuous piecewise-linear function of x_j with knots at 17 of its
/// sample quantiles (the same fit as a linear spline with 15 interior knots), with hat basis
/// functions, so that the normal equations are tridiagonal and the whole estimate takes two
/// passes over the rows after the knots' quantiles are selected. An input with at most 17 distinct values (a `bernoulli`,
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

    /// The partial EVPI of every input of `sample` (in parallel over the inputs).
    public static func evppi(_ sample: JointSample, knots: Int = 16) -> [Estimate] {
        let values = SharedBuffer<Double>.allocate(sample.inputs.count, initialValue: .nan)
        defer { values.deallocate() }
        Parallel.forEach(sample.inputs.count, threads: sample.threads) { j in
            values[j] = evppi(input: sample.inputs[j], npv: sample.output, knots: knots)
        }
        return sample.inputNames.indices.map { j in
            let value = values[j]
            return Estimate(input: sample.inputNames[j], value: value.isFinite ? value : nil,
                            note: value.isFinite ? nil : "undefined: the output has no finite mean in this sample")
        }
    }

    /// The partial EVPI of one input (its values in sample order, and NPV). Two passes over the
    /// rows in their order after the knots are found: no sorting.
    public static func evppi(input x: [Double], npv y: [Double], knots requested: Int = 16) -> Double {
        let knots = min(max(requested, 1), 16)   // the segment search holds 15 interior knots
        let n = y.count
        guard n > 1, x.count == n else { return .nan }
        if let distinct = distinctValues(x, atMost: knots + 1) { return evpi(groupMeans(x, y, values: distinct), n: n) }
        // Knots at the input's quantiles (0, 1/knots, …, 1) among its first 16,384 values (the
        // basis needs knots spread over the input's range, not exact quantiles: the fit itself
        // uses every row), ties merged; the extremes of all rows close the range.
        let head = x.prefix(16_384).filter(\.isFinite).sorted()
        guard let first = head.first else { return .nan }
        var lowest = first, highest = head[head.count - 1]
        for v in x where v.isFinite { lowest = min(lowest, v); highest = max(highest, v) }
        var t: [Double] = []
        for q in 0...knots {
            let value = q == 0 ? lowest : q == knots ? highest : head[(head.count - 1) * q / knots]
            if t.last.map({ value > $0 }) ?? true { t.append(value) }
        }
        guard t.count >= 2 else { return 0 }
        return piecewiseLinearEVPI(x, y, knots: t)
    }

    /// EVPI of the fitted values given as (value, weight) pairs: Σ wᵢ max(gᵢ, 0) / n − max(Σ wᵢ gᵢ / n, 0).
    static func evpi(_ fitted: [(value: Double, weight: Int)], n: Int) -> Double {
        var positive = 0.0, total = 0.0
        for (g, w) in fitted { positive += Double(w) * max(g, 0); total += Double(w) * g }
        return positive / Double(n) - max(total / Double(n), 0)
    }

    /// The distinct values of `x`, in ascending order, if there are at most `limit`.
    static func distinctValues(_ x: [Double], atMost limit: Int) -> [Double]? {
        var found: [Double] = []
        for value in x where !found.contains(value) {
            found.append(value)
            if found.count > limit { return nil }
        }
        return found.sorted()
    }

    /// The mean of `y` at each of `values` (the distinct values of `x`), with its count.
    static func groupMeans(_ x: [Double], _ y: [Double], values: [Double]) -> [(value: Double, weight: Int)] {
        var sums = [Double](repeating: 0, count: values.count), counts = [Int](repeating: 0, count: values.count)
        for i in x.indices {
            guard let g = values.firstIndex(of: x[i]) else { continue }
            sums[g] += y[i]
            counts[g] += 1
        }
        return zip(sums, counts).filter { $0.1 > 0 }.map { ($0.0 / Double($0.1), $0.1) }
    }

    /// The interior knots (all but the first and last) in 16 lanes, padded with +∞, for a
    /// branch-free segment search: the segment of v is the number of interior knots ≤ v (a
    /// comparison per lane, no branch to mispredict on random data).
    struct Knots {
        let all: [Double]
        let low: SIMD8<Double>, high: SIMD8<Double>

        init(_ t: [Double]) {
            all = t
            var lanes = [Double](repeating: .infinity, count: 16)
            for (q, value) in t.dropFirst().dropLast().enumerated() where q < 16 { lanes[q] = value }
            low = SIMD8(lanes[0..<8])
            high = SIMD8(lanes[8..<16])
        }

        /// The segment holding `v` and the position in it (0 … 1).
        @inline(__always)
        func segment(_ v: Double) -> (Int, Double) {
            let probe = SIMD8<Double>(repeating: v)
            let c = (unsafeBitCast(low .<= probe, to: SIMD8<Int64>.self) &+ unsafeBitCast(high .<= probe, to: SIMD8<Int64>.self)).wrappedSum()
            // A true lane is −1; an infinite value counts the padding lanes too, hence the bound.
            let segment = min(Int(truncatingIfNeeded: -c), all.count - 2)
            let a = all[segment], b = all[segment + 1]
            let w = (v - a) / (b - a)
            return (segment, w.isNaN ? 0 : min(1, max(0, w)))
        }
    }

    /// The EVPI of the least-squares continuous piecewise-linear fit of y on x with these knots
    /// (hat basis: tridiagonal normal equations), in two passes over the rows.
    static func piecewiseLinearEVPI(_ x: [Double], _ y: [Double], knots t: [Double]) -> Double {
        let n = y.count, m = t.count
        var d = [Double](repeating: 0, count: m), e = [Double](repeating: 0, count: m), b = [Double](repeating: 0, count: m)
        let knots = Knots(t)
        do {
            for i in 0..<n {
                let (c, w) = knots.segment(x[i])
                d[c] += (1 - w) * (1 - w)
                d[c + 1] += w * w
                e[c] += w * (1 - w)
                b[c] += (1 - w) * y[i]
                b[c + 1] += w * y[i]
            }
        }
        // Thomas's algorithm; a knot with no data near it leaves the system singular (not with
        // knots at quantiles of thousands of rows).
        var cPrime = [Double](repeating: 0, count: m), dPrime = [Double](repeating: 0, count: m)
        for i in 0..<m {
            let below = i > 0 ? e[i - 1] : 0
            let pivot = d[i] - below * (i > 0 ? cPrime[i - 1] : 0)
            guard pivot > 0 else { return .nan }
            cPrime[i] = e[i] / pivot
            dPrime[i] = (b[i] - below * (i > 0 ? dPrime[i - 1] : 0)) / pivot
        }
        var beta = [Double](repeating: 0, count: m)
        for i in stride(from: m - 1, through: 0, by: -1) { beta[i] = dPrime[i] - (i + 1 < m ? cPrime[i] * beta[i + 1] : 0) }
        var positive = 0.0, total = 0.0
        do {
            for i in 0..<n {
                let (c, w) = knots.segment(x[i])
                let g = beta[c] * (1 - w) + beta[c + 1] * w
                positive += max(g, 0)
                total += g
            }
        }
        return positive / Double(n) - max(total / Double(n), 0)
    }
}
