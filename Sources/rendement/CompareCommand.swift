import ArgumentParser
import Foundation
import RendementCore
import RendementReport

/// `rendement compare`: the base case and its variants side by side, with paired differences.
struct CompareCommand: ParsableCommand {
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

    func validate() throws {
        if sampling.targetSE != nil { throw ValidationError("--target-se applies to `run`, not to `compare`.") }
    }

    func run() throws {
        guard let model = loadModel(scenario) else { throw ExitCode(1) }
        let options = try sampling.options(for: model)
        let names = variants.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        if model.scenario.variants.isEmpty, names == nil {
            StandardError.write("\(scenario): the scenario defines no variants (add a 'variants:' section; see docs/scenario-format.md)\n")
            throw ExitCode(1)
        }
        let comparison: VariantComparison
        do { comparison = try VariantComparison(scenario: model.scenario, variants: names, options: options) }
        catch { StandardError.write(error.description + "\n"); throw ExitCode(1) }
        switch format {
        case .json: print(comparison.json().rendered(), terminator: "")
        case .text: print(comparison.text(), terminator: "")
        }
    }
}
