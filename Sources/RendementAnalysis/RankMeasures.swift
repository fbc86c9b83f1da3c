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
        let r = correlation(sample.ranks())
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
        let ranks = sample.ranks()
        return (0..<k).map { j in correlation([ranks[j], ranks[k]])[1] }
    }

    /// The Pearson correlation matrix of rank columns (the ranks doubled, exactly).
    static func correlation(_ columns: [[UInt32]]) -> [Double] {
        let n = columns.first?.count ?? 0
        // Blocks converted to doubles, so that no column of doubles is kept whole.
        return LinearAlgebra.correlation(columns: columns.count, rows: n) { c, start, count, into in
            columns[c].withUnsafeBufferPointer { r in for i in 0..<count { into[i] = Double(r[start + i]) } }
        }
    }

    /// The Pearson correlation matrix of `columns` (row-major m × m).
    static func correlation(_ columns: [[Double]]) -> [Double] {
        var pointers: [UnsafeBufferPointer<Double>] = []
        var result: [Double] = []
        func nest(_ index: Int) {
            guard index < columns.count else { result = LinearAlgebra.correlation(pointers); return }
            columns[index].withUnsafeBufferPointer { pointers.append($0); nest(index + 1); pointers.removeLast() }
        }
        nest(0)
        return result
    }
}
