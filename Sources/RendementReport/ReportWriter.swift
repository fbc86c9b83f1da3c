import Foundation
import RendementCore
import RendementAnalysis

/// `rendement report`: figures (SVG), tables (CSV), the JSON document and a Markdown summary of
/// one scenario, each file carrying its provenance. Deterministic: the same scenario, seed,
/// samples, design and date give the same bytes.
public struct ReportWriter {
    public struct Provenance: Sendable {
        public var scenarioFile: String
        public var scenarioSHA256: String
        public var seed: UInt64
        public var samples: Int
        public var design: String
        public var engineVersion = Engine.version
        public var date: String

        var line: String {
            "scenario \(scenarioFile) (sha256 \(scenarioSHA256)); seed \(seed); samples \(samples); design \(design); \(Engine.name) \(engineVersion); \(date)"
        }

        var json: JSONValue {
            .object([("scenario_file", .string(scenarioFile)), ("scenario_sha256", .string(scenarioSHA256)), ("seed", .unsigned(seed)),
                     ("samples", .integer(samples)), ("design", .string(design)), ("engine", .string("\(Engine.name) \(engineVersion)")), ("date", .string(date))])
        }

        var csvHeader: String { "scenario_sha256,seed,samples,design,engine_version,date" }
        var csvValues: String { "\(scenarioSHA256),\(seed),\(samples),\(design),\(engineVersion),\(date)" }
    }

    public static func sha256(of text: String) -> String {
        Digest.sha256Hex(text)
    }

