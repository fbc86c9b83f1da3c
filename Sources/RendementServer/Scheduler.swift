import Foundation
import Logging
import ServiceLifecycle

/// Runs queued jobs in submission order, at most `maxRunning` at once, each as a child process.
///
/// On start it puts jobs left `running` by a crash back in the queue (killing their orphaned
/// children first). On graceful shutdown it stops its children and leaves their jobs queued, so
/// that the next start runs them again from the beginning (results are deterministic).
actor Scheduler: Service {
    private let store: JobStore
    private let config: ServerConfig
    private let metrics: ServerMetrics
    private let logger: Logger
    private let wakeups: AsyncStream<Void>
    private let wakeup: AsyncStream<Void>.Continuation

    /// A child being run: its pid, and why we are stopping it (if we are).
    private struct Running {
        var pid: Int32?
        var stopReason: StopReason?
        var task: Task<Void, Never>?
    }
    enum StopReason { case cancel, timeout, shutdown }
    private var running: [String: Running] = [:]
    private var draining = false

    init(store: JobStore, config: ServerConfig, metrics: ServerMetrics, logger: Logger) {
        self.store = store
        self.config = config
        self.metrics = metrics
        self.logger = logger
        (wakeups, wakeup) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the scheduler to look at the queue (after a submission).
    nonisolated func wake() { wakeup.yield() }

    func run() async throws {
        try await recover()
        // A tick as well as wake-ups: nothing can stay queued unnoticed.
        let ticker = Task { [wakeup] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                wakeup.yield()
            }
        }
        defer { ticker.cancel() }
        await withGracefulShutdownHandler {
            for await _ in wakeups {
                if draining { break }
                fill()
            }
        } onGracefulShutdown: {
            Task { await self.drain() }
        }
        drain()
        // Wait for every child to be gone and its job recorded.
        while let (_, job) = running.first {
            await job.task?.value
        }
    }

    /// Jobs a crash left running go back to the queue; their children, if alive, are killed.
    private func recover() async throws {
        let stale = try store.recover()
        for job in stale {
            let directory = config.jobDirectory(job.id)
            if let pid = job.pid, ChildProcess.isOrphan(pid: pid, executable: config.executable, directory: directory) {
                logger.warning("killing the orphaned child \(pid) of job \(job.id)")
                await ChildProcess.killOrphan(pid: pid)
            }
            // The killed attempt's partial output is of no use: its next attempt starts afresh.
            JobFiles(directory: directory).cleanUp(attempt: job.attempts)
            logger.info("job \(job.id) was running when the server stopped; it is queued again (attempt \(job.attempts + 1) next)")
        }
    }

    private func fill() {
        while !draining, running.count < config.maxRunning {
            let job: Job?
            do { job = try store.claimNext() } catch {
                logger.error("cannot read the queue: \(error)")
                return
            }
            guard let job else { return }
            running[job.id] = Running()
            running[job.id]?.task = Task { await self.execute(job) }
        }
    }

    private func execute(_ job: Job) async {
        let files = JobFiles(directory: config.jobDirectory(job.id))
        let attempt = job.attempts
        let started = Date()
        let timeout = Task { [config] in
            try? await Task.sleep(for: config.jobTimeout)
            if !Task.isCancelled { self.stop(job.id, reason: .timeout) }
        }
        var outcome: (JobStatus, String?, [String]?)
        do {
            let spec = try JobSpec(stored: job)
            try files.prepare(scenario: job.scenario, fileName: spec.scenarioFileName)
            var environment = ChildEnvironment.make(memoryLimit: config.maxJobMemory)
            environment["RENDEMENT_PROGRESS_FILE"] = files.progress.path
            let arguments = spec.arguments(reportFolder: files.reportFolderName(attempt: attempt), viewFile: files.viewName(attempt: attempt))
            let exit = try await ChildProcess.run(executable: config.executable, arguments: arguments, directory: files.directory,
                                                  environment: environment, stdout: files.output(attempt: attempt),
                                                  stderr: files.errors(attempt: attempt)) { pid in
                Task { await self.started(job.id, pid: pid) }
            }
            outcome = try conclude(job, exit: exit, files: files, attempt: attempt)
        } catch {
            outcome = (.failed, "the server could not run the job: \(error)", nil)
        }
        timeout.cancel()
        let (status, message, names) = outcome
        do {
            if status == .queued {
                try store.requeue(job.id)
            } else {
                try store.finish(job.id, status: status, error: message, files: names)
                metrics.finished(job.kind, status, seconds: Date().timeIntervalSince(started))
            }
        } catch {
            logger.error("cannot record the end of job \(job.id): \(error)")
        }
        files.cleanUp(attempt: attempt)
        running[job.id] = nil
        wakeup.yield()
    }

    /// The job's new status from how its child ended (`queued` = run it again later).
    private func conclude(_ job: Job, exit: ChildProcess.Exit, files: JobFiles, attempt: Int) throws -> (JobStatus, String?, [String]?) {
        let reason = running[job.id]?.stopReason
        if exit == .status(0) {
            return (.succeeded, nil, try files.publish(attempt: attempt, kind: job.kind))
        }
        switch reason {
        case .cancel?: return (.cancelled, "cancelled while running", nil)
        case .timeout?: return (.failed, "stopped after the time limit of \(config.jobTimeout.components.seconds) s (--job-timeout)", nil)
        case .shutdown?: return (.queued, nil, nil)
        case nil: break
        }
        // The last few KiB of the child's stderr say why it failed, whatever way it ended.
        let tail = files.errorTail(attempt: attempt)
        let stderr = tail.isEmpty ? "" : "\n\(tail)"
        let memory = "the job's memory limit is \(config.maxJobMemory >> 20) MiB (--max-job-memory)"
        switch exit {
        case let .signal(signal) where [SIGINT, SIGTERM, SIGHUP].contains(signal):
            // Interrupted from outside (e.g. Ctrl-C reaching the whole process group): not the
            // job's fault, so it runs again.
            return (.queued, nil, nil)
        case let .signal(signal):
            let why = signal == SIGKILL ? " (killed: out of memory? \(memory))" : ""
            return (.failed, "the job's process ended with signal \(signal)\(why)\(stderr)", nil)
        case .timedOut:
            return (.failed, "stopped after the time limit of \(config.jobTimeout.components.seconds) s (--job-timeout)", nil)
        case let .status(code):
            let allocation = tail.contains("failed to allocate") || tail.contains("Cannot allocate") ? "; \(memory)" : ""
            return (.failed, tail.isEmpty ? "the job failed with exit code \(code)" : tail + allocation, nil)
        }
    }

    private func started(_ id: String, pid: Int32) {
        guard running[id] != nil else { return }
        running[id]?.pid = pid
        try? store.setPID(id, pid)
        // A stop asked for before the pid was known.
        if running[id]?.stopReason != nil { kill(pid, SIGTERM) }
    }

    /// Stops a running job's child: SIGTERM, then SIGKILL after five seconds.
    func stop(_ id: String, reason: StopReason) {
        guard running[id] != nil, running[id]?.stopReason == nil else { return }
        running[id]?.stopReason = reason
        guard let pid = running[id]?.pid else { return }
        kill(pid, SIGTERM)
        Task {
            try? await Task.sleep(for: .seconds(5))
            self.forceKill(id, pid: pid)
        }
    }

    /// Cancels a running job (DELETE).
    func cancel(_ id: String) { stop(id, reason: .cancel) }

    private func forceKill(_ id: String, pid: Int32) {
        if running[id]?.pid == pid { kill(pid, SIGKILL) }
    }

    private func drain() {
        guard !draining else { return }
        draining = true
        wakeup.finish()
        for id in running.keys { stop(id, reason: .shutdown) }
    }
}
