import ArgumentParser
import Foundation
import RendementCore
import RendementAnalysis
import RendementReport

/// `rendement claim`: how likely is a published claim, given the stated uncertainty?
struct ClaimCommand: PlannableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "The probability that a published claim (a BCR, an NPV, a BCR range) holds under the scenario's uncertainty.",
        discussion: """
            Examples:
              rendement claim Scenarios/den-haag-casemanagement.yaml --bcr 1.47
              rendement claim Scenarios/den-haag-casemanagement.yaml --npv 1800000
              rendement claim Scenarios/vonl-amsterdam.yaml --bcr-range 1.20:1.92
            """
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "Claim: the benefit-cost ratio is at least this.")
    var bcr: Double?

    @Option(help: "Claim: the net benefit is at least this.")
    var npv: Double?

    @Option(name: .customLong("bcr-range"), help: "Claim: the benefit-cost ratio lies in low:high.")
    var bcrRange: String?

    @Option(help: "Check the claim against a variant of the scenario.")
    var variant: String?

    @OptionGroup var sampling: SamplingOptions

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var view: ViewOption

    func claim() throws -> ClaimCheck.Claim {
        let given = [bcr != nil, npv != nil, bcrRange != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("Give exactly one claim: --bcr X, --npv X or --bcr-range LOW:HIGH.") }
        if let bcr { return .bcrAtLeast(bcr) }
        if let npv { return .npvAtLeast(npv) }
        let parts = bcrRange!.split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[0] <= parts[1] else { throw ValidationError("--bcr-range takes LOW:HIGH with LOW ≤ HIGH, e.g. 1.20:1.92") }
        return .bcrBetween(parts[0], parts[1])
    }

    func validate() throws {
        _ = try claim()
        if sampling.targetSE != nil { throw ValidationError("--target-se applies to `run`, not to `claim`.") }
    }

    func run() throws {
        guard let model = loadModel(scenario, variant: variant) else { throw ExitCode(1) }
        let options = try sampling.options(for: model)
        let progress = RunProgress(total: options.samples)
        let meter = ProgressMeter(progress: progress, label: "rendement claim", enabled: !sampling.quiet)
        let check = ClaimCheck(model: model, claim: try claim(), options: options, progress: progress)
        meter.stop()
        try view.write { JobViews.claim(check) }
        switch format {
        case .json: print(ClaimReport.json(check).rendered(), terminator: "")
        case .text: print(ClaimReport.text(check), terminator: "")
        }
    }
}

extension ClaimCommand {
    func plan() -> JobPlan {
        plannedModel(scenario, variant: variant).flatMap { model in sampling.planned(for: model).map { (model, $0) } }.plan { model, options in
            JobPlan(modelRuns: options.samples, memoryBytes: MonteCarloRunner.memoryNeeded(model, options: options))
        }
    }
}
