import Foundation

/// Runs one `rendement` command as a child process, stdout and stderr going to files.
enum ChildProcess {
    /// How a child ended.
    enum Exit: Sendable, Equatable {
        case status(Int32)
        case signal(Int32)
    }

    /// Starts the child and waits for it; `started` gets its pid as soon as it runs.
    static func run(executable: URL, arguments: [String], directory: URL, environment: [String: String],
                    stdout: URL, stderr: URL, started: @escaping @Sendable (Int32) -> Void) async throws -> Exit {
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
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { p in
                switch p.terminationReason {
                case .exit: continuation.resume(returning: .status(p.terminationStatus))
                case .uncaughtSignal: continuation.resume(returning: .signal(p.terminationStatus))
                @unknown default: continuation.resume(returning: .status(p.terminationStatus))
                }
            }
            do {
                try process.run()
                started(process.processIdentifier)
            } catch {
                continuation.resume(throwing: error)
            }
        }
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
