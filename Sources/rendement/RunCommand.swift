import ArgumentParser
import Foundation
import RendementCore
import RendementAnalysis
import RendementReport

/// `rendement run`: sample a scenario and report the distribution of its returns.
struct RunCommand: PlannableCommand {
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

    @Flag(name: .customLong("by-year"), help: "Add the flows by year (society and every stakeholder, undiscounted and discounted) with their Monte Carlo means; without it the JSON holds the base case by year.")
    var byYear = false

    @OptionGroup var view: ViewOption

    @Option(help: "Run only shard K of N (K = 0 … N−1, e.g. $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT) and write a part file to --out; combine the parts with `rendement merge`.")
    var shard: String?

    @Option(help: "With --shard: the part file to write (e.g. part-0.rdm).")
    var out: String?

    func shardSpec() throws -> (index: Int, count: Int)? { try shard.map(parseShard).map { ($0.index, $0.count) } }

    func validate() throws {
        if try shardSpec() != nil {
            guard out != nil else { throw ValidationError("--shard needs --out FILE for the part file.") }
            if export != nil { throw ValidationError("--export cannot be combined with --shard; export from a single run.") }
            if sampling.targetSE != nil { throw ValidationError("--target-se cannot be combined with --shard: the sample count must be fixed.") }
            if view.view != nil { throw ValidationError("--view cannot be combined with --shard; merge the parts first.") }
        } else if out != nil {
            throw ValidationError("--out is for part files of --shard; use shell redirection for the result.")
        }
    }

    func run() throws {
        guard let model = loadModel(scenario, variant: variant) else { throw ExitCode(1) }
        let options = try sampling.options(for: model)
        if let (index, count) = try shardSpec(), let out {
            try runShard(model, options: options, index: index, count: count, out: out)
            return
        }
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
        let yearTable: YearTable, reconciliation: Reconciliation
        do {
            var yearOptions = options
            yearOptions.samples = result.samples
            yearTable = try YearTable.compute(model, options: byYear ? yearOptions : nil)
            reconciliation = try Reconciliation.compute(result, options: yearOptions)
        } catch { StandardError.write("\(error.description)\n"); throw ExitCode(1) }
        try view.write { JobViews.run(result, reconciliation: reconciliation) }
        switch format {
        case .json: print(RunReport.json(result, yearTable: yearTable, reconciliation: reconciliation).rendered(), terminator: "")
        case .text:
            print(Kassabon.render(result, reconciliation: reconciliation), terminator: "")
            if byYear { print(YearTableReport.text(yearTable, currency: model.scenario.currency), terminator: "") }
        }
        if !sampling.quiet {
            StandardError.write(String(format: "%d samples in %.2f s (%.2f M samples/s, %d thread%@)\n", result.samples, seconds,
                                       Double(result.samples) / seconds / 1e6, options.threads, options.threads == 1 ? "" : "s"))
        }
    }
}

extension RunCommand {
    func plan() -> JobPlan {
        plannedModel(scenario, variant: variant).flatMap { model in sampling.planned(for: model).map { (model, $0) } }.plan { model, options in
            JobPlan(modelRuns: options.targetSE == nil ? options.samples : max(options.samples, options.maxSamples),
                    memoryBytes: MonteCarloRunner.memoryNeeded(model, options: options))
        }
    }

    /// Runs one shard and writes its part file (refusing to replace an existing one unless --force).
    func runShard(_ model: CompiledModel, options: RunOptions, index: Int, count: Int, out: String) throws {
        if FileManager.default.fileExists(atPath: out), !force {
            StandardError.write("error: \(out) already exists; choose another name or pass --force to replace it\n")
            throw ExitCode(1)
        }
        let text = (try? String(contentsOfFile: scenario, encoding: .utf8)) ?? ""
        let spec = try parseShard("\(index)/\(count)")
        let chunks = MonteCarloRunner.shardChunks(samples: options.samples, index: index, count: count)
        let progress = RunProgress(total: MonteCarloRunner.shardSamples(samples: options.samples, index: index, count: count).count)
        let meter = ProgressMeter(progress: progress, label: "rendement run --shard \(index)/\(count)", enabled: !sampling.quiet)
        let part = ResultStore.runPart(model, options: options, shard: spec, name: out, scenarioFile: scenario, scenarioText: text,
                                       variant: variant, progress: progress)
        meter.stop()
        do {
            try part.encoded().write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            StandardError.write("error: cannot write \(out): \(error)\n")
            throw ExitCode(1)
        }
        if !sampling.quiet { StandardError.write("shard \(index)/\(count): chunks \(chunks.lowerBound)..<\(chunks.upperBound) written to \(out)\n") }
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

    /// Samples of the short run behind the published figures' probabilities.
    static let reconciliationSamples = 1 << 14

    func run() throws {
        guard let model = loadModel(scenario) else { throw ExitCode(1) }
        let s = model.scenario
        let warnings = model.warnings.filter { $0.severity == .warning }.count
        let cases = s.cases.map { ", \($0.cases.count) cases" } ?? ""
        let variants = s.variants.isEmpty ? "" : ", \(s.variants.count) variant\(s.variants.count == 1 ? "" : "s")"
        print("OK \(scenario): '\(s.title)': \(s.inputs.count) inputs (\(model.sampledInputs.count) uncertain), \(s.costs.count) costs, \(s.benefits.count) benefits\(cases), \(s.stakeholders.count) stakeholders\(variants)\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")")
        let elicited = ElicitationReport.textLines(s)
        if !elicited.isEmpty {
            print("Elicited inputs (median and 90% interval; a pool's experts beside the pool):")
            for line in elicited { print("  " + line) }
        }
        guard s.published != nil else { return }
        // The reconciliation with what was published: base case exactly; probabilities from a short run.
        let options = RunOptions(samples: Self.reconciliationSamples, seed: s.seed ?? 1)
        do { try options.check(for: model) } catch { return }
        let result = MonteCarloRunner.store(model, options: options, keeping: Keeping(outputQuantiles: false)).result()
        guard let reconciliation = try? Reconciliation.compute(result, options: options) else { return }
        print("Published figures beside the model's base case (P: probability the figure holds, from \(Limits.grouped(options.samples)) samples):")
        for line in ReconciliationReport.textLines(reconciliation) { print("  " + line) }
        let shares = RunReport.evidenceShares(result)
        if !shares.isEmpty {
            print("Evidence behind PV(benefits) in the base case: " + shares.map { "\($0.status) \(NumberFormat.percent($0.share))" }.joined(separator: ", "))
        }
    }
}
