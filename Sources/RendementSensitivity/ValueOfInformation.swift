import RendementCore

/// The expected value of information for the go/no-go decision "invest if NPV > 0".
///
/// EVPI = E[max(NPV, 0)] − max(E[NPV], 0). The partial EVPI of input j is
/// E[max(g(x_j), 0)] − max(E[g], 0) with g(x_j) = E[NPV | x_j], estimated by Strong & Oakley's
/// regression approach (Med Decis Making 2014, doi:10.1177/0272989X13505910): a least-squares
/// linear spline in x_j with knots at 16 of its quantiles, fitted to the sampled NPVs.
public enum ValueOfInformation {
    public static func evpi(_ npv: [Double]) -> Double {
        let n = Double(npv.count)
        return npv.reduce(0) { $0 + max($1, 0) } / n - max(npv.reduce(0, +) / n, 0)
    }

    public static func evppi(input x: [Double], npv y: [Double], knots: Int = 16) -> Double {
        let n = x.count
        let sorted = x.sorted()
        var cuts: [Double] = []
        for q in 1..<knots {
            let c = sorted[min(n - 1, q * n / knots)]
            if cuts.last.map({ c > $0 }) ?? (c > sorted[0]) { cuts.append(c) }
        }
        let p = cuts.count + 2
        let scale = max(abs(sorted[n - 1] - sorted[0]), 1e-300)
        var design = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            let t = (x[i] - sorted[0]) / scale
            design[i * p] = 1
            design[i * p + 1] = t
            for (c, knot) in cuts.enumerated() { design[i * p + 2 + c] = max(0, t - (knot - sorted[0]) / scale) }
        }
        guard let b = LinearAlgebra.leastSquares(design, rows: n, columns: p, y) else { return .nan }
        var fitted = [Double](repeating: 0, count: n)
        for i in 0..<n { var s = 0.0; for c in 0..<p { s += design[i * p + c] * b[c] }; fitted[i] = s }
        return evpi(fitted)
    }
}
