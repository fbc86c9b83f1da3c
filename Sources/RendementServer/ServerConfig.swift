import Foundation

/// Everything `rendement serve` can be told: where to listen, where to keep jobs, and the limits.
public struct ServerConfig: Sendable {
    /// The address to bind (loopback unless told otherwise).
    public var host = "127.0.0.1"
    public var port = 8080
    /// The folder holding `rendement.sqlite` and `jobs/<id>/`.
    public var dataDirectory: URL
    /// The bearer tokens that may use the API (already read from the tokens file).
    public var tokens: [String]
    /// Jobs run at once (each already uses every core).
    public var maxRunning = 1
    /// Jobs waiting at once; more are refused with 429.
    public var maxQueued = 100
    /// The largest request body, in bytes (413 above it).
    public var maxBodyBytes = 2 * 1024 * 1024
    /// The most model runs one job may make, whatever asks for them: the `samples` option or the
    /// scenario's own `samples:`, times the points of a sweep, the variants of a comparison, the
    /// runs per base sample of Sobol' indices, or `--max-samples` of `--target-se`.
    public var maxSamples = 100_000_000
    /// The memory one job may use, in bytes: its runs refuse what would not fit, and the child
    /// process cannot allocate beyond it (`setrlimit`). Default: half the machine's memory.
    public var maxJobMemory = Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)
    /// How long checking a submission (in a child process) may take, and the memory it may use.
    public var checkTimeout: Duration = .seconds(30)
    public var checkMemoryBytes: Int { min(maxJobMemory, 2 << 30) }
    /// `POST /v1/check` requests checked at once (each in a child process); more get `429`.
    public var maxChecking = 4
    /// How long one job may run before it is stopped and marked failed.
    public var jobTimeout: Duration = .seconds(3600)
    /// The `Retry-After` seconds sent with 429.
    public var retryAfterSeconds = 5
    /// The `rendement` executable that checks each submission and runs each job as a child process.
    public var executable: URL

    public init(dataDirectory: URL, tokens: [String], executable: URL) {
        self.dataDirectory = dataDirectory
        self.tokens = tokens
        self.executable = executable
    }

    var databasePath: String { dataDirectory.appendingPathComponent("rendement.sqlite").path }
    var jobsDirectory: URL { dataDirectory.appendingPathComponent("jobs", isDirectory: true) }

    func jobDirectory(_ id: String) -> URL { jobsDirectory.appendingPathComponent(id, isDirectory: true) }
}

/// Reads a tokens file: one token per line; blank lines and lines starting with `#` are skipped.
public enum TokenFile {
    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String), empty(String), tooShort(String, line: Int)
        public var description: String {
            switch self {
            case let .unreadable(path): return "cannot read the tokens file \(path)"
            case let .empty(path): return "the tokens file \(path) holds no token (one token per line)"
            case let .tooShort(path, line): return "\(path):\(line): a token must have at least 16 characters"
            }
        }
    }

    public static func read(_ path: String) throws(Failure) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .unreadable(path) }
        var tokens: [String] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard line.count >= 16 else { throw .tooShort(path, line: n + 1) }
            tokens.append(line)
        }
        guard !tokens.isEmpty else { throw .empty(path) }
        return tokens
    }

    /// Creates `path` with one random token (readable by its owner only) unless it exists.
    public static func createIfMissing(_ path: String) throws -> Bool {
        guard !FileManager.default.fileExists(atPath: path) else { return false }
        var bytes = [UInt8](repeating: 0, count: 24)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let token = bytes.map { String(format: "%02x", $0) }.joined()
        let ok = FileManager.default.createFile(atPath: path, contents: Data("\(token)\n".utf8), attributes: [.posixPermissions: 0o600])
        if !ok { throw TokenFile.Failure.unreadable(path) }
        return true
    }
}
