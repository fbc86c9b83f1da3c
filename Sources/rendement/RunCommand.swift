import ArgumentParser
import Foundation
import RendementCore
import RendementReport

/// `rendement run`: sample a scenario and report the distribution of its returns.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: distributions of NPV, BCR and every stakeholder's net.",
        discussion: """
            Examples:
              rendement run Scenarios/den-haag-casemanagement.yaml
              rendement run Scenarios/vonl-amsterdam.yaml --samples 1e6 --seed 7 --format json
              rendement run scenario.yaml --export samples.csv
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var sampling: SamplingOptions

    @Option(name: .shortAndLong, help: "Output format: text (a kassabon) or json (stdout holds only the JSON document).")
    var format: OutputFormat = .text

    @Option(help: "Write one CSV row per sample (inputs, pv_benefits, pv_costs, npv, bcr, stakeholders) to this file.")
    var export: String?

    @Flag(help: "Replace the --export file if it exists.")
    var force = false

    @Option(help: "Run a variant defined in the scenario's `variants:` section.")
    var variant: String?

    func run() throws {
        guard var model = loadModel(scenario) else { throw ExitCode(1) }
        if let variant {
            do { model = try ModelCompiler.compile(model.scenario, variant: variant) }
            catch { StandardError.write(error.description + "\n"); throw ExitCode(1) }
        }
        let options = sampling.options(for: model.scenario)
        var exporter: SampleExport?
        if let export {
            do {
                try SampleExport.checkSidecar(next: export, suffix: "convergence", overwrite: force)
                exporter = try SampleExport(model: model, path: export, overwrite: force)
            }
            catch { StandardError.write("error: \(error)\n"); throw ExitCode(1) }
        }
        let progress = RunProgress(total: options.targetSE == nil ? options.samples : options.maxSamples)
        let meter = ProgressMeter(progress: progress, label: "rendement run", enabled: !sampling.quiet)
        let started = Date()
        let result = MonteCarloRunner.run(model, options: options, observer: exporter, progress: progress)
        meter.stop()
        let seconds = Date().timeIntervalSince(started)
        if let exporter, let export {
            do {
                try exporter.finish()
                try SampleExport.writeSidecar(RunReport.convergenceCSV(result), next: export, suffix: "convergence", overwrite: force)
            } catch { StandardError.write("error: \(error)\n"); throw ExitCode(1) }
        }
        if let target = result.targetSE, !result.targetReached {
            StandardError.write("warning: the standard error of mean NPV is \(result.summary(.npv).se), above the target \(target), after \(result.samples) samples (--max-samples)\n")
        }
        switch format {
        case .json: print(RunReport.json(result).rendered(), terminator: "")
        case .text: print(Kassabon.render(result), terminator: "")
        }
        if !sampling.quiet {
            StandardError.write(String(format: "%d samples in %.2f s (%.2f M samples/s, %d thread%@)\n", result.samples, seconds,
                                       Double(result.samples) / seconds / 1e6, options.threads, options.threads == 1 ? "" : "s"))
        }
    }
}

/// `rendement check`: validate a scenario without running it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario: exit 0 with a one-line OK, or list every problem and exit 1."
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    func run() throws {
        guard let model = loadModel(scenario) else { throw ExitCode(1) }
        let s = model.scenario
        let warnings = model.warnings.filter { $0.severity == .warning }.count
        print("OK \(scenario): '\(s.title)': \(s.inputs.count) inputs (\(model.inputs.count) uncertain), \(s.costs.count) costs, \(s.benefits.count) benefits, \(s.stakeholders.count) stakeholders\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")")
    }
}
