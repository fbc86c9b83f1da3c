#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// OpenBLAS's thread pool, which Rendement does not want.
///
/// OpenBLAS starts one thread per core when it loads, before `main`, and idle pool threads spin
/// on `sched_yield` for a while. Rendement calls LAPACK only on small matrices (correlations
/// of at most a few dozen inputs), where threads do not help, and the spinning threads take
/// cores from the sampling workers: on 2 cores, about a fifth of the CPU time of a 10^6-sample
/// run. The functions are looked up at run time, so another BLAS (or a serial OpenBLAS) simply
/// has nothing to stop.
public enum BLASThreads {
    /// Makes OpenBLAS single-threaded and joins its pool, unless OPENBLAS_NUM_THREADS was set
    /// (the user's choice is kept). Call once, early in the process.
    public static func stopPool() {
        guard getenv("OPENBLAS_NUM_THREADS") == nil else { return }
        typealias SetThreads = @convention(c) (Int32) -> Void
        typealias Shutdown = @convention(c) () -> Int32
        if let set = dlsym(nil, "openblas_set_num_threads") { unsafeBitCast(set, to: SetThreads.self)(1) }
        if let shutdown = dlsym(nil, "blas_thread_shutdown_") { _ = unsafeBitCast(shutdown, to: Shutdown.self)() }
    }
}
