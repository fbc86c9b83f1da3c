import Dispatch

/// Work spread over a bounded number of threads.
public enum Parallel {
    /// Calls `body(i)` for every i in 0 ..< `count` on at most `threads` threads (the calling one
    /// among them), each taking the next index from a shared counter. `DispatchQueue.concurrentPerform`
    /// alone would use every core, whatever `--threads` asked for.
    public static func forEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(threads, count))
        if workers == 1 {
            for i in 0..<count { body(i) }
            return
        }
        let queue = ChunkQueue(end: count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = queue.take() { body(i) }
        }
    }
}