    /// Writes the report of `analysis` into `directory` and returns the file names written.
    @discardableResult
    public static func write(_ analysis: ReportAnalysis, scenarioText: String, directory: String, date: String,
                             displayName: String, language: ReportLanguage = .en) throws -> [String] {
        let lang = language
        let options = analysis.options, result = analysis.result, model = result.model
        let provenance = Provenance(scenarioFile: displayName, scenarioSHA256: sha256(of: scenarioText), seed: options.seed,
                                    samples: options.samples, design: options.design.name, date: date)
        let scenario = model.scenario, currency = scenario.currency
        var files: [(String, String)] = []

        // JSON: the run document plus provenance and the tornado.
        let tornado = analysis.tornado
        var run = RunReport.json(result, yearTable: analysis.yearTable, reconciliation: analysis.reconciliation)
        if case let .object(pairs) = run { run = .object([("provenance", provenance.json)] + pairs + [("tornado", tornadoJSON(tornado))]) }
        files.append(("result.json", run.rendered()))

        // Tables.
        files.append(("summary.csv", summaryCSV(result, provenance)))
        // A case-based scenario has no lines: its costs and benefits are in cases.csv.
        if !(scenario.costs.isEmpty && scenario.benefits.isEmpty) { files.append(("lines.csv", linesCSV(result, provenance))) }
        files.append(("stakeholders.csv", stakeholdersCSV(result, provenance)))
        // The trace's own sample count is `samples_so_far` here: `samples` is the provenance's total.
        files.append(("convergence.csv", csvWithProvenance(RunReport.convergenceCSV(result).replacingOccurrences(of: "samples,mean,", with: "samples_so_far,mean,"), provenance)))
        files.append(("by_year.csv", csvWithProvenance(YearTableReport.csv(analysis.yearTable), provenance)))

        // Figures (their shapes from the first samples; every number from all of them).
        let p = provenance.line
        files.append(("npv-histogram.svg", Charts.histogram(analysis.npvSample, base: result.base(.npv), probability: result.summary(.npv).probabilityPositive,
                                                            currency: currency, provenance: p, lang: lang)))
        if result.summary(.bcr).moments.count > 0 {
            files.append(("bcr-s-curve.svg", Charts.sCurve(analysis.bcrSample, base: result.base(.bcr), provenance: p, lang: lang)))
        }
        let composer = ReportComposer(analysis: analysis, lang: lang, provenance: provenance.line)
        if !tornado.isEmpty {
            files.append(("tornado.svg", Charts.tornado(tornado.map { (composer.inputLabel($0.input), $0.outputLow, $0.outputHigh) }, base: result.base(.npv),
                                                        lowLabel: "P10", highLabel: "P90", currency: currency, provenance: p, lang: lang)))
        }
        let stakeholderRows = scenario.stakeholders.map { s -> (label: String, base: Double, mean: Double, p05: Double, p95: Double) in
            let k = model.outputIndex(.stakeholder(s.id))!, summary = result.summaries[k]
            let name = composer.actorName(s.id)
            return (name.count > 38 ? (name.components(separatedBy: " (").first ?? name) : name, result.base[k], summary.mean, summary.quantile("p05")!, summary.quantile("p95")!)
        }
        if !stakeholderRows.isEmpty { files.append(("stakeholders.svg", Charts.stakeholders(stakeholderRows, currency: currency, provenance: p, lang: lang))) }
        if let section = scenario.cases {
            let rows = section.cases.enumerated().map { i, c -> (label: String, base: Double, mean: Double, p05: Double, p95: Double) in
                let k = model.outputIndex(.caseNet(i))!, s = result.summaries[k]
                return (Labels.humanised(c.id), result.base[k], s.mean, s.quantile("p05")!, s.quantile("p95")!)
            }
            files.append(("cases.svg", Charts.stakeholders(rows, currency: currency, provenance: p, title: lang.terms.casesTitle,
                                                           axis: "\(lang.terms.casesAxis), \(currency)", lang: lang)))
            var csv = ["id,description,base,mean,sd,p05,p50,p95,probability_positive"]
            for (i, c) in section.cases.enumerated() {
                let k = model.outputIndex(.caseNet(i))!, s = result.summaries[k]
                csv.append(([SampleExport.quote(c.id), SampleExport.quote(c.description ?? "")] + [result.base[k], s.mean, s.sd, s.quantile("p05")!,
                            s.quantile("p50")!, s.quantile("p95")!, s.probabilityPositive].map(SampleExport.number)).joined(separator: ","))
            }
            files.append(("cases.csv", csvWithProvenance(csv.joined(separator: "\n"), provenance)))
        }
        let receipt = Kassabon.render(result, reconciliation: analysis.reconciliation)
        files.append(("kassabon.svg", Charts.receipt(receipt, provenance: p)))
        files.append(("convergence.svg", Charts.convergence(result.convergence.map { (Double($0.samples), $0.mean, $0.lower, $0.upper) },
                                                            currency: currency, provenance: p, lang: lang)))
        // Fan chart over the input with the largest swing, through its P5 … P95.
        if let (input, sweep) = analysis.fan {
            files.append(("sweep.csv", csvWithProvenance(SweepReport.csv(sweep), provenance)))
            files.append(("fan-chart.svg", Charts.fan(sweep.points.map { point in
                let s = point.npv
                return (point.values[0].1, s.quantile("p05") ?? .nan, s.quantile("p25") ?? .nan, s.quantile("p50") ?? .nan,
                        s.quantile("p75") ?? .nan, s.quantile("p95") ?? .nan)
            }, xLabel: composer.inputLabel(input), currency: currency, provenance: p, lang: lang)))
        }
        // The report itself: one document, rendered as Markdown and as self-contained HTML.
        let document = composer.document(figures: Dictionary(files.filter { $0.0.hasSuffix(".svg") }, uniquingKeysWith: { a, _ in a }))
        files.append(("report.md", MarkdownRenderer.render(document)))
        files.append(("report.html", HTMLRenderer.render(document)))

        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: (directory as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        // The tables as a workbook, for those who continue in Excel.
        try WorkbookWriter.write(document, to: (directory as NSString).appendingPathComponent("report.xlsx"))
        return files.map(\.0) + ["report.xlsx"]
    }

    static func tornadoJSON(_ bars: [OneWay.Bar]) -> JSONValue {
        .array(bars.map { .object([("input", .string($0.input)), ("low", .finite($0.low)), ("high", .finite($0.high)),
                                   ("npv_low", .finite($0.outputLow)), ("npv_high", .finite($0.outputHigh)), ("swing", .finite($0.swing))]) })
    }

    static func csvWithProvenance(_ csv: String, _ p: ReportWriter.Provenance) -> String {
        var lines = csv.split(separator: "\n").map(String.init)
        guard !lines.isEmpty else { return csv }
        lines[0] += "," + p.csvHeader
        for i in 1..<lines.count { lines[i] += "," + p.csvValues }
        return lines.joined(separator: "\n") + "\n"
    }

    static func summaryCSV(_ result: RunResult, _ p: Provenance) -> String {
        var rows = ["output,base,mean,sd,se,min,max," + Quantiles.standard.map(\.key).joined(separator: ",") + ",probability_positive"]
        for (name, role) in [("npv", ModelOutput.Role.npv), ("bcr", .bcr), ("pv_benefits", .pvBenefits), ("pv_costs", .pvCosts)] {
            let s = result.summary(role)
            rows.append(([name] + ([result.base(role), s.mean, s.sd, s.se, s.min, s.max] + s.quantiles + [s.probabilityPositive]).map(SampleExport.number)).joined(separator: ","))
        }
        return csvWithProvenance(rows.joined(separator: "\n"), p)
    }

    static func linesCSV(_ result: RunResult, _ p: Provenance) -> String {
        let model = result.model, scenario = model.scenario
        var rows = ["name,type,kind,stakeholder,from,base,mean,p05,p50,p95"]
        func row(_ name: String, _ type: String, _ kind: String, _ who: String?, _ from: String?, _ k: Int) -> String {
            let s = result.summaries[k]
            return ([SampleExport.quote(name), type, kind, SampleExport.quote(who ?? ""), SampleExport.quote(from ?? "")]
                    + [result.base[k], s.mean, s.quantile("p05")!, s.quantile("p50")!, s.quantile("p95")!].map(SampleExport.number)).joined(separator: ",")
        }
        for (i, c) in scenario.costs.enumerated() { rows.append(row(c.name, "cost", "", c.payer, nil, model.outputIndex(.costLine(i))!)) }
        for (i, b) in scenario.benefits.enumerated() { rows.append(row(b.name, "benefit", b.kind.rawValue, b.beneficiary, b.from, model.outputIndex(.benefitLine(i))!)) }
        return csvWithProvenance(rows.joined(separator: "\n"), p)
    }

    static func stakeholdersCSV(_ result: RunResult, _ p: Provenance) -> String {
        let model = result.model
        var rows = ["id,label,base,mean,sd,p05,p50,p95,probability_positive"]
        for s in model.scenario.stakeholders {
            let k = model.outputIndex(.stakeholder(s.id))!, summary = result.summaries[k]
            rows.append(([SampleExport.quote(s.id), SampleExport.quote(s.label)] + [result.base[k], summary.mean, summary.sd, summary.quantile("p05")!,
                          summary.quantile("p50")!, summary.quantile("p95")!, summary.probabilityPositive].map(SampleExport.number)).joined(separator: ","))
        }
        return csvWithProvenance(rows.joined(separator: "\n"), p)
    }
}
