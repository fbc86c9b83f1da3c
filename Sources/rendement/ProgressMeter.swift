import Dispatch
import Foundation
import RendementCore
import Synchronization

/// Shows a run's progress on stderr once it has taken more than a second: a self-updating
/// line on a terminal, a line every five seconds otherwise (logs, CI).
///
/// With `RENDEMENT_PROGRESS_FILE=path` in the environment (set by `rendement serve` for its jobs),
/// it also writes the fraction done (0…1, as text) to that file every 250 ms, atomically, whatever
/// `--quiet` and the terminal say.
final class ProgressMeter: Sendable {
    /// The environment variable naming the machine-readable progress file.
    static let fileVariable = "RENDEMENT_PROGRESS_FILE"

    private final class Flag: Sendable {
        let value = Mutex(false)
    }
    private let stopRequested = Flag()
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(progress: RunProgress, label: String, enabled: Bool) {
        let file = ProcessInfo.processInfo.environment[Self.fileVariable].flatMap { $0.isEmpty ? nil : $0 }
        guard enabled || file != nil else { finished.signal(); return }
        let (stopRequested, wake, finished) = (self.stopRequested, self.wake, self.finished)
        Thread.detachNewThread {
            Self.loop(progress: progress, label: label, human: enabled, file: file, stop: { stopRequested.value.withLock { $0 } }, wake: wake)
            finished.signal()
        }
    }

    /// Stops the meter and clears its line.
    func stop() {
        stopRequested.value.withLock { $0 = true }
        wake.signal()
        finished.wait()
    }

    private static func loop(progress: RunProgress, label: String, human: Bool, file: String?, stop: () -> Bool, wake: DispatchSemaphore) {
        let isTerminal = isatty(2) != 0
        let start = Date()
        var lastLine = Date.distantPast
        var shown = false
        while true {
            _ = wake.wait(timeout: .now() + .milliseconds(250))
            if let file { writeFraction(progress.fraction, to: file) }
            if stop() { break }
            guard human else { continue }
            let elapsed = Date().timeIntervalSince(start)
            guard elapsed > 1, isTerminal || Date().timeIntervalSince(lastLine) >= 5 else { continue }
            lastLine = Date()
            let f = progress.fraction
            let rate = Double(progress.completed) / elapsed
            let eta = f > 0 ? elapsed * (1 - f) / f : 0
            let text = String(format: "%@: %5.1f%%  %@ of %@ samples  %.2f M samples/s  about %.0f s left", label, f * 100,
                              "\(progress.completed)", "\(progress.total)", rate / 1e6, eta)
            StandardError.write(isTerminal ? "\r\(text)\u{1B}[K" : text + "\n")
            shown = true
        }
        if shown && isTerminal { StandardError.write("\r\u{1B}[K") }
    }

    /// Writes beside the file, then renames, so that a reader never sees a half-written number.
    private static func writeFraction(_ fraction: Double, to path: String) {
        let text = String(format: "%.6f\n", min(max(fraction, 0), 1))
        try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
