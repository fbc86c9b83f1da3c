import Dispatch
import Foundation
import RendementCore
import Synchronization

/// Shows a run's progress on stderr once it has taken more than a second: a self-updating
/// line on a terminal, a line every five seconds otherwise (logs, CI).
final class ProgressMeter: Sendable {
    private final class Flag: Sendable {
        let value = Mutex(false)
    }
    private let stopRequested = Flag()
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(progress: RunProgress, label: String, enabled: Bool) {
        guard enabled else { finished.signal(); return }
        let (stopRequested, wake, finished) = (self.stopRequested, self.wake, self.finished)
        Thread.detachNewThread {
            Self.loop(progress: progress, label: label, stop: { stopRequested.value.withLock { $0 } }, wake: wake)
            finished.signal()
        }
    }

    /// Stops the meter and clears its line.
    func stop() {
        stopRequested.value.withLock { $0 = true }
        wake.signal()
        finished.wait()
    }

    private static func loop(progress: RunProgress, label: String, stop: () -> Bool, wake: DispatchSemaphore) {
        let isTerminal = isatty(2) != 0
        let start = Date()
        var lastLine = Date.distantPast
        var shown = false
        while true {
            _ = wake.wait(timeout: .now() + .milliseconds(250))
            if stop() { break }
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
}
