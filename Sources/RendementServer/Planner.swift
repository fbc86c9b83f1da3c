import Foundation
import RendementCore

/// Checks a submission in a child process: `rendement plan -- <the job's arguments>` reads the
/// scenario with the CLI's own parser and compiler, under a time and a memory limit, and answers
/// with a `JobPlan`. Nothing a client sends is parsed as YAML or compiled in the server's
/// process, so no submission can take the server down; a checker that crashes or runs out of
/// time refuses only its own request.
struct Planner: Sendable {
    let config: ServerConfig

    /// Why a submission could not be checked (the checker itself failed).
    struct Failure: Error, Sendable {
        var message: String
    }

    /// The plan of `spec`, or why the checker failed.
    func plan(_ spec: JobSpec) async -> Result<JobPlan, Failure> {
        let fm = FileManager.default
        let folder = config.dataDirectory.appendingPathComponent("checks", isDirectory: true)
            .appendingPathComponent(UUID().uuidString, isDirectory: true)
        defer { try? fm.removeItem(at: folder) }
        let out = folder.appendingPathComponent("plan.out"), err = folder.appendingPathComponent("plan.err")
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(spec.scenario.utf8).write(to: folder.appendingPathComponent(spec.scenarioFileName))
        } catch {
            return .failure(Failure(message: "the server could not write the scenario to check it: \(error)"))
        }
        var environment = ChildEnvironment.make(memoryLimit: config.checkMemoryBytes)
        environment["RENDEMENT_PROGRESS_FILE"] = nil
        let arguments = ["plan", "--"] + spec.arguments(reportFolder: JobFiles.filesFolder, viewFile: JobFiles.viewName)
        let exit: ChildProcess.Exit
        do {
            exit = try await ChildProcess.run(executable: config.executable, arguments: arguments, directory: folder, environment: environment,
                                              stdout: out, stderr: err, timeout: config.checkTimeout)
        } catch {
            return .failure(Failure(message: "the server could not start its checker: \(error)"))
        }
        let tail = ChildProcess.tail(of: err)
        switch exit {
        case .status(0):
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            guard let data = try? Data(contentsOf: out), let plan = try? decoder.decode(JobPlan.self, from: data) else {
                return .failure(Failure(message: "the checker gave no answer" + (tail.isEmpty ? "" : ": \(tail)")))
            }
            return .success(plan)
        case .timedOut:
            return .failure(Failure(message: "checking the scenario took longer than \(config.checkTimeout.components.seconds) s; the scenario is too large or too complex"))
        case let .signal(signal):
            return .failure(Failure(message: "the checker ended with signal \(signal)" + (tail.isEmpty ? "" : ": \(tail)")))
        case let .status(code):
            return .failure(Failure(message: "the checker failed with exit code \(code)" + (tail.isEmpty ? "" : ": \(tail)")))
        }
    }
}

/// The environment of a child `rendement` (a job or a check): the server's own, plus the memory
/// limit the child applies to itself (`RENDEMENT_JOB_MEMORY`, bytes: its runs refuse what would
/// not fit, and `setrlimit` stops anything else), and no crash backtrace, so that the last lines
/// of its stderr are the error itself.
enum ChildEnvironment {
    static func make(memoryLimit: Int) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["RENDEMENT_JOB_MEMORY"] = String(memoryLimit)
        environment["SWIFT_BACKTRACE"] = "enable=no"
        return environment
    }
}
