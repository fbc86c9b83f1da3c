import ArgumentParser
import Foundation
import RendementCore
import RendementReport

/// `rendement sweep`: a grid of full runs over inputs, the discount rate or the horizon.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid over inputs, discount_rate or horizon (common random numbers), with optional break-even curves.",
        discussion: """
            Examples:
              rendement sweep Scenarios/reference-model.yaml --vary discount_rate=0:0.06:4
              rendement sweep Scenarios/vonl-amsterdam.yaml --vary cost_per_household=8000:20000:7 --format csv
              rendement sweep Scenarios/den-haag-casemanagement.yaml --vary shelter_cost_per_stay=25000:35000:3 \\
                  --break-even care_trajectories_avoided --level 0.9
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "NAME=START:STOP:COUNT; repeat for a grid. NAME is an input, discount_rate or horizon.")
    var vary: [String] = []

    @Option(name: .customLong("break-even"), help: "At each point, find the value of this input at which P(NPV > 0) crosses --level.")
    var breakEven: String?

    @Option(help: "The P(NPV > 0) level of --break-even (default 0.5).")
    var level: Double = 0.5

    @Option(help: "Run a variant of the scenario.")
    var variant: String?

    @OptionGroup var sampling: SamplingOptions

    @Option(name: .shortAndLong, help: "Output format: text, json or csv.")
    var format: SweepFormat = .text

    enum SweepFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    func axes() throws -> [Sweep.Axis] {
        guard !vary.isEmpty else { throw ValidationError("Give at least one --vary NAME=START:STOP:COUNT.") }
        return try vary.map { text in
            guard let axis = Sweep.Axis.parse(text) else {
                throw ValidationError("--vary '\(text)' should be NAME=START:STOP:COUNT, e.g. discount_rate=0:0.06:4")
            }
            return axis
        }
    }

    func validate() throws {
        _ = try axes()
        guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1.") }
        if sampling.targetSE != nil { throw ValidationError("--target-se applies to `run`, not to `sweep`.") }
    }

    func run() throws {
        guard var model = loadModel(scenario) else { throw ExitCode(1) }
        if let variant {
            do { model = try ModelCompiler.compile(model.scenario, variant: variant) }
            catch { StandardError.write(error.description + "\n"); throw ExitCode(1) }
        }
        let axes = try axes()
        if let problem = Sweep.validate(axes, breakEvenInput: breakEven, scenario: model.scenario) {
            StandardError.write("\(scenario): \(problem)\n")
            throw ExitCode(1)
        }
        var options = sampling.options(for: model.scenario)
        if sampling.samples == nil { options.samples = model.scenario.samples ?? 20_000 }
        let sweep: Sweep
        do { sweep = try Sweep(scenario: model.scenario, axes: axes, options: options, breakEvenInput: breakEven, level: level) }
        catch { StandardError.write(error.description + "\n"); throw ExitCode(1) }
        switch format {
        case .json: print(sweep.json().rendered(), terminator: "")
        case .csv: print(sweep.csv(), terminator: "")
        case .text: print(sweep.text(), terminator: "")
        }
    }
}
