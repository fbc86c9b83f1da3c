import Foundation
import Testing
@testable import RendementCore

/// NPV and BCR keep no samples of their own when the PVs are kept in double precision: their
/// quantiles are selected from values recomputed from the PVs. They must be exactly those of the
/// values the model computed.
@Suite struct DerivedOutputTests {
    /// Keeps every sample of the chosen outputs, as the model computed them.
    final class OutputCollector: ChunkObserver, @unchecked Sendable {
        let samples: Int, outputs: [Int]
        let storage: UnsafeMutableBufferPointer<Double>

        init(samples: Int, outputs: [Int]) {
            self.samples = samples
            self.outputs = outputs
            storage = .allocate(capacity: samples * outputs.count)
        }

        func free() { storage.deallocate() }

        func observe(chunk: Int, firstSample: Int, rows: Int, inputs: UnsafePointer<Double>, outputs y: UnsafePointer<Double>, stride: Int) {
            for (j, k) in outputs.enumerated() { for i in 0..<rows { storage[j * samples + firstSample + i] = y[k * stride + i] } }
        }

        func column(_ j: Int) -> [Double] { Array(storage[j * samples..<(j + 1) * samples]) }
    }

    /// The model's own values of NPV and BCR (from a second run of the same chunks, observed).
    static func observed(_ model: CompiledModel, samples: Int, seed: UInt64) -> (npv: [Double], bcr: [Double]) {
        let columns = observed(model, [.npv, .bcr], samples: samples, seed: seed)
        return (columns[0], columns[1])
    }

    /// The model's own values of the outputs with the given roles.
    static func observed(_ model: CompiledModel, _ roles: [ModelOutput.Role], samples: Int, seed: UInt64) -> [[Double]] {
        let collector = OutputCollector(samples: samples, outputs: roles.map { model.outputIndex($0)! })
        defer { collector.free() }
        let chunks = (samples + RunOptions.chunkSize - 1) / RunOptions.chunkSize
        MonteCarloRunner.observe(model, options: RunOptions(samples: samples, seed: seed, threads: 2), chunks: 0..<chunks, observer: collector)
        return roles.indices.map { collector.column($0) }
    }

    static func typeSeven(_ values: [Double], _ p: Double) -> Double {
        QuantileTests.sorted(values.filter { !$0.isNaN }, p)
    }

    @Test func derivedQuantilesEqualThoseOfTheModelsValues() throws {
        let model = try compile("""
            scenario: Heavy-tailed benefits against uncertain costs
            stakeholders: [{id: s}]
            inputs:
              a: {dist: lognormal, p5: 100, p95: 5000}
              b: {dist: normal, mean: 800, sd: 400}
              c: {dist: triangular, min: 500, mode: 900, max: 2500}
            costs: [{name: C, payer: s, amount: c}]
            benefits:
              - {name: A, beneficiary: s, amount: a}
              - {name: B, beneficiary: s, amount: b}
            """)
        let n = 5 * RunOptions.chunkSize + 321
        let stores = MonteCarloRunner.makeStores(model, samples: n, budget: 256 << 20)
        #expect(stores[model.outputIndex(.npv)!].isDerived && stores[model.outputIndex(.bcr)!].isDerived)
        let result = MonteCarloRunner.run(model, options: RunOptions(samples: n, seed: 11, threads: 2))
        let (npv, bcr) = Self.observed(model, samples: n, seed: 11)
        for (p, key) in Quantiles.standard.map({ ($0.p, $0.key) }) {
            #expect(result.summary(.npv).quantile(key)! == Self.typeSeven(npv, p), "npv \(key)")
            #expect(result.summary(.bcr).quantile(key)! == Self.typeSeven(bcr, p), "bcr \(key)")
        }
        #expect(result.summary(.npv).quantileRelativeError == 0)
    }

    /// Zero costs in some samples: BCR is infinite there (or NaN, 0/0), which the derived path
    /// hands to the careful selection.
    @Test func infiniteAndUndefinedRatiosAreHandled() throws {
        let model = try compile("""
            scenario: Costs that are sometimes zero
            stakeholders: [{id: s}]
            inputs:
              paid: {dist: bernoulli, p: 0.7}
              a: {dist: uniform, min: 0, max: 2000}
              free: {dist: bernoulli, p: 0.8}
            costs: [{name: C, payer: s, amount: paid * 1000}]
            benefits:
              - {name: A, beneficiary: s, amount: free * a}
            """)
        let n = 3 * RunOptions.chunkSize
        let result = MonteCarloRunner.run(model, options: RunOptions(samples: n, seed: 3, threads: 2))
        let (npv, bcr) = Self.observed(model, samples: n, seed: 3)
        #expect(bcr.contains(.infinity) && bcr.contains { $0.isNaN })
        for (p, key) in Quantiles.standard.map({ ($0.p, $0.key) }) {
            #expect(result.summary(.npv).quantile(key)! == Self.typeSeven(npv, p), "npv \(key)")
            let found = result.summary(.bcr).quantile(key)!, expected = Self.typeSeven(bcr, p)
            #expect(found == expected || found.isNaN && expected.isNaN, "bcr \(key)")
        }
    }

