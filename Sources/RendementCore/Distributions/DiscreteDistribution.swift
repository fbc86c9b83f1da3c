/// A discrete distribution: one of finitely many values, with given (relative) weights.
///
/// The values are sorted and equal values merged (their weights added); values of weight 0
/// are dropped. With cumulative probabilities c₁ < … < cₙ = 1: F(x) = the c of the largest
/// value ≤ x; F⁻¹(p) = the smallest value whose cumulative probability is ≥ p (binary search);
/// sampling is F⁻¹ of a uniform in (0, 1), so that it agrees with the quantile function.
public struct DiscreteDistribution: Distribution {
    /// The distinct values, ascending.
    public let values: [Double]
    /// Their weights as given (merged for equal values), not normalized.
    public let weights: [Double]
    /// Their probabilities (weights / total).
    public let probabilities: [Double]
    /// The cumulative probabilities; the last is exactly 1.
    public let cumulative: [Double]

    /// Returns nil unless there is at least one value, as many weights as values, all finite,
    /// weights ≥ 0 with a positive total.
    public init?(values: [Double], weights: [Double]) {
        guard !values.isEmpty, values.count == weights.count,
              values.allSatisfy(\.isFinite), weights.allSatisfy({ $0.isFinite && $0 >= 0 })
        else { return nil }
        var merged: [(value: Double, weight: Double)] = []
        for (value, weight) in zip(values, weights).sorted(by: { $0.0 < $1.0 }) where weight > 0 {
            if let last = merged.last, last.value == value {
                merged[merged.count - 1].weight += weight
            } else {
                merged.append((value, weight))
            }
        }
        let total = merged.reduce(0) { $0 + $1.weight }
        guard total > 0, total.isFinite else { return nil }
        self.values = merged.map(\.value)
        self.weights = merged.map(\.weight)
        probabilities = merged.map { $0.weight / total }
        var running = 0.0
        var cumulative = merged.map { running += $0.weight; return running / total }
        cumulative[cumulative.count - 1] = 1
        self.cumulative = cumulative
    }

    /// The index of the smallest value whose cumulative probability is ≥ p.
    @inline(__always)
    static func index(of p: Double, in cumulative: UnsafeBufferPointer<Double>) -> Int {
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] >= p { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus) {
        values.withUnsafeBufferPointer { values in
            cumulative.withUnsafeBufferPointer { cumulative in
                for i in out.indices {
                    out[i] = values[Self.index(of: Xoshiro256PlusPlus.openUnit(words[i]), in: cumulative)]
                }
            }
        }
    }

    public func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability outside [0, 1]")
        return cumulative.withUnsafeBufferPointer { values[Self.index(of: p, in: $0)] }
    }

    public func cdf(_ x: Double) -> Double {
        // The number of values ≤ x.
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : cumulative[lo - 1]
    }

    public var mean: Double { zip(values, probabilities).reduce(0) { $0 + $1.0 * $1.1 } }
    public var variance: Double {
        let m = mean
        return zip(values, probabilities).reduce(0) { $0 + $1.1 * ($1.0 - m) * ($1.0 - m) }
    }
    public var support: (lower: Double, upper: Double) { (values[0], values[values.count - 1]) }
    /// The median: the smallest value with cumulative probability ≥ ½.
    public var naturalBase: Double { quantile(0.5) }
    public var description: String {
        let v = values.map(DistributionFormatting.number).joined(separator: ", ")
        let w = weights.map(DistributionFormatting.number).joined(separator: ", ")
        return "discrete(values [\(v)], weights [\(w)])"
    }
}
