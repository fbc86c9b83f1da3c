import Foundation

/// Induces rank correlations between inputs by Iman & Conover (1982), keeping every marginal
/// exactly: each input's sampled values are only re-ordered.
///
/// Per chunk: van der Waerden scores Φ⁻¹(r/(n+1)) are permuted at random per input, decorrelated
/// by the inverse Cholesky factor of their sample correlation and correlated by the factor of the
/// target; each input column is then re-ordered to follow the ranks of its score column. The
/// target is first converted from Spearman to the Pearson correlation of normal scores,
/// ρ = 2 sin(πρₛ/6), so that the *rank* correlations land on the values in the file.
/// Doi:10.1080/03610918208812265.
enum ImanConover {
    static func apply(_ target: CorrelationTarget, chunk: Int, rows n: Int, seed: UInt64,
                      matrix: UnsafeMutablePointer<Double>, stride: Int) {
        let k = target.inputs.count
        guard n >= 3, k >= 2 else { return }
        var scores = [Double](repeating: 0, count: n * k)
        let normal = (1...n).map { StandardNormal.quantile(Double($0) / Double(n + 1)) }
        for c in 0..<k {
            var rng = StreamKey(seed: seed, inputName: "\u{1}iman-conover:\(c)").generator(chunk: chunk)
            var column = normal
            for i in Swift.stride(from: n - 1, to: 0, by: -1) {       // Fisher–Yates
                let j = Int(rng.next() % UInt64(i + 1))
                column.swapAt(i, j)
            }
            for i in 0..<n { scores[c * n + i] = column[i] }
        }
        // Sample correlation of the scores (all columns share mean 0 and the same sum of squares).
        let sumSquares = normal.reduce(0) { $0 + $1 * $1 }
        var e = [Double](repeating: 0, count: k * k)
        for a in 0..<k {
            for b in 0...a {
                var s = 0.0
                for i in 0..<n { s += scores[a * n + i] * scores[b * n + i] }
                e[a * k + b] = s / sumSquares
                e[b * k + a] = s / sumSquares
            }
        }
        guard let q = LinearAlgebra.cholesky(e, n: k) else { return }
        let qInverse = lowerInverse(q, k)
        let c = target.factor
        // T = S · Q⁻ᵀ · Cᵀ, so M[i][j] = Σ_l Qinv[l][i] · C[j][l].
        var m = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { var s = 0.0; for l in 0..<k { s += qInverse[l * k + i] * c[j * k + l] }; m[i * k + j] = s } }
        var order = [Int](repeating: 0, count: n)
        var t = [Double](repeating: 0, count: n)
        var sorted = [Double](repeating: 0, count: n)
        for j in 0..<k {
            for i in 0..<n { var s = 0.0; for l in 0..<k { s += scores[l * n + i] * m[l * k + j] }; t[i] = s }
            for i in 0..<n { order[i] = i }
            order.sort { t[$0] < t[$1] || (t[$0] == t[$1] && $0 < $1) }
            let column = matrix + target.inputs[j] * stride
            for i in 0..<n { sorted[i] = column[i] }
            sorted.sort()
            for r in 0..<n { column[order[r]] = sorted[r] }
        }
    }

    private static func lowerInverse(_ l: [Double], _ k: Int) -> [Double] {
        var inv = [Double](repeating: 0, count: k * k)
        for col in 0..<k {
            for row in col..<k {
                var s = row == col ? 1.0 : 0.0
                for m in col..<row { s -= l[row * k + m] * inv[m * k + col] }
                inv[row * k + col] = s / l[row * k + row]
            }
        }
        return inv
    }
}
