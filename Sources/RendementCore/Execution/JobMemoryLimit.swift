import Foundation

/// The memory limit of a job: `rendement serve` runs each job (and each submission check) with
/// `RENDEMENT_JOB_MEMORY` set to its limit in bytes. The child applies it to itself: its runs
/// refuse work that would not fit (`RunOptions.check(for:)`, with a clear message), and
/// `setrlimit(RLIMIT_DATA)` makes any allocation beyond the limit (plus room for the runtime's
/// own threads and tables) fail, so that one job cannot take the machine's memory.
public enum JobMemoryLimit {
    static let variable = "RENDEMENT_JOB_MEMORY"
    /// Beyond the engine's own accounting: thread stacks, the runtime, the allocator's arenas.
    static let slack = 256 << 20

    /// The limit the environment sets, if any.
    public static var bytes: Int? {
        guard let text = ProcessInfo.processInfo.environment[variable], let bytes = Int(text), bytes > 0 else { return nil }
        return bytes
    }

    /// Applies the environment's limit to this process (a no-op without one).
    public static func apply() {
        guard let bytes else { return }
        let limit = rlim_t(clamping: bytes.saturatingAdd(slack))
        var current = rlimit()
        guard getrlimit(RLIMIT_DATA_VALUE, &current) == 0 else { return }
        var wanted = rlimit(rlim_cur: min(limit, current.rlim_max), rlim_max: current.rlim_max)
        _ = setrlimit(RLIMIT_DATA_VALUE, &wanted)
    }

    #if os(Linux)
    private static let RLIMIT_DATA_VALUE = __rlimit_resource_t(RLIMIT_DATA.rawValue)
    #else
    private static let RLIMIT_DATA_VALUE = RLIMIT_DATA
    #endif
}
