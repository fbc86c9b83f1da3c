import Dispatch
import RendementCore

/// Variance-based first-order and total Sobol' indices with Saltelli's design: two independent
/// sample matrices A and B (N rows each) and, for each input i, A with column i taken from B;
/// N(k + 2) model runs in all, evaluated in parallel batches. Estimators: first order by
/// Saltelli et al. (2010), S_i = mean(f_B (f_ABi − f_A)) / V; total by Jansen (1999),
/// ST_i = mean((f_A − f_ABi)²) / (2V); V the variance of f over A and B together.
/// Confidence intervals by bootstrap over rows (percentile method). Doi:10.1016/j.cpc.2009.09.018.
public enum SobolIndices {
    public struct Index: Sendable {
        public var input: String
        public var first: Double, firstInterval: (Double, Double)
        public var total: Double, totalInterval: (Double, Double)
    }

    public struct Result: Sendable {
        /// Per output asked for, per input.
        public var indices: [[Index]]
        public var baseSamples: Int
        public var modelRuns: Int
        public var warnings: [String]
    }

    public static func analyse(_ model: CompiledModel, outputs: [Int], baseSamples n: Int, seed: UInt64, threads: Int,
                               design: any SamplingDesign = MonteCarloDesign(), resamples: Int = 500, confidence: Double = 0.95) -> Result {
        let k = model.inputs.count
        let evaluated = evaluate(model, outputs: outputs, baseSamples: n, rows: 0..<(n * (k + 2)), seed: seed, threads: threads, design: design)
        return estimate(model, outputs: outputs, evaluated: evaluated, baseSamples: n, seed: seed, threads: threads,
                        resamples: resamples, confidence: confidence)
    }

    /// The model runs of Saltelli's design: the rows of A, B, AB_1 … AB_k stacked (n(k + 2) rows
    /// in all), of which this evaluates only `rows` (a shard evaluates its part; the parts
    /// concatenated in order are exactly the whole). One array per output asked for.
    public static func evaluate(_ model: CompiledModel, outputs: [Int], baseSamples n: Int, rows: Range<Int>, seed: UInt64, threads: Int,
                                design: any SamplingDesign = MonteCarloDesign(), progress: RunProgress? = nil) -> [[Double]] {
        let k = model.inputs.count, count = rows.count
        guard count > 0 else { return outputs.map { _ in [] } }
        let (a, b) = baseMatrices(model, rows: n, seed: seed, design: design)
        var stacked = [Double](repeating: 0, count: k * count)
        for t in 0..<count {
            let r = rows.lowerBound + t, block = r / n, i = r % n
            // Block 0 is A, block 1 is B, block 2 + m is A with column m taken from B.
            for j in 0..<k { stacked[j * count + t] = block == 1 || block == 2 + j ? b[j * n + i] : a[j * n + i] }
        }
        let y = model.evaluate(columns: stacked, rows: count, threads: threads, progress: progress)
        return outputs.map { Array(y[$0 * count..<($0 + 1) * count]) }
    }

    /// The indices from the evaluated design (`evaluated[o]` holds all n(k + 2) runs of output
    /// `outputs[o]`), with bootstrap confidence intervals.
    public static func estimate(_ model: CompiledModel, outputs: [Int], evaluated: [[Double]], baseSamples n: Int, seed: UInt64, threads: Int,
                                resamples: Int = 500, confidence: Double = 0.95) -> Result {
        let k = model.inputs.count, rows = n * (k + 2)
        precondition(evaluated.count == outputs.count && evaluated.allSatisfy { $0.count == rows })
        var warnings: [String] = []
        if !model.scenario.correlations.isEmpty {
            warnings.append("Sobol' indices assume independent inputs; the scenario's correlations are ignored here")
        }
        if n < 1024 { warnings.append("only \(n) base samples: Sobol' indices are unreliable below about 1,000; use --samples 16384 or more") }
        var all: [[Index]] = []
        for (o, output) in outputs.enumerated() {
            // Centred outputs: the estimators are unchanged in expectation but far less noisy
            // when the mean is large against the spread (as SALib also does).
            var f = evaluated[o]
            let centre = f[0..<(2 * n)].reduce(0, +) / Double(2 * n)
            for i in f.indices { f[i] -= centre }
            let indices = estimateCentred(f, n: n, k: k, names: model.inputs.map(\.name), seed: seed, resamples: resamples,
                                   confidence: confidence, threads: threads).enumerated().filter { !model.inputs[$0.offset].isBootstrapWeight }.map(\.element)
            for index in indices where index.first < 0 && index.firstInterval.1 < 0 || index.total < 0 && index.totalInterval.1 < 0 {
                warnings.append("\(model.outputs[output].name): the index of '\(index.input)' is negative beyond its confidence interval; increase --samples")
            }
            all.append(indices)
        }
        return Result(indices: all, baseSamples: n, modelRuns: rows, warnings: warnings)
    }

