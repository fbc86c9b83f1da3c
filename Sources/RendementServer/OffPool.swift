import Dispatch

/// Runs blocking work on a Dispatch queue instead of Swift's cooperative thread pool (two
/// threads on this machine): a slow request cannot starve `/health` and every other route.
enum OffPool {
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
