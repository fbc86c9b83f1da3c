import Foundation

/// Runs one `rendement` command as a child process, stdout and stderr going to files.
enum ChildProcess {
    /// How a child ended.
    enum Exit: Sendable, Equatable {
        case status(Int32)
        case signal(Int32)
        /// Killed after `timeout` (only when a timeout was given).
        case timedOut
    }

    /// Starts the child and waits for it; `started` gets its pid as soon as it runs. With a
    /// `timeout`, a child still running after it is killed (SIGKILL) and reported as `.timedOut`.
    static func run(executable: URL, arguments: [String], directory: URL, environment: [String: String],
                    stdout: URL, stderr: URL, timeout: Duration? = nil,
                    started: @escaping @Sendable (Int32) -> Void = { _ in }) async throws -> Exit {
        guard FileManager.default.createFile(atPath: stdout.path, contents: nil),
              FileManager.default.createFile(atPath: stderr.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: stdout.deletingLastPathComponent().path])
        }
        let out = try FileHandle(forWritingTo: stdout)
        let err = try FileHandle(forWritingTo: stderr)
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let killer = Killer()
        let exit = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Exit, any Error>) in
            process.terminationHandler = { p in
                // Disarmed before anything else, so that the pid (free again) is never killed.
                if killer.disarm() { continuation.resume(returning: .timedOut); return }
                switch p.terminationReason {
                case .exit: continuation.resume(returning: .status(p.terminationStatus))
                case .uncaughtSignal: continuation.resume(returning: .signal(p.terminationStatus))
                @unknown default: continuation.resume(returning: .status(p.terminationStatus))
                }
            }
            do {
                try process.run()
                let pid = process.processIdentifier
                started(pid)
                if let timeout { killer.arm(pid: pid, after: timeout) }
            } catch {
                continuation.resume(throwing: error)
            }
        }
        return exit
    }

    /// Kills a child once its time is up, and remembers whether it did.
    private final class Killer: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        private var killed = false

        /// Stops the timer (the child has ended); whether it had killed the child.
        func disarm() -> Bool {
            lock.lock(); defer { lock.unlock() }
            done = true
            return killed
        }

        func arm(pid: Int32, after timeout: Duration) {
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
                lock.lock(); defer { lock.unlock() }
                guard !done else { return }
                killed = true
                kill(pid, SIGKILL)
            }
        }
    }

    /// The last `bytes` of a child's stderr file, trimmed and starting at a whole line: what a
    /// failed job or check reports of its error.
    static func tail(of url: URL, bytes: Int = 4096) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > UInt64(bytes) ? size - UInt64(bytes) : 0
        try? handle.seek(toOffset: start)
        var text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        if start > 0, let newline = text.firstIndex(of: "\n") { text = "…" + text[text.index(after: newline)...] }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `pid` is a `rendement` child working in `directory` (an orphan left by a crash).
    static func isOrphan(pid: Int32, executable: URL, directory: URL) -> Bool {
        guard pid > 0,
              let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd"),
              let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe") else { return false }
        let wanted = executable.resolvingSymlinksInPath().path
        return URL(fileURLWithPath: cwd).standardizedFileURL.path == directory.standardizedFileURL.path
            && (exe == wanted || exe.hasPrefix(wanted + " "))
    }

    /// Kills an orphan and waits (up to two seconds) until it is gone.
    static func killOrphan(pid: Int32) async {
        kill(pid, SIGKILL)
        for _ in 0..<40 where FileManager.default.fileExists(atPath: "/proc/\(pid)/stat") {
            // A zombie (reparented, not yet reaped by init) no longer runs: that is enough.
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), stat.contains(") Z ") { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
