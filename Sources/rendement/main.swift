import ArgumentParser
import RendementCore

/// `rendement`: Monte Carlo sensitivity analysis for social cost-benefit cases.
// Async (for `serve`); ArgumentParser runs an async root from main.swift only with this annotation.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
struct RendementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rendement",
        abstract: "Monte Carlo sensitivity analysis for social cost-benefit cases (MKBA, SROI, business cases).",
        discussion: """
            A scenario file describes costs, benefits, stakeholders and the expert estimates behind them \
            (see docs/scenario-format.md). `rendement run` samples every uncertain estimate and reports the \
            distribution of the net benefit, the benefit-cost ratio, P(NPV > 0) and who pays and who benefits.

            Exit codes: 0 ok, 1 invalid scenario or failed run, 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, CheckCommand.self, CompareCommand.self, ClaimCommand.self, SweepCommand.self, SensitivityCommand.self, ElicitCommand.self, ReportCommand.self, MergeCommand.self, ServeCommand.self, PlanCommand.self]
    )
}

JobMemoryLimit.apply()
BLASThreads.stopPool()
// Top-level code picks the synchronous main() by overload, which refuses the asynchronous `serve`.
await runAsyncMain()
