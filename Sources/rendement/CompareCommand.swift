import ArgumentParser
import Foundation
import RendementCore
import RendementAnalysis
import RendementReport

/// `rendement compare`: the base case and its variants side by side, with paired differences.
struct CompareCommand: PlannableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run the base scenario and its variants with common random numbers and report the paired differences.",
        discussion: "Example: rendement compare Scenarios/vonl-amsterdam.yaml --variants pessimistic,financial-only"
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "Variants to compare (comma-separated); default: all in the file.")
    var variants: String?

    @OptionGroup var sampling: SamplingOptions

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var view: ViewOption

    func validate() throws {
        if sampling.targetSE != nil { throw ValidationError("--target-se applies to `run`, not to `compare`.") }
    }

    func run() throws {
        guard let model = loadModel(scenario) else { throw ExitCode(1) }
        let options = try sampling.options(for: model)
        let names = variants.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        if model.scenario.variants.isEmpty, names == nil {
            StandardError.write("\(scenario): \(Self.noVariants)\n")
            throw ExitCode(1)
        }
        let comparison: VariantComparison
        let progress = RunProgress(total: options.samples * ((names?.count ?? model.scenario.variants.count) + 1))
        let meter = ProgressMeter(progress: progress, label: "rendement compare", enabled: !sampling.quiet)
        do { comparison = try VariantComparison(scenario: model.scenario, variants: names, options: options, progress: progress) }
        catch { meter.stop(); StandardError.write(error.description + "\n"); throw ExitCode(1) }
        meter.stop()
        try view.write { JobViews.comparison(comparison) }
        switch format {
        case .json: print(ComparisonReport.json(comparison).rendered(), terminator: "")
        case .text: print(ComparisonReport.text(comparison), terminator: "")
        }
    }
}

extension CompareCommand {
    /// The variants compared (names given, else all of the file's).
    static let noVariants = "the scenario defines no variants (add a 'variants:' section; see docs/scenario-format.md)"

    func chosenVariants(_ scenario: Scenario) -> [String] {
        variants.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? scenario.variants.map(\.name)
    }

    func plan() -> JobPlan {
        plannedModel(scenario).flatMap { model in sampling.planned(for: model).map { (model, $0) } }.plan { model, options in
            if model.scenario.variants.isEmpty, variants == nil { return JobPlan(usage: Self.noVariants) }
            for name in chosenVariants(model.scenario) where model.scenario.variant(named: name) == nil {
                return JobPlan(usage: "there is no variant '\(name)'; the variants are \(model.scenario.variants.map(\.name).joined(separator: ", "))", field: "--variants")
            }
            let models = chosenVariants(model.scenario).count + 1
            return JobPlan(modelRuns: options.samples.saturatingMultiply(models),
                           memoryBytes: MonteCarloRunner.memoryNeeded(model, options: options).saturatingMultiply(2))
        }
    }
}
