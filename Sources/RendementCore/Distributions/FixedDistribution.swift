/// A known value: every draw is `value`.
public struct FixedDistribution: Distribution {
    /// The value every draw takes.
    public let value: Double

    /// Returns nil unless `value` is finite.
    public init?(value: Double) {
        guard value.isFinite else { return nil }
        self.value = value
    }

    public func sample(into out: UnsafeMutableBufferPointer<Double>, words: UnsafePointer<UInt64>, using rng: inout Xoshiro256PlusPlus) {
        out.update(repeating: value)
    }

    /// `value` for every p.
    public func quantile(_ p: Double) -> Double { value }

    /// 0 below `value`, 1 from it on.
    public func cdf(_ x: Double) -> Double { x < value ? 0 : 1 }

    public var mean: Double { value }
    public var variance: Double { 0 }
    public var support: (lower: Double, upper: Double) { (value, value) }
    public var naturalBase: Double { value }
    public var description: String { "fixed(\(DistributionFormatting.number(value)))" }
}
