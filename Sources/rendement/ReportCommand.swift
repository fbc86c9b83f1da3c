import ArgumentParser
import Foundation
import RendementCore
import RendementAnalysis
import RendementReport

/// `rendement report`: figures, tables, JSON and a Markdown summary for a publication.
struct ReportCommand: PlannableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the report (HTML and Markdown, in Dutch or English), its SVG figures, CSV tables and the JSON document into a folder.",
        discussion: "Example: rendement report Scenarios/vonl-amsterdam.yaml --out reports/vonl"
    )

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "The folder to write into (created if missing).")
    var out: String

    @Option(help: "Report a variant of the scenario.")
    var variant: String?

    @Option(help: "The date recorded in every file (YYYY-MM-DD); default today (UTC). Fix it for byte-identical reruns.")
    var date: String?

    @Option(help: "The report's language: nl (Dutch: kosten, baten, saldo, € 1.800.000) or en; default the scenario's `language:`, else en.")
    var lang: String?

    @Flag(help: "Write into a folder that already holds files (files of the same name are replaced).")
    var force = false

    @OptionGroup var sampling: SamplingOptions

    func validate() throws {
        if let date, date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil {
            throw ValidationError("--date takes YYYY-MM-DD, found '\(date)'.")
        }
        if sampling.targetSE != nil { throw ValidationError("--target-se applies to `run`, not to `report`.") }
        if let lang, ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang takes nl or en, found '\(lang.prefix(20))'.") }
    }

    func run() throws {
        guard let model = loadModel(scenario, variant: variant) else { throw ExitCode(1) }
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: out), !contents.isEmpty, !force {
            StandardError.write("error: \(out) already holds files; choose an empty folder or pass --force to replace the report's files\n")
            throw ExitCode(1)
        }
        let text = (try? String(contentsOfFile: scenario, encoding: .utf8)) ?? ""
        let options = try sampling.options(for: model)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let day = date ?? formatter.string(from: Date())
        do {
            let progress = RunProgress(total: ReportAnalysis.modelRuns(samples: options.samples, model: model))
            let meter = ProgressMeter(progress: progress, label: "rendement report", enabled: !sampling.quiet)
            let analysis = try ReportAnalysis(model: model, options: options, progress: progress)
            meter.stop()
            let language = lang.flatMap(ReportLanguage.init(rawValue:)) ?? model.scenario.language.flatMap(ReportLanguage.init(rawValue:)) ?? .en
            let files = try ReportWriter.write(analysis, scenarioText: text, directory: out, date: day,
                                               displayName: (scenario as NSString).lastPathComponent, language: language)
            if !sampling.quiet { StandardError.write("wrote \(files.count) files to \(out): \(files.joined(separator: ", "))\n") }
        } catch let error as ScenarioError {
            StandardError.write(error.description + "\n"); throw ExitCode(1)
        } catch {
            StandardError.write("error: writing the report into \(out) failed: \(error)\n"); throw ExitCode(1)
        }
    }
}

extension ReportCommand {
    /// The run, plus the fan chart's sweep (11 points of at most 20,000 samples).
    func plan() -> JobPlan {
        plannedModel(scenario, variant: variant).flatMap { model in sampling.planned(for: model).map { (model, $0) } }.plan { model, options in
            JobPlan(modelRuns: ReportAnalysis.modelRuns(samples: options.samples, model: model),
                    memoryBytes: MonteCarloRunner.memoryNeeded(model, options: options).saturatingMultiply(2))
        }
    }
}
