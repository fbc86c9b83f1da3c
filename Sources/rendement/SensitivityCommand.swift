import ArgumentParser
import Foundation
import RendementCore
import RendementReport

/// `rendement sensitivity`: which expert estimates drive the answer, and which to research next.
struct SensitivityCommand: PlannableCommand {
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

    @Option(help: "Run only shard K of N of the model runs (K = 0 … N−1) and write a part file to --out; combine the parts with `rendement merge`.")
    var shard: String?

    @Option(help: "With --shard: the part file to write (e.g. part-0.rdm).")
    var out: String?

    @Flag(help: "With --shard: replace --out if it exists.")
    var force = false

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
        if let shard {
            _ = try parseShard(shard)
            guard out != nil else { throw ValidationError("--shard needs --out FILE for the part file.") }
        } else if out != nil {
            throw ValidationError("--out is for part files of --shard; use shell redirection for the result.")
        }
    }

    /// The analysis settings: Sobol' indices default to 16,384 base samples, the rest to the
    /// scenario's sample count.
    func settings(_ model: CompiledModel, options: RunOptions) throws -> SensitivityAnalysis.Settings {
        let chosen = try methods()
        var settings = SensitivityAnalysis.Settings(samples: sampling.samples?.value ?? (chosen.contains(.sobol) ? 16_384 : options.samples),
                                                    seed: options.seed, threads: options.threads, design: options.design)
        (settings.low, settings.high) = try quantiles()
        return settings
    }

    func plan() -> JobPlan {
        plannedModel(scenario).flatMap { model in sampling.planned(for: model).map { (model, $0) } }.plan { model, options in
            guard let chosen = try? methods(), let settings = try? settings(model, options: options) else { return JobPlan(usage: "invalid --method or --tornado") }
            let runs = SensitivityEvaluations.runCount(model, methods: chosen, samples: settings.samples)
            // The joint sample (inputs and NPV) and Saltelli's design are held whole for now.
            let table = SensitivityEvaluations.needsTable(model, chosen) ? settings.samples.saturatingMultiply(8 * (model.inputs.count + 1)) : 0
            let sobol = SensitivityEvaluations.needsSobol(model, chosen)
                ? SensitivityEvaluations.sobolRowCount(model, baseSamples: settings.samples).saturatingMultiply(8 * (model.inputs.count + 2)) : 0
            return JobPlan(modelRuns: runs, memoryBytes: table.saturatingAdd(sobol).saturatingAdd(MonteCarloRunner.memoryNeeded(model, options: options)))
        }
    }

    func run() throws {
        guard let model = loadModel(scenario) else { throw ExitCode(1) }
        let options = try sampling.options(for: model)
        let chosen = try methods()
        let settings = try settings(model, options: options)
        if let shard, let out { return try runShard(model, methods: chosen, settings: settings, shard: try parseShard(shard).pair, out: out) }
        let started = Date()
        let progress = RunProgress(total: SensitivityEvaluations.runCount(model, methods: chosen, samples: settings.samples))
        let meter = ProgressMeter(progress: progress, label: "rendement sensitivity", enabled: !sampling.quiet)
        let analysis = SensitivityAnalysis(model: model, methods: chosen, settings: settings, progress: progress)
        meter.stop()
        switch format {
        case .json: print(analysis.json().rendered(), terminator: "")
        case .text: print(analysis.text(), terminator: "")
        }
        if !sampling.quiet {
            StandardError.write(String(format: "sensitivity (%@) in %.2f s\n", chosen.map(\.rawValue).joined(separator: ", "), Date().timeIntervalSince(started)))
        }
    }
}

extension SensitivityCommand {
    /// Runs one shard's model runs and writes its part file (refusing to replace an existing one
    /// unless --force).
    func runShard(_ model: CompiledModel, methods: [SensitivityMethod], settings: SensitivityAnalysis.Settings,
                  shard: (index: Int, count: Int), out: String) throws {
        if FileManager.default.fileExists(atPath: out), !force {
            StandardError.write("error: \(out) already exists; choose another name or pass --force to replace it\n")
            throw ExitCode(1)
        }
        let text = (try? String(contentsOfFile: scenario, encoding: .utf8)) ?? ""
        let progress = RunProgress(total: SensitivityEvaluations.runCount(model, methods: methods, samples: settings.samples, shard: shard))
        let meter = ProgressMeter(progress: progress, label: "rendement sensitivity --shard \(shard.index)/\(shard.count)", enabled: !sampling.quiet)
        let evaluations = SensitivityEvaluations.compute(model, methods: methods, settings: settings, shard: shard, progress: progress)
        meter.stop()
        let part = SensitivityShardFile(scenarioFile: scenario, scenarioText: text, methods: methods, settings: settings,
                                        index: shard.index, count: shard.count, evaluations: evaluations)
        do { try part.encoded().write(to: URL(fileURLWithPath: out), options: .atomic) }
        catch { StandardError.write("error: cannot write \(out): \(error)\n"); throw ExitCode(1) }
        if !sampling.quiet {
            StandardError.write("shard \(shard.index)/\(shard.count): \(evaluations.tableRows.count) samples and \(evaluations.sobolRows.count) Sobol' runs written to \(out)\n")
        }
    }
}