    /// Past the memory budget, the first samples that fit, in double precision when deriving
    /// NPV and BCR halves what is kept: their quantiles are exact ones of those samples.
    @Test func pastTheBudgetTheFirstSamplesAreKeptExactly() throws {
        let model = try compile("""
            scenario: Small budget
            stakeholders: [{id: s}]
            inputs:
              b: {dist: normal, mean: 1000000, sd: 1000}
              c: {dist: uniform, min: 990000, max: 1010000}
            costs: [{name: C, payer: s, amount: c}]
            benefits: [{name: B, beneficiary: s, amount: b}]
            """)
        // At least the first 2^18 samples are always kept (32 chunks): keep 33 of 40.
        let chunk = RunOptions.chunkSize, n = 40 * chunk + 77, budget = 33 * chunk * 16 + 100
        let stores = MonteCarloRunner.makeStores(model, samples: n, budget: budget)
        #expect(stores[model.outputIndex(.npv)!].isDerived && stores[model.outputIndex(.npv)!].kept == 33 * chunk)
        let result = MonteCarloRunner.run(model, options: RunOptions(samples: n, seed: 5, threads: 2, memoryBudget: budget))
        let (npv, bcr) = Self.observed(model, samples: n, seed: 5)
        #expect(result.summary(.npv).quantileSamples == 33 * chunk && result.summary(.npv).quantileRelativeError == 0)
        for (p, key) in Quantiles.standard.map({ ($0.p, $0.key) }) {
            #expect(result.summary(.npv).quantile(key)! == Self.typeSeven(Array(npv.prefix(33 * chunk)), p), "npv \(key)")
            #expect(result.summary(.bcr).quantile(key)! == Self.typeSeven(Array(bcr.prefix(33 * chunk)), p), "bcr \(key)")
        }
    }

    /// With several stakeholders, deriving saves too little: past the budget every main output is
    /// kept in single precision, NPV itself included (a difference of rounded PVs could lose its
    /// relative accuracy near zero).
    @Test func singlePrecisionKeepsNPVItself() throws {
        let model = try compile("""
            scenario: Small budget, two stakeholders
            stakeholders: [{id: city}, {id: insurer}]
            inputs:
              b: {dist: normal, mean: 1000000, sd: 1000}
              h: {dist: normal, mean: 50000, sd: 5000}
            costs: [{name: C, payer: city, amount: 1000000}]
            benefits:
              - {name: B, beneficiary: city, amount: b}
              - {name: H, beneficiary: insurer, amount: h}
            """)
        let n = 4 * RunOptions.chunkSize
        let stores = MonteCarloRunner.makeStores(model, samples: n, budget: n * 8)
        #expect(stores.allSatisfy { !$0.isDerived })
        let result = MonteCarloRunner.run(model, options: RunOptions(samples: n, seed: 5, threads: 2, memoryBudget: n * 8))
        #expect(result.summary(.npv).quantileRelativeError == 0x1p-24)
        let (npv, _) = Self.observed(model, samples: n, seed: 5)
        for (p, key) in Quantiles.standard.map({ ($0.p, $0.key) }) {
            let exact = Self.typeSeven(npv, p)
            #expect(abs(result.summary(.npv).quantile(key)! - exact) <= 0x1p-24 * abs(exact), "npv \(key)")
        }
    }

    /// Selection from a column computed on the fly equals a full sort of its values.
    @Test func computedColumnsMatchFullSort() {
        var rng = Xoshiro256PlusPlus(seed: 8)
        let n = 100_003
        let left = (0..<n).map { _ in pow(rng.nextOpenUnit(), -2) * 1000 }
        let right = (0..<n).map { _ in 500 + 1000 * rng.nextUnit() }
        left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                let difference = DifferenceColumn(left: l.baseAddress!, right: r.baseAddress!, count: n)
                let ratio = RatioColumn(left: l.baseAddress!, right: r.baseAddress!, count: n)
                let d = (0..<n).map { difference[$0] }, q = (0..<n).map { ratio[$0] }
                let p = QuantileTests.probabilities
                #expect(Quantiles.typeSeven(difference, at: p, finiteRange: (d.min()!, d.max()!)) == p.map { QuantileTests.sorted(d, $0) })
                #expect(Quantiles.typeSeven(ratio, at: p, finiteRange: (q.min()!, q.max()!)) == p.map { QuantileTests.sorted(q, $0) })
            }
        }
    }
}
