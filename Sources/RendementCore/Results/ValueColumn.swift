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

/// Columns of the same length read together, four values at a time: a pass over a group reads
/// the memory behind its columns once, however many columns it computes from it.
protocol ColumnGroup: Sendable {
    /// The number of columns (fixed per type, so that loops over them unroll).
    static var width: Int { get }
    var count: Int { get }
    /// Values i ..< i + 4 of every column, into `columns[0 ..< width]`.
    func four(at i: Int, into columns: UnsafeMutablePointer<SIMD4<Double>>)
    /// Value i of column `column`, bit for bit lane i mod 4 of `four`.
    func value(_ column: Int, at i: Int) -> Double
}

/// One column on its own.
struct SingleColumn<C: ValueColumn>: ColumnGroup, @unchecked Sendable {   // only reads the column
    let column: C
    static var width: Int { 1 }
    var count: Int { column.count }
    @inline(__always) func four(at i: Int, into columns: UnsafeMutablePointer<SIMD4<Double>>) { columns[0] = column.four(at: i) }
    @inline(__always) func value(_ c: Int, at i: Int) -> Double { Double(column[i]) }
}

/// Two columns and the two that follow from them: left, right, left − right and left / right,
/// as `DifferenceColumn` and `RatioColumn` compute them (the PVs, the NPV and the BCR).
struct PairColumns: ColumnGroup, @unchecked Sendable {   // only reads the columns
    let left: UnsafePointer<Double>, right: UnsafePointer<Double>
    let count: Int
    static var width: Int { 4 }

    @inline(__always) func four(at i: Int, into columns: UnsafeMutablePointer<SIMD4<Double>>) {
        let l = load(left, i), r = load(right, i)
        columns[0] = l; columns[1] = r; columns[2] = l - r; columns[3] = l / r
    }

    @inline(__always) func value(_ c: Int, at i: Int) -> Double {
        switch c {
        case 0: return left[i]
        case 1: return right[i]
        case 2: return left[i] - right[i]
        default: return left[i] / right[i]
        }
    }
}
