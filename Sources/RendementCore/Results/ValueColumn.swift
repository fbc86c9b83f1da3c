/// Read-only values by index, for order statistics: a stored column, or one computed on the fly
/// from two others.
protocol ValueColumn {
    associatedtype Value: BinaryFloatingPoint
    var count: Int { get }
    subscript(_ i: Int) -> Value { get }
    /// Values i ..< i + 4 as doubles, for vector loops.
    func four(at i: Int) -> SIMD4<Double>
}

extension UnsafeMutableBufferPointer: ValueColumn where Element: BinaryFloatingPoint {
    @inline(__always)
    func four(at i: Int) -> SIMD4<Double> {
        let raw = UnsafeRawPointer(baseAddress! + i)
        if Element.self == Double.self { return raw.loadUnaligned(as: SIMD4<Double>.self) }
        if Element.self == Float.self { return SIMD4<Double>(raw.loadUnaligned(as: SIMD4<Float>.self)) }
        return SIMD4(Double(self[i]), Double(self[i + 1]), Double(self[i + 2]), Double(self[i + 3]))
    }
}

/// left[i] − right[i]: exactly the model's NPV from the PV columns.
struct DifferenceColumn: ValueColumn {
    let left: UnsafePointer<Double>, right: UnsafePointer<Double>
    let count: Int
    @inline(__always) subscript(_ i: Int) -> Double { left[i] - right[i] }
    @inline(__always) func four(at i: Int) -> SIMD4<Double> { load(left, i) - load(right, i) }
}

/// left[i] / right[i]: exactly the model's BCR from the PV columns.
struct RatioColumn: ValueColumn {
    let left: UnsafePointer<Double>, right: UnsafePointer<Double>
    let count: Int
    @inline(__always) subscript(_ i: Int) -> Double { left[i] / right[i] }
    @inline(__always) func four(at i: Int) -> SIMD4<Double> { load(left, i) / load(right, i) }
}

@inline(__always)
private func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
    UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Double>.self)
}
