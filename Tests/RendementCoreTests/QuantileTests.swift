import Foundation
import Testing
@testable import RendementCore

/// Quantiles by bucketed selection equal those of a full sort (NumPy's "linear" definition).
@Suite struct QuantileTests {
    static func sorted(_ values: [Double], _ p: Double) -> Double {
        let s = values.sorted(), h = Double(s.count - 1) * p, k = Int(h.rounded(.down))
        return k + 1 < s.count && h > Double(k) ? s[k] + (h - Double(k)) * (s[k + 1] - s[k]) : s[k]
    }

    static let probabilities = Quantiles.standard.map(\.p) + [0, 1, 0.123456]

    @Test(arguments: ["normal", "heavy tail", "ties", "constant", "tiny", "bimodal", "infinities"])
    func matchesFullSort(kind: String) {
        var rng = Xoshiro256PlusPlus(seed: 99)
        let n = kind == "tiny" ? 7 : 200_003
        var values: [Double] = (0..<n).map { _ in
            let u = rng.nextOpenUnit()
            switch kind {
            case "heavy tail": return pow(u, -3) * (rng.nextUnit() < 0.5 ? -1 : 1)   // a few enormous values
            case "ties": return Double(Int(u * 5))
            case "constant": return 4.25
            case "bimodal": return u < 0.5 ? u : 1e6 + u
            default: return StandardNormal.quantile(u) * 1000
            }
        }
        if kind == "infinities" { for i in 0..<2000 { values[i * 7] = i % 2 == 0 ? .infinity : -.infinity } }
        let expected = Self.probabilities.map { Self.sorted(values, $0) }
        let found = Quantiles.typeSeven(values, at: Self.probabilities)
        #expect(found == expected, "\(kind)")
    }

    @Test func singlePrecisionStorageKeepsOrder() {
        var rng = Xoshiro256PlusPlus(seed: 5)
        let values = (0..<100_000).map { _ in StandardNormal.quantile(rng.nextOpenUnit()) * 1e6 }
        var floats = values.map { Float($0) }
        let q = floats.withUnsafeMutableBufferPointer { Quantiles.typeSeven($0, at: [0.05, 0.5, 0.95]) }
        for (i, p) in [0.05, 0.5, 0.95].enumerated() {
            let exact = Self.sorted(values, p)
            #expect(abs(q[i] - exact) <= 0x1p-24 * abs(exact) * 2)
        }
    }

    /// Quantiles with the extremes known from the moments (the pass they save) equal those found
    /// without, in double and in single precision, where rounding keeps the extremes in place.
    @Test func knownExtremesGiveTheSameQuantiles() {
        var rng = Xoshiro256PlusPlus(seed: 77)
        for trial in 0..<6 {
            let n = 50_000 + trial * 7_919
            let values = (0..<n).map { _ in Ziggurat.normal(&rng) * (trial % 2 == 0 ? 1e6 : 1) + (trial > 3 ? 1e9 : 0) }
            let moments = Moments(values)
            let p = Quantiles.standard.map(\.p)
            var a = values, b = values
            let plain = a.withUnsafeMutableBufferPointer { Quantiles.typeSeven($0, at: p) }
            let known = b.withUnsafeMutableBufferPointer { Quantiles.typeSeven($0, at: p, finiteRange: (moments.min, moments.max)) }
            #expect(plain == known)
            var fa = values.map(Float.init), fb = fa
            let floatPlain = fa.withUnsafeMutableBufferPointer { Quantiles.typeSeven($0, at: p) }
            let floatKnown = fb.withUnsafeMutableBufferPointer { Quantiles.typeSeven($0, at: p, finiteRange: (Float(moments.min), Float(moments.max))) }
            #expect(floatPlain == floatKnown)
        }
    }
}
