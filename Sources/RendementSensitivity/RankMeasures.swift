import Foundation
import RendementCore

/// Sampling-based importance from one run: Spearman's rank correlation, the partial rank
/// correlation coefficient (PRCC, from the inverse of the rank correlation matrix) and
/// standardised regression coefficients (SRC, least squares through LAPACK's `dgels`).
public enum RankMeasures {
    public struct Result: Sendable {
        public var spearman: [Double]
        public var prcc: [Double]
        public var src: [Double]
        /// R² of the linear regression behind the SRCs: how much of the variance a linear
        /// model explains (SRCs mean little when it is low).
        public var rSquared: Double
    }

    public static func analyse(inputs: [[Double]], output y: [Double]) -> Result {
        let k = inputs.count, n = y.count
        let ranked = inputs.map(ranks) + [ranks(y)]
        // Rank correlation matrix of inputs and output.
        let m = k + 1
        var r = [Double](repeating: 0, count: m * m)
        let standardised = ranked.map(standardise)
        for a in 0..<m { for b in 0...a { let c = dot(standardised[a], standardised[b]) / Double(n - 1); r[a * m + b] = c; r[b * m + a] = c } }
        let spearman = (0..<k).map { r[$0 * m + k] }
        var prcc = [Double](repeating: .nan, count: k)
        if let p = LinearAlgebra.inverseSPD(r, n: m) {
            for j in 0..<k { prcc[j] = -p[j * m + k] / (p[j * m + j] * p[k * m + k]).squareRoot() }
        }
        // SRC: y = b0 + Σ b_j x_j on the raw values; SRC_j = b_j sd(x_j)/sd(y).
        var design = [Double](repeating: 1, count: n * (k + 1))
        for i in 0..<n { for j in 0..<k { design[i * (k + 1) + j + 1] = inputs[j][i] } }
        var src = [Double](repeating: .nan, count: k), r2 = Double.nan
        if let b = LinearAlgebra.leastSquares(design, rows: n, columns: k + 1, y) {
            let sy = sd(y)
            src = (0..<k).map { b[$0 + 1] * sd(inputs[$0]) / sy }
            let meanY = y.reduce(0, +) / Double(n)
            var residual = 0.0, total = 0.0
            for i in 0..<n {
                var fit = b[0]
                for j in 0..<k { fit += b[j + 1] * inputs[j][i] }
                residual += (y[i] - fit) * (y[i] - fit)
                total += (y[i] - meanY) * (y[i] - meanY)
            }
            r2 = total > 0 ? 1 - residual / total : .nan
        }
        return Result(spearman: spearman, prcc: prcc, src: src, rSquared: r2)
    }

    /// Ranks 0 … n−1, ties given their average rank.
    static func ranks(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] < v[$1] }
        var r = [Double](repeating: 0, count: v.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
            for t in i...j { r[order[t]] = Double(i + j) / 2 }
            i = j + 1
        }
        return r
    }

    static func standardise(_ v: [Double]) -> [Double] {
        let n = Double(v.count), m = v.reduce(0, +) / n, s = sd(v)
        return v.map { s > 0 ? ($0 - m) / s : 0 }
    }

    static func sd(_ v: [Double]) -> Double {
        let n = Double(v.count), m = v.reduce(0, +) / n
        return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }
}