    /// A and B: for Sobol' points, the first and last k dimensions of one scrambled 2k-dimensional
    /// sequence (two scrambles of the same k dimensions would share their leading digits); for
    /// other designs, two independent runs of the design.
    static func baseMatrices(_ model: CompiledModel, rows n: Int, seed: UInt64, design: any SamplingDesign) -> ([Double], [Double]) {
        let k = model.inputs.count
        guard design is SobolDesign, 2 * k <= SobolSequence.maxDimensions else {
            return (matrix(model, rows: n, seed: seed, design: design), matrix(model, rows: n, seed: seed ^ 0x5A17_E11D_B0B5_0B01, design: design))
        }
        var rng = StreamKey(seed: seed, inputName: "\u{1}saltelli-sobol").generator(chunk: 0)
        var u = [Double](repeating: 0, count: 2 * k * n)
        u.withUnsafeMutableBufferPointer { SobolSequence(dimensions: 2 * k).scrambled(using: &rng).fill(count: n, into: $0.baseAddress!, stride: n) }
        var a = [Double](repeating: 0, count: k * n), b = a
        for (j, input) in model.inputs.enumerated() {
            u.withUnsafeBufferPointer { p in
                a.withUnsafeMutableBufferPointer { input.distribution.quantiles(of: UnsafeBufferPointer(rebasing: p[j * n..<(j + 1) * n]), into: UnsafeMutableBufferPointer(rebasing: $0[j * n..<(j + 1) * n])) }
                b.withUnsafeMutableBufferPointer { input.distribution.quantiles(of: UnsafeBufferPointer(rebasing: p[(k + j) * n..<(k + j + 1) * n]), into: UnsafeMutableBufferPointer(rebasing: $0[j * n..<(j + 1) * n])) }
            }
        }
        return (a, b)
    }

    static func matrix(_ model: CompiledModel, rows n: Int, seed: UInt64, design: any SamplingDesign) -> [Double] {
        let k = model.inputs.count, chunk = RunOptions.chunkSize
        var m = [Double](repeating: 0, count: max(1, k * n))
        var buffer = [Double](repeating: 0, count: max(1, k * chunk))
        var first = 0, c = 0
        while first < n {
            let count = min(chunk, n - first)
            buffer.withUnsafeMutableBufferPointer { design.fill(chunk: c, rows: count, inputs: model.inputs, seed: seed, into: $0.baseAddress!, stride: chunk) }
            for j in 0..<k { for i in 0..<count { m[j * n + first + i] = buffer[j * chunk + i] } }
            first += count
            c += 1
        }
        return m
    }

    static func estimateCentred(_ f: [Double], n: Int, k: Int, names: [String], seed: UInt64, resamples: Int, confidence: Double, threads: Int) -> [Index] {
        @Sendable func indices(_ rows: [Int]?) -> [(Double, Double)] {
            let count = rows?.count ?? n
            var sum = 0.0, sumSquares = 0.0
            for t in 0..<count {
                let i = rows?[t] ?? t
                sum += f[i] + f[n + i]
                sumSquares += f[i] * f[i] + f[n + i] * f[n + i]
            }
            let mean = sum / Double(2 * count)
            let variance = (sumSquares - 2 * Double(count) * mean * mean) / Double(2 * count - 1)
            return (0..<k).map { m in
                var s1 = 0.0, st = 0.0
                let offset = (2 + m) * n
                for t in 0..<count {
                    let i = rows?[t] ?? t
                    let fa = f[i], fb = f[n + i], fab = f[offset + i]
                    s1 += fb * (fab - fa)
                    st += (fa - fab) * (fa - fab)
                }
                return (s1 / Double(count) / variance, st / Double(2 * count) / variance)
            }
        }
        let point = indices(nil)
        let draws = SharedBuffer<(Double, Double)>.allocate(resamples * k, initialValue: (0, 0))
        defer { draws.deallocate() }
        Parallel.forEach(resamples, threads: threads) { r in
            var rng = StreamKey(seed: seed, inputName: "\u{1}sobol-bootstrap").generator(chunk: r)
            let rows = (0..<n).map { _ in Int(rng.next() % UInt64(n)) }
            for (m, value) in indices(rows).enumerated() { draws[r * k + m] = value }
        }
        let alpha = (1 - confidence) / 2
        return (0..<k).map { m in
            let firsts = (0..<resamples).map { draws[$0 * k + m].0 }, totals = (0..<resamples).map { draws[$0 * k + m].1 }
            let f1 = Quantiles.typeSeven(firsts, at: [alpha, 1 - alpha]), ft = Quantiles.typeSeven(totals, at: [alpha, 1 - alpha])
            return Index(input: names[m], first: point[m].0, firstInterval: (f1[0], f1[1]), total: point[m].1, totalInterval: (ft[0], ft[1]))
        }
    }
}
