import RendementCore

/// Counts, chunk by chunk, the samples for which a condition on a run's outputs holds: an
/// observer of the run that keeps one count per chunk (exact, streaming, in bounded memory),
/// merged in chunk order so that the total and its replicate error do not depend on threads.
final class ChunkTally: ChunkObserver, @unchecked Sendable {
    private let counts: SharedBuffer<Int>
    private let sizes: SharedBuffer<Int>
    private let condition: @Sendable (UnsafePointer<Double>, Int, Int) -> Bool

    /// `condition(outputs, stride, row)`: whether it holds for row `row` of a chunk's outputs
    /// (output k of row i at `outputs[k * stride + i]`).
    init(chunks: Int, condition: @escaping @Sendable (UnsafePointer<Double>, Int, Int) -> Bool) {
        counts = .allocate(max(1, chunks), initialValue: 0)
        sizes = .allocate(max(1, chunks), initialValue: 0)
        self.condition = condition
    }

    deinit {
        counts.deallocate()
        sizes.deallocate()
    }

    func observe(chunk: Int, firstSample: Int, rows: Int, inputs: UnsafePointer<Double>, outputs: UnsafePointer<Double>, stride: Int) {
        var n = 0
        for i in 0..<rows where condition(outputs, stride, i) { n += 1 }
        counts[chunk] = n
        sizes[chunk] = rows
    }

    /// The share of samples for which the condition held over chunks 0 ..< `chunks`, and its
    /// standard error: √(p(1 − p)/n) for independent samples, or from the spread of the chunks'
    /// shares when chunks are replicates of a stratified or quasi-random design.
    func share(chunks: Int, replicated: Bool) -> (probability: Double, standardError: Double) {
        let total = (0..<chunks).reduce(0) { $0 + sizes[$1] }, held = (0..<chunks).reduce(0) { $0 + counts[$1] }
        guard total > 0 else { return (.nan, .nan) }
        let n = Double(total), p = Double(held) / n
        guard replicated, chunks >= 2 else { return (p, (p * (1 - p) / n).squareRoot()) }
        var sum = 0.0
        for c in 0..<chunks {
            let w = Double(sizes[c]) / n, pc = sizes[c] > 0 ? Double(counts[c]) / Double(sizes[c]) : p
            sum += w * w * (pc - p) * (pc - p)
        }
        return (p, (sum * Double(chunks) / Double(chunks - 1)).squareRoot())
    }
}
