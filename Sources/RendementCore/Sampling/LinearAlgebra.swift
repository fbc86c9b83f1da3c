internal import CLinalg

/// Small dense linear algebra through LAPACKE (row-major matrices).
public enum LinearAlgebra {
    /// Eigenvalues (ascending) and eigenvectors (columns of a row-major matrix) of a symmetric
    /// matrix, by LAPACK's `dsyev`; nil if it fails to converge.
    public static func symmetricEigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double])? {
        var m = a
        var w = [Double](repeating: 0, count: n)
        let info = LAPACKE_dsyev(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")), Int32(n), &m, Int32(n), &w)
        return info == 0 ? (w, m) : nil
    }

    /// The lower Cholesky factor L (L Lᵀ = a) by LAPACK's `dpotrf`, or nil if a is not positive definite.
    public static func cholesky(_ a: [Double], n: Int) -> [Double]? {
        var m = a
        let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), &m, Int32(n))
        guard info == 0 else { return nil }
        for i in 0..<n { for j in (i + 1)..<n { m[i * n + j] = 0 } }
        return m
    }

    /// The nearest correlation matrix in the Frobenius norm (Higham 2002, alternating projections
    /// with Dykstra's correction): symmetric, unit diagonal, positive semi-definite.
    /// Doi:10.1093/imanum/22.3.329.
    public static func nearestCorrelation(_ a: [Double], n: Int, iterations: Int = 200) -> [Double] {
        var y = a, correction = [Double](repeating: 0, count: n * n)
        for _ in 0..<iterations {
            let r = zip(y, correction).map { $0 - $1 }
            guard let (values, vectors) = symmetricEigen(r, n: n) else { break }
            var x = [Double](repeating: 0, count: n * n)   // projection onto PSD matrices
            for k in 0..<n where values[k] > 0 {
                for i in 0..<n { for j in 0..<n { x[i * n + j] += values[k] * vectors[i * n + k] * vectors[j * n + k] } }
            }
            correction = zip(x, r).map { $0 - $1 }
            y = x
            for i in 0..<n { y[i * n + i] = 1 }           // projection onto unit diagonals
            if let min = symmetricEigen(y, n: n)?.values.first, min >= -1e-12 { break }
        }
        return y
    }

    /// Least squares: the x minimising ‖A x − b‖ for a row-major m × n matrix A (m ≥ n, full
    /// rank), by LAPACK's QR-based `dgels`; nil if A is rank-deficient.
    public static func leastSquares(_ a: [Double], rows m: Int, columns n: Int, _ b: [Double]) -> [Double]? {
        var matrix = a, rhs = b
        let info = LAPACKE_dgels(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "N")), Int32(m), Int32(n), 1, &matrix, Int32(n), &rhs, 1)
        return info == 0 ? Array(rhs.prefix(n)) : nil
    }

    /// The inverse of a symmetric positive-definite matrix (Cholesky, `dpotrf` + `dpotri`).
    public static func inverseSPD(_ a: [Double], n: Int) -> [Double]? {
        var m = a
        guard LAPACKE_dpotrf(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), &m, Int32(n)) == 0,
              LAPACKE_dpotri(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), &m, Int32(n)) == 0 else { return nil }
        for i in 0..<n { for j in (i + 1)..<n { m[i * n + j] = m[j * n + i] } }
        return m
    }

    /// The Pearson correlation matrix (row-major m × m) of `columns` (m columns of equal length).
    public static func correlation(_ columns: [UnsafeBufferPointer<Double>]) -> [Double] {
        correlation(columns: columns.count, rows: columns.first?.count ?? 0) { c, start, count, into in
            into.update(from: columns[c].baseAddress! + start, count: count)
        }
    }

    /// The Pearson correlation matrix (row-major m × m) of m columns of n values that `load`
    /// copies a block at a time (`load(c, start, count, into)`): the columns' means first, then
    /// the centred cross-products accumulated by BLAS's `dsyrk` over blocks of 4,096 rows (a
    /// fixed order: the same bits on every run). A constant column has correlation 0 with the
    /// others and 1 with itself.
    public static func correlation(columns m: Int, rows n: Int, load: (Int, Int, Int, UnsafeMutablePointer<Double>) -> Void) -> [Double] {
        guard m > 0, n > 0 else { return [] }
        let block = 4096
        var a = [Double](repeating: 0, count: block * m)   // column-major block × m
        var means = [Double](repeating: 0, count: m)
        var start = 0
        while start < n {
            let rows = min(block, n - start)
            a.withUnsafeMutableBufferPointer { x in
                for j in 0..<m {
                    load(j, start, rows, x.baseAddress! + j * block)
                    for i in 0..<rows { means[j] += x[j * block + i] }
                }
            }
            start += rows
        }
        for j in 0..<m { means[j] /= Double(n) }
        var gram = [Double](repeating: 0, count: m * m)
        start = 0
        while start < n {
            let rows = min(block, n - start)
            a.withUnsafeMutableBufferPointer { x in
                for j in 0..<m {
                    load(j, start, rows, x.baseAddress! + j * block)
                    let mean = means[j]
                    for i in 0..<rows { x[j * block + i] -= mean }
                }
            }
            a.withUnsafeBufferPointer { x in
                gram.withUnsafeMutableBufferPointer { g in
                    // C (m × m, lower triangle) += Aᵀ A, A column-major rows × m with leading dimension `block`.
                    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, Int32(m), Int32(rows), 1, x.baseAddress, Int32(block), 1, g.baseAddress, Int32(m))
                }
            }
            start += rows
        }
        var r = [Double](repeating: 0, count: m * m)
        for a in 0..<m {
            for b in 0...a {
                // Column-major lower triangle: element (a, b) with a ≥ b at a + b·m.
                let value = a == b ? 1 : (gram[a + a * m] > 0 && gram[b + b * m] > 0 ? gram[a + b * m] / (gram[a + a * m] * gram[b + b * m]).squareRoot() : 0)
                r[a * m + b] = value
                r[b * m + a] = value
            }
        }
        return r
    }
}
