/// One allocation for all of a run's kept samples, carved into the outputs' stores.
///
/// A single block of tens of megabytes gets transparent huge pages (`LargeAllocation`), where
/// separate stores below the huge-page size (the line outputs' 1 MiB each) would take a page
/// fault per 4 KiB; the memory touched is the same.
final class StoreArena: @unchecked Sendable {
    /// Each store starts on a cache line of its own, so that no two stores share one.
    static let alignment = 64
    private let memory: UnsafeMutableBufferPointer<UInt8>
    private var used = 0

    /// Room for stores of the given sizes in bytes.
    init(sizes: [Int]) {
        let total = sizes.reduce(0) { $0 + Self.rounded($1) }
        memory = LargeAllocation.allocate(UInt8.self, count: total)
    }

    deinit { LargeAllocation.deallocate(memory) }

    static func rounded(_ bytes: Int) -> Int { (bytes + alignment - 1) / alignment * alignment }

    /// The next `count` values' worth of the block (uninitialised).
    func take<T>(_ type: T.Type, count: Int) -> UnsafeMutableBufferPointer<T> {
        let bytes = Self.rounded(count * MemoryLayout<T>.stride)
        precondition(used + bytes <= memory.count, "store arena overrun")
        let start = UnsafeMutableRawPointer(memory.baseAddress! + used)
        used += bytes
        return UnsafeMutableBufferPointer(start: start.bindMemory(to: T.self, capacity: count), count: count)
    }
}
