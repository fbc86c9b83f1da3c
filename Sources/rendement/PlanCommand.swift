import ArgumentParser
import Foundation
import RendementCore
import Synchronization

/// A command a server may run as a job: it says how much work it would be without doing it.
protocol PlannableCommand: ParsableCommand {
    /// The work the command would do (model runs, memory), or why it cannot run.
    func plan() -> JobPlan
}

/// `rendement plan -- COMMAND ARGS…`: parses a job's command line with the CLI's own parser and
/// validation, reads the scenario, and prints a `JobPlan` as JSON (exit 0 whenever it answers).
/// `rendement serve` runs it in a child process for every submission, with a time and memory
/// limit, so that a hostile scenario can never take the server down.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Check a job's command line and scenario and print the work it makes as JSON (used by `rendement serve`).",
        shouldDisplay: false
    )

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments, e.g. run scenario.yaml --samples=1e6.")
    var command: [String] = []

    func run() throws {
        let arguments = command.first == "--" ? Array(command.dropFirst()) : command
        var plan: JobPlan
        do {
            let parsed = try RendementCommand.parseAsRoot(arguments)
            if let job = parsed as? PlannableCommand {
                plan = job.plan()
                if plan.outcome == .ok { plan.warnings = PlannedWarnings.recorded }
            }
            else { plan = JobPlan(usage: "'\(arguments.first ?? "")' is not a command a job can run") }
        } catch {
            plan = JobPlan(usage: RendementCommand.message(for: error))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        print(String(decoding: try encoder.encode(plan), as: UTF8.self))
    }
}

/// The scenario (or its variant) compiled, or the plan that says why it cannot be.
func plannedModel(_ path: String, variant: String? = nil) -> Result<CompiledModel, PlanStop> {
    do {
        var model = try ModelCompiler.load(path: path)
        if let variant { model = try ModelCompiler.compile(model.scenario, variant: variant) }
        PlannedWarnings.record(model.warnings)
        return .success(model)
    } catch {
        return .failure(PlanStop(plan: JobPlan(invalid: error)))
    }
}

/// The warnings of the model the plan compiled (a `plan` process plans one command), reported
/// with the plan so that `POST /v1/check` can mark them in the page's editor.
enum PlannedWarnings {
    private static let list = Mutex<[DiagnosticRecord]>([])

    static func record(_ warnings: [Diagnostic]) {
        list.withLock { $0 = warnings.map(DiagnosticRecord.init) }
    }

    static var recorded: [DiagnosticRecord] { list.withLock { $0 } }
}

/// A plan that ends planning early (invalid scenario, a limit).
struct PlanStop: Error {
    var plan: JobPlan
    init(plan: JobPlan) { self.plan = plan }
    init(_ error: LimitError) { plan = JobPlan(usage: error.description, field: error.field) }
}

extension SamplingOptions {
    /// The options for `model`, checked against it, or the plan that refuses them.
    func planned(for model: CompiledModel) -> Result<RunOptions, PlanStop> {
        let options = options(for: model.scenario)
        do { try options.check(for: model) } catch { return .failure(PlanStop(error)) }
        return .success(options)
    }
}

extension Result where Failure == PlanStop {
    /// The plan: the success mapped through `make`, or the stop's plan.
    func plan(_ make: (Success) -> JobPlan) -> JobPlan {
        switch self {
        case let .success(value): return make(value)
        case let .failure(stop): return stop.plan
        }
    }
}
