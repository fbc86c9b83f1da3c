import Foundation
import RendementCore

/// Sampling-based importance from a joint sample: Spearman's rank correlation of each input with
/// the output, the partial rank correlation coefficient (PRCC, from the inverse of the rank
/// correlation matrix) and standardised regression coefficients (SRC, least squares of the raw
/// values by their normal equations). Estimates from `JointSample.rows` rows: a rank
/// correlation's standard error is about (1 − ρ²)/√(rows − 1).
public enum RankMeasures {
    public struct Result: Sendable {
        public var spearman: [Double]
        public var prcc: [Double]
        public var src: [Double]
        /// R² of the linear regression behind the SRCs: how much of the variance a linear
        /// model explains (SRCs mean little when it is low).
        public var rSquared: Double
        /// The rows the measures were computed from.
        public var rows: Int
    }

    public static func analyse(_ sample: JointSample) -> Result {
        let k = sample.inputs.count, n = sample.rows
        guard n > 2 else {
            let none = [Double](repeating: .nan, count: k)
            return Result(spearman: none, prcc: none, src: none, rSquared: .nan, rows: n)
        }
        // Correlation matrix of the ranks (inputs, then the output).
        let rankColumns = sample.ranks + [sample.outputRanks]
        let r = correlation(rankColumns)
        let m = k + 1
        let spearman = (0..<k).map { r[$0 * m + k] }
        var prcc = [Double](repeating: .nan, count: k)
        if let p = LinearAlgebra.inverseSPD(r, n: m) {
            for j in 0..<k { prcc[j] = -p[j * m + k] / (p[j * m + j] * p[k * m + k]).squareRoot() }
        }
        // SRC from the correlation matrix of the raw values: standardised coefficients solve
        // R_xx β = r_xy, and R² = β · r_xy.
        let raw = correlation(sample.inputs + [sample.output])
        var src = [Double](repeating: .nan, count: k), r2 = Double.nan
        let rxx = (0..<k).flatMap { i in (0..<k).map { raw[i * m + $0] } }
        if let inverse = LinearAlgebra.inverseSPD(rxx, n: k) {
            let rxy = (0..<k).map { raw[$0 * m + k] }
            src = (0..<k).map { i in (0..<k).reduce(0) { $0 + inverse[i * k + $1] * rxy[$1] } }
            r2 = zip(src, rxy).reduce(0) { $0 + $1.0 * $1.1 }
        }
        return Result(spearman: spearman, prcc: prcc, src: src, rSquared: r2, rows: n)
    }

    /// Spearman's rank correlation of each input with the output, alone (a claim's drivers).
    public static func spearman(_ sample: JointSample) -> [Double] {
        let k = sample.inputs.count
        guard sample.rows > 2 else { return [Double](repeating: .nan, count: k) }
        return (0..<k).map { j in
            let r = correlation([sample.ranks[j], sample.outputRanks])
            return r[1]
        }
    }

    /// The Pearson correlation matrix of `columns` (row-major m × m); a constant column gets
    /// zero correlation with the others and one with itself.
    static func correlation(_ columns: [[Double]]) -> [Double] {
        let m = columns.count, n = columns.first?.count ?? 0
        var centred: [[Double]] = []
        var norms: [Double] = []
        for column in columns {
            let mean = column.reduce(0, +) / Double(max(n, 1))
            let c = column.map { $0 - mean }
            centred.append(c)
            norms.append(dot(c, c).squareRoot())
        }
        var r = [Double](repeating: 0, count: m * m)
        for a in 0..<m {
            for b in 0...a {
                let value = a == b ? 1 : (norms[a] > 0 && norms[b] > 0 ? dot(centred[a], centred[b]) / (norms[a] * norms[b]) : 0)
                r[a * m + b] = value
                r[b * m + a] = value
            }
        }
        return r
    }

    /// Σ aᵢbᵢ in four interleaved sums (a fixed order: the same bits on every run).
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                let whole = x.count & ~3
                var i = 0
                while i < whole {
                    s0 += x[i] * y[i]
                    s1 += x[i + 1] * y[i + 1]
                    s2 += x[i + 2] * y[i + 2]
                    s3 += x[i + 3] * y[i + 3]
                    i += 4
                }
                var total = (s0 + s2) + (s1 + s3)
                while i < x.count { total += x[i] * y[i]; i += 1 }
                return total
            }
        }
    }
}
