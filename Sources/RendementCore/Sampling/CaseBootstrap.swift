/// The case-selection uncertainty of case-based evidence: for every sample, the cases are
/// resampled with replacement (a bootstrap), and each case's weight is its count in the resample
/// divided by the number of cases. Weighted sums of case results are then the resample's means.
/// Its own random stream per chunk keeps runs identical for any thread count.
enum CaseBootstrap {
    static func apply(chunk: Int, rows: Int, seed: UInt64, matrix: UnsafeMutablePointer<Double>, stride: Int,
                      firstColumn: Int, cases n: Int) {
        guard n > 0 else { return }
        var rng = StreamKey(seed: seed, inputName: "\u{1}case-bootstrap").generator(chunk: chunk)
        let unit = 1 / Double(n)
        for j in 0..<n { (matrix + (firstColumn + j) * stride).update(repeating: 0, count: rows) }
        for i in 0..<rows {
            for _ in 0..<n {
                let j = Int(rng.next() % UInt64(n))
                matrix[(firstColumn + j) * stride + i] += unit
            }
        }
    }
}
