import Benchmark
import Foundation
import RendementCore
import RendementReport
import RendementAnalysis

/// The engine's benchmarks: sampling and inverse CDFs per distribution, model evaluation, whole
/// runs, Sobol' indices and a sweep, all on the reference model of ../shared/reference
/// (Scenarios/reference-model.yaml). Wall clock, throughput and allocations for each.
/// Speed targets are ratios against the reference programs (Benchmarks/compare.sh); these
/// benchmarks track the engine's own parts between commits (`swift package benchmark baseline`).
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident]
    let quick = Benchmark.Configuration(metrics: metrics, maxDuration: .seconds(2), maxIterations: 2_000)
    let slow = Benchmark.Configuration(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 20)

    // One batch of 8,192 draws (a chunk) per iteration: throughput × 8,192 is draws per second.
    for (name, distribution) in Fixtures.distributions {
        Benchmark("sample \(name) ×8192", configuration: quick) { benchmark in
            // As the runner draws: a vector-lane stream, in blocks of words.
            var stream = RandomStream(seed: 1)
            let out = UnsafeMutableBufferPointer<Double>.allocate(capacity: 8192)
            let words = UnsafeMutablePointer<UInt64>.allocate(capacity: RandomStream.blockSize)
            defer { out.deallocate(); words.deallocate() }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { stream.draw(distribution, into: out, words: words) }
            blackHole(out[8191])
        }
        Benchmark("quantile \(name) ×8192", configuration: quick) { benchmark in
            let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: 8192), out = UnsafeMutableBufferPointer<Double>.allocate(capacity: 8192)
            defer { p.deallocate(); out.deallocate() }
            for i in 0..<8192 { p[i] = (Double(i) + 0.5) / 8192 }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { distribution.quantiles(of: UnsafeBufferPointer(p), into: out) }
            blackHole(out[8191])
        }
    }

    Benchmark("evaluate reference model ×8192 (1 thread)", configuration: quick) { benchmark in
        let model = try Fixtures.referenceModel()
        let rows = 8192
        var columns = [Double](repeating: 0, count: model.inputs.count * rows)
        for (j, input) in model.inputs.enumerated() { for i in 0..<rows { columns[j * rows + i] = input.distribution.quantile((Double(i) + 0.5) / Double(rows)) } }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(model.evaluate(columns: columns, rows: rows, threads: 1)) }
    }

    for (threads, design) in [(1, "mc"), (2, "mc"), (1, "lhs"), (1, "sobol")] {
        Benchmark("run reference model 10^6 \(design) (\(threads) thread\(threads == 1 ? "" : "s"))", configuration: slow) { benchmark in
            let model = try Fixtures.referenceModel()
            let options = RunOptions(samples: 1_000_000, seed: 1, threads: threads, design: Designs.named(design)!)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(MonteCarloRunner.run(model, options: options).summary(.npv).mean) }
        }
    }

    Benchmark("sobol indices reference model 2^12 base samples", configuration: slow) { benchmark in
        let model = try Fixtures.referenceModel()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let settings = SobolIndices.Settings(baseSamples: 4096, seed: 1, threads: 2, outputs: [model.outputIndex(.npv)!])
            blackHole(SobolIndices.analyse(model, settings: settings))
        }
    }

    Benchmark("sweep reference model 8 points × 10^5", configuration: slow) { benchmark in
        let model = try Fixtures.referenceModel()
        let axes = [try Sweep.Axis(parsing: "discount_rate=0:0.06:4"), try Sweep.Axis(parsing: "V=900:1100:2")]
        let options = RunOptions(samples: 100_000, seed: 1, threads: 2, design: MonteCarloDesign())
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try Sweep(scenario: model.scenario, axes: axes, options: options).points.count) }
    }
}
