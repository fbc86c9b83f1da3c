import ArgumentParser
import Foundation
import RendementCore
import RendementAnalysis
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

    @Option(help: "Analyse a variant defined in the scenario's `variants:` section.")
    var variant: String?

    @Option(help: "tornado, spider, break-even, rank, sobol, voi or all (comma-separated for several).")
    var method: String = "all"

    @OptionGroup var sampling: SamplingOptions

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Tornado quantiles, low:high (default 0.1:0.9).")
    var tornado: String = "0.1:0.9"

    @Option(help: "Rank measures and value of information: rows of the joint sample at most (default 262144, 'all' for every sample that fits the memory budget).",
            transform: { text throws -> Int? in text == "all" ? nil : try SampleCount(parsing: text, field: "--rows").value })
    var rows: Int?? = .some(1 << 18)

    @Option(name: .customLong("sobol-samples"), help: "Sobol' indices: base samples N in all (N × (inputs + 2) model runs). Default: --samples if given, else 16,384.",
            transform: { try SampleCount(parsing: $0, field: "--sobol-samples") })
    var sobolSamples: SampleCount?

    @Option(help: "Sobol' indices: independent randomised replicates behind the intervals (2 to 1000, default 2: the most accurate estimates for the model runs; more replicates give steadier intervals).",
            transform: { try Limits.whole(parsing: $0, in: 2...1000, field: "--replicates", what: "the number of replicates") })
    var replicates: Int = 2

    @Option(name: .customLong("sobol-outputs"), help: "Sobol' indices of npv (default) or npv,bcr.")
    var sobolOutputs: String = "npv"

    @Option(name: .customLong("sobol-design"), help: "Sobol' indices' base rows: sobol (scrambled Sobol' points, the default) or mc (plain random).")
    var sobolDesign: String = "sobol"

    @OptionGroup var view: ViewOption

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
        guard ["npv", "npv,bcr", "bcr,npv"].contains(sobolOutputs) else { throw ValidationError("--sobol-outputs takes npv or npv,bcr.") }
        guard SobolIndices.Design(rawValue: sobolDesign) != nil else { throw ValidationError("--sobol-design takes sobol or mc.") }
        if let shard {
            _ = try parseShard(shard)
            guard out != nil else { throw ValidationError("--shard needs --out FILE for the part file.") }
            if view.view != nil { throw ValidationError("--view cannot be combined with --shard; merge the parts first.") }
        } else if out != nil {
            throw ValidationError("--out is for part files of --shard; use shell redirection for the result.")
        }
    }

    /// The analysis settings: the joint sample of `--samples` (else the scenario's), Sobol'
    /// indices of `--sobol-samples` base rows (else `--samples`, else 16,384).
    func settings(_ model: CompiledModel, options: RunOptions) throws -> SensitivityAnalysis.Settings {
        var settings = SensitivityAnalysis.Settings(samples: options.samples, seed: options.seed, threads: options.threads, design: options.design)
        (settings.low, settings.high) = try quantiles()
        settings.sobolBaseSamples = sobolSamples?.value ?? sampling.samples?.value ?? 16_384
        settings.sobolReplicates = replicates
        settings.sobolBCR = sobolOutputs.contains("bcr")
        settings.sobolDesign = SobolIndices.Design(rawValue: sobolDesign) ?? .sobol
        settings.memoryBudget = options.memoryBudget
        settings.rowLimit = rows ?? nil
        return settings
    }

    func plan() -> JobPlan {
        plannedModel(scenario, variant: variant).flatMap { model in sampling.planned(for: model).map { (model, $0) } }.plan { model, options in
            guard let chosen = try? methods(), let settings = try? settings(model, options: options) else { return JobPlan(usage: "invalid --method or --tornado") }
            if SensitivityEvaluations.needsSobol(model, chosen), settings.sobolBaseSamples < settings.sobolReplicates {
                return JobPlan(usage: "--sobol-samples must be at least --replicates (\(settings.sobolReplicates))", field: "--sobol-samples")
            }
            let runs = SensitivityEvaluations.runCount(model, methods: chosen, settings: settings)
            let joint = SensitivityEvaluations.needsJointSample(model, chosen) ? settings.jointRows(model).saturatingMultiply(8 * (model.inputs.count + 1) * 3) : 0
            return JobPlan(modelRuns: runs, memoryBytes: joint.saturatingAdd(MonteCarloRunner.memoryNeeded(model, options: options)))
        }
    }

    func run() throws {
        guard let model = loadModel(scenario, variant: variant) else { throw ExitCode(1) }
        let options = try sampling.options(for: model)
        let chosen = try methods()
        let settings = try settings(model, options: options)
        if SensitivityEvaluations.needsSobol(model, chosen), settings.sobolBaseSamples < settings.sobolReplicates {
            StandardError.write("\(scenario): --sobol-samples must be at least --replicates (\(settings.sobolReplicates))\n")
            throw ExitCode(1)
        }
        if let shard, let out { return try runShard(model, methods: chosen, settings: settings, shard: try parseShard(shard), out: out) }
        let started = Date()
        let progress = RunProgress(total: SensitivityEvaluations.runCount(model, methods: chosen, settings: settings))
        let meter = ProgressMeter(progress: progress, label: "rendement sensitivity", enabled: !sampling.quiet)
        let analysis = SensitivityAnalysis(model: model, methods: chosen, settings: settings, progress: progress)
        meter.stop()
        try view.write { JobViews.sensitivity(analysis) }
        switch format {
        case .json: print(SensitivityReport.json(analysis).rendered(), terminator: "")
        case .text: print(SensitivityReport.text(analysis), terminator: "")
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
                  shard: ShardSpec, out: String) throws {
        if FileManager.default.fileExists(atPath: out), !force {
            StandardError.write("error: \(out) already exists; choose another name or pass --force to replace it\n")
            throw ExitCode(1)
        }
        let text = (try? String(contentsOfFile: scenario, encoding: .utf8)) ?? ""
        let progress = RunProgress(total: SensitivityEvaluations.runCount(model, methods: methods, settings: settings, shard: shard))
        let meter = ProgressMeter(progress: progress, label: "rendement sensitivity --shard \(shard.index)/\(shard.count)", enabled: !sampling.quiet)
        let evaluations = SensitivityEvaluations.compute(model, methods: methods, settings: settings, shard: shard, progress: progress)
        meter.stop()
        let part = AnalysisParts.sensitivityPart(model, methods: methods, settings: settings, shard: shard, evaluations: evaluations,
                                                 name: out, scenarioFile: scenario, scenarioText: text, variant: variant)
        do { try part.encoded().write(to: URL(fileURLWithPath: out), options: .atomic) }
        catch { StandardError.write("error: cannot write \(out): \(error)\n"); throw ExitCode(1) }
        if !sampling.quiet {
            StandardError.write("shard \(shard.index)/\(shard.count): \(evaluations.rows.count) samples and \(evaluations.sobolBlocks.count) blocks of Sobol' runs written to \(out)\n")
        }
    }
}
