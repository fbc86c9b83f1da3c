import Synchronization

/// Samples completed so far, readable from another thread while a run is under way.
public final class RunProgress: Sendable {
    public let total: Int
    private let done = Atomic<Int>(0)

    public init(total: Int) { self.total = total }

    public var completed: Int { done.load(ordering: .relaxed) }

    public var fraction: Double { total > 0 ? Double(completed) / Double(total) : 1 }

    /// Records `samples` more as done.
    public func add(_ samples: Int) { done.add(samples, ordering: .relaxed) }
}

/// Hands out chunk indices to workers, each exactly once.
final class ChunkQueue: Sendable {
    private let next: Atomic<Int>
    let end: Int

    /// Chunks `start ..< end`.
    init(start: Int = 0, end: Int) {
        next = Atomic(start)
        self.end = end
    }

    /// The next chunk to process, or nil when all are taken.
    func take() -> Int? {
        let c = next.add(1, ordering: .relaxed).oldValue
        return c < end ? c : nil
    }
}
