import ArgumentParser
import Foundation
import RendementCore
import RendementAnalysis
import RendementReport

/// `rendement sweep`: a grid of full runs over inputs, the discount rate or the horizon.
struct SweepCommand: PlannableCommand {
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

    @Option(help: "Run only shard K of N of the grid's points (K = 0 … N−1) and write a part file to --out; combine with `rendement merge`.")
    var shard: String?

    @Option(help: "With --shard: the part file to write.")
    var out: String?

    @OptionGroup var view: ViewOption

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func shardSpec() throws -> (index: Int, count: Int)? { try shard.map(parseShard).map { ($0.index, $0.count) } }

    @Option(name: .shortAndLong, help: "Output format: text, json or csv.")
    var format: SweepFormat = .text

    enum SweepFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    func axes() throws -> [Sweep.Axis] {
        guard !vary.isEmpty else { throw ValidationError("Give at least one --vary NAME=START:STOP:COUNT.") }
        do { return try vary.map { text throws(LimitError) in try Sweep.Axis(parsing: text) } }
        catch { throw ValidationError(error.description) }
    }

    func validate() throws {
        _ = try axes()
        guard level > 0, level < 1 else { throw ValidationError("--level must lie between 0 and 1.") }
        if sampling.targetSE != nil { throw ValidationError("--target-se applies to `run`, not to `sweep`.") }
        if try shardSpec() != nil, out == nil { throw ValidationError("--shard needs --out FILE for the part file.") }
        if try shardSpec() != nil, view.view != nil { throw ValidationError("--view cannot be combined with --shard; merge the parts first.") }
        if try shardSpec() == nil, out != nil { throw ValidationError("--out is for part files of --shard; use shell redirection for the result.") }
    }

    /// A sweep's points default to the scenario's sample count, else 20,000 (not 100,000).
    func pointOptions(_ model: CompiledModel) -> RunOptions {
        var options = sampling.options(for: model.scenario)
        if sampling.samples == nil { options.samples = model.scenario.samples ?? 20_000 }
        return options
    }

    /// Every point's run, and with --break-even the bisection's runs at every point (2 ends and
    /// at most 30 steps).
    func plan() -> JobPlan {
        plannedModel(scenario, variant: variant).flatMap { model -> Result<(CompiledModel, RunOptions, Int), PlanStop> in
            let axes: [Sweep.Axis]
            do throws(LimitError) {
                axes = try vary.map { text throws(LimitError) in try Sweep.Axis(parsing: text) }
                try Sweep.validate(axes, breakEvenInput: breakEven, scenario: model.scenario)
            } catch { return .failure(PlanStop(error)) }
            let options = pointOptions(model)
            do throws(LimitError) { try options.check(for: model) } catch { return .failure(PlanStop(error)) }
            return .success((model, options, axes.reduce(1) { $0 * $1.values.count }))
        }.plan { model, options, points in
            let perPoint = breakEven == nil ? 1 : 33
            return JobPlan(modelRuns: options.samples.saturatingMultiply(points).saturatingMultiply(perPoint),
                           memoryBytes: MonteCarloRunner.memoryNeeded(model, options: options))
        }
    }

    func run() throws {
        guard let model = loadModel(scenario, variant: variant) else { throw ExitCode(1) }
        let axes = try axes()
        do { try Sweep.validate(axes, breakEvenInput: breakEven, scenario: model.scenario) }
        catch { StandardError.write("\(scenario): \(error.description)\n"); throw ExitCode(1) }
        let options = pointOptions(model)
        do { try options.check(for: model) } catch { StandardError.write("\(scenario): \(error.description)\n"); throw ExitCode(1) }
        if let shard = try shard.map(parseShard), let out {
            if FileManager.default.fileExists(atPath: out), !force {
                StandardError.write("error: \(out) already exists; choose another name or pass --force to replace it\n"); throw ExitCode(1)
            }
            let range = AnalysisParts.pointRange(total: Sweep.grid(axes).count, shard: shard)
            let part: Sweep
            do { part = try Sweep(scenario: model.scenario, axes: axes, options: options, breakEvenInput: breakEven, level: level, points: range) }
            catch { StandardError.write(error.description + "\n"); throw ExitCode(1) }
            let text = (try? String(contentsOfFile: scenario, encoding: .utf8)) ?? ""
            do {
                let file = try AnalysisParts.sweepPart(part, shard: shard, name: out, scenarioFile: scenario, scenarioText: text, variant: variant,
                                                       breakEvenInput: breakEven, level: level)
                try file.encoded().write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch { StandardError.write("error: cannot write \(out): \(error)\n"); throw ExitCode(1) }
            return
        }
        let sweep: Sweep
        let points = Sweep.grid(axes).count
        let progress = RunProgress(total: options.samples * points)
        let meter = ProgressMeter(progress: progress, label: "rendement sweep", enabled: !sampling.quiet)
        do { sweep = try Sweep(scenario: model.scenario, axes: axes, options: options, breakEvenInput: breakEven, level: level, progress: progress) }
        catch { meter.stop(); StandardError.write(error.description + "\n"); throw ExitCode(1) }
        meter.stop()
        try view.write { JobViews.sweep(sweep, currency: model.scenario.currency) }
        switch format {
        case .json: print(SweepReport.json(sweep, file: scenario).rendered(), terminator: "")
        case .csv: print(SweepReport.csv(sweep), terminator: "")
        case .text: print(SweepReport.text(sweep), terminator: "")
        }
    }
}
