/// Read-only values by index, for order statistics: a stored column, or one computed on the fly
/// from two others.
protocol ValueColumn {
    associatedtype Value: BinaryFloatingPoint
    var count: Int { get }
    subscript(_ i: Int) -> Value { get }
}

extension UnsafeMutableBufferPointer: ValueColumn where Element: BinaryFloatingPoint {}

/// left[i] − right[i]: exactly the model's NPV from the PV columns.
struct DifferenceColumn: ValueColumn {
    let left: UnsafePointer<Double>, right: UnsafePointer<Double>
    let count: Int
    @inline(__always) subscript(_ i: Int) -> Double { left[i] - right[i] }
}

/// left[i] / right[i]: exactly the model's BCR from the PV columns.
struct RatioColumn: ValueColumn {
    let left: UnsafePointer<Double>, right: UnsafePointer<Double>
    let count: Int
    @inline(__always) subscript(_ i: Int) -> Double { left[i] / right[i] }
}
