import ArgumentParser
import Foundation
import RendementCore
import RendementReport

/// `rendement sensitivity`: which expert estimates drive the answer, and which to research next.
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Sensitivity analysis: tornado, spider, break-even values, rank measures, Sobol' indices, value of information.",
        discussion: """
            Examples:
              rendement sensitivity Scenarios/den-haag-casemanagement.yaml --method tornado
              rendement sensitivity Scenarios/reference-model.yaml --method sobol --samples 16384 --format json
              rendement sensitivity Scenarios/vonl-amsterdam.yaml --method all
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "tornado, spider, break-even, rank, sobol, voi or all (comma-separated for several).")
    var method: String = "all"

    @OptionGroup var sampling: SamplingOptions

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Tornado quantiles, low:high (default 0.1:0.9).")
    var tornado: String = "0.1:0.9"

    func methods() throws -> [SensitivityMethod] {
        if method == "all" { return SensitivityMethod.allCases }
        return try method.split(separator: ",").map { name in
            guard let m = SensitivityMethod(rawValue: String(name)) else {
                throw ValidationError("Unknown method '\(name)'; choose from \((SensitivityMethod.allCases.map(\.rawValue) + ["all"]).joined(separator: ", ")).")
            }
            return m
        }
    }

    func quantiles() throws -> (Double, Double) {
        let parts = tornado.split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] < 1, parts[0] < parts[1] else {
            throw ValidationError("--tornado takes low:high quantiles with 0 < low < high < 1, e.g. 0.1:0.9")
        }
        return (parts[0], parts[1])
    }

    func validate() throws {
        _ = try methods()
        _ = try quantiles()
        if sampling.targetSE != nil { throw ValidationError("--target-se applies to `run`, not to `sensitivity`.") }
    }

    func run() throws {
        guard let model = loadModel(scenario) else { throw ExitCode(1) }
        let options = sampling.options(for: model.scenario)
        let chosen = try methods()
        var settings = SensitivityAnalysis.Settings(samples: sampling.samples?.value ?? (chosen.contains(.sobol) ? 16_384 : options.samples),
                                                    seed: options.seed, threads: options.threads, design: options.design)
        (settings.low, settings.high) = try quantiles()
        let started = Date()
        let analysis = SensitivityAnalysis(model: model, methods: chosen, settings: settings)
        switch format {
        case .json: print(analysis.json().rendered(), terminator: "")
        case .text: print(analysis.text(), terminator: "")
        }
        if !sampling.quiet {
            StandardError.write(String(format: "sensitivity (%@) in %.2f s\n", chosen.map(\.rawValue).joined(separator: ", "), Date().timeIntervalSince(started)))
        }
    }
}
