/// A buffer that parallel chunks write at disjoint indices. Sharing it is safe by construction
/// (no two workers touch the same element), which the compiler cannot see, hence `@unchecked`.
@frozen
public struct SharedBuffer<Element>: @unchecked Sendable {
    public let base: UnsafeMutableBufferPointer<Element>

    public init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }

    /// Allocates `count` elements initialised to `value`; free with `deallocate()`.
    public static func allocate(_ count: Int, initialValue value: Element) -> SharedBuffer {
        let b = UnsafeMutableBufferPointer<Element>.allocate(capacity: Swift.max(count, 1))
        b.initialize(repeating: value)
        return SharedBuffer(UnsafeMutableBufferPointer(rebasing: b[0..<count]))
    }

    public func deallocate() { UnsafeMutableBufferPointer(start: base.baseAddress, count: Swift.max(base.count, 1)).deallocate() }

    @inlinable public subscript(i: Int) -> Element {
        @inline(__always) get { base[i] }
        @inline(__always) nonmutating set { base[i] = newValue }
    }
}
