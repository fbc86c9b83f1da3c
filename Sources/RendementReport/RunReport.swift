import RendementAnalysis
import RendementCore

/// The engine's name and version, recorded in every output.
/// Turns a `RunResult` into the JSON document of `rendement run --format json`.
///
/// Nothing in it depends on the thread count or the clock: the same scenario, seed and sample
/// count give the same bytes.
public enum RunReport {
    public static func json(_ result: RunResult, yearTable: YearTable? = nil, reconciliation: Reconciliation? = nil) -> JSONValue {
        let model = result.model, scenario = model.scenario
        let npv = result.summary(.npv)
        let pvB = result.base(.pvBenefits), pvC = result.base(.pvCosts)
        var document: [(String, JSONValue)] = [
            ("scenario", .string(scenario.title)),
            ("file", .string(scenario.file)),
            ("engine", .object([("name", .string(Engine.name)), ("version", .string(Engine.version))])),
            ("samples", .integer(result.samples)),
            ("seed", .unsigned(result.seed)),
            ("design", .string(result.design)),
            ("chunk_size", .integer(RunOptions.chunkSize)),
            ("currency", .string(scenario.currency)),
            ("horizon", .integer(scenario.horizon)),
            ("discounting", discounting(scenario)),
            ("price_level", priceLevel(scenario)),
            ("base", .object([
                ("npv", .finite(result.base(.npv))),
                ("bcr", .finite(result.base(.bcr))),
                ("roi", .finite(result.base(.bcr) - 1)),
                ("pv_benefits", .finite(pvB)),
                ("pv_costs", .finite(pvC)),
            ])),
            ("npv", summary(npv)),
            ("bcr", summary(result.summary(.bcr))),
            ("pv_benefits", summary(result.summary(.pvBenefits))),
            ("pv_costs", summary(result.summary(.pvCosts))),
            ("bcr_of_means", .finite(result.summary(.pvBenefits).mean / result.summary(.pvCosts).mean)),
            ("probability_positive", .number(npv.probabilityPositive)),
            ("probability_positive_se", .number(npv.probabilityPositiveError)),
            ("stakeholders", .object(scenario.stakeholders.map { s in
                let k = model.outputIndex(.stakeholder(s.id))!
                return (s.id, .object([
                    ("label", .string(s.label)),
                    ("base", .finite(result.base[k])),
                    ("net", summary(result.summaries[k])),
                    ("probability_positive", .number(result.summaries[k].probabilityPositive)),
                ]))
            })),
            ("lines", .array(lines(result))),
            ("evidence", evidence(result)),
            ("inputs", .array(inputs(result))),
            ("unpriced", .array(scenario.unpriced.map { .string($0) })),
            ("warnings", .array(model.warnings.map { .string($0.description) })),
        ]
        if let cases = cases(result) { document.append(("cases", cases)) }
        if let yearTable { document.append(("by_year", YearTableReport.json(yearTable))) }
        if let reconciliation, reconciliation.noPublishedEstimate || !reconciliation.rows.isEmpty {
            document.append(("published", ReconciliationReport.json(reconciliation)))
        }
        if let target = result.targetSE {
            document.append(("target_se", .number(target)))
            document.append(("target_reached", .bool(result.targetReached)))
        }
        document.append(("convergence", .array(result.convergence.map(convergencePoint))))
        if let note = quantileNote(result) { document.append(("quantile_note", .string(note))) }
        return .object(document)
    }

    /// The warning every case-based output carries when the cases were chosen, not sampled.
    public static let selectedCasesWarning = "the cases were selected (purposive), not drawn at random: the bootstrap over cases treats them as a random sample and so understates the uncertainty about the population"

    /// The `cases` object: per-case nets, the share with a positive net, the population total.
    static func cases(_ result: RunResult) -> JSONValue? {
        guard let section = result.model.scenario.cases else { return nil }
        let model = result.model
        func k(_ role: ModelOutput.Role) -> Int { model.outputIndex(role)! }
        let perCase: [JSONValue] = section.cases.enumerated().map { i, c in
            let index = k(.caseNet(i))
            var pairs: [(String, JSONValue)] = [("id", .string(c.id))]
            if let d = c.description { pairs.append(("description", .string(d))) }
            pairs += [("base", .finite(result.base[index])), ("net", summary(result.summaries[index])),
                      ("probability_positive", .number(result.summaries[index].probabilityPositive))]
            return .object(pairs)
        }
        let positiveBase = section.cases.indices.filter { result.base[k(.caseNet($0))] > 0 }.count
        var pairs: [(String, JSONValue)] = [
            ("count", .integer(section.cases.count)),
            ("selected", .bool(section.selected)),
            ("positive_base", .integer(positiveBase)),
            ("share_positive", summary(result.summaries[k(.casesShare)])),
            ("share_positive_parameter", summary(result.summaries[k(.casesShareParameter)])),
            ("mean_net", summary(result.summaries[k(.casesMeanNet)])),
            ("mean_net_parameter", summary(result.summaries[k(.casesMeanNetParameter)])),
            ("population_total", summary(result.summaries[k(.casesTotal)])),
            ("population_total_parameter", summary(result.summaries[k(.casesTotalParameter)])),
            ("per_case", .array(perCase)),
        ]
        if section.selected { pairs.append(("warning", .string(selectedCasesWarning))) }
        return .object(pairs)
    }

    static func convergencePoint(_ p: ConvergencePoint) -> JSONValue {
        .object([("samples", .integer(p.samples)), ("mean", .finite(p.mean)), ("se", .finite(p.standardError)),
                 ("lower", .finite(p.lower)), ("upper", .finite(p.upper)),
                 ("probability_positive", .number(p.probabilityPositive))])
    }

    /// The convergence trace as CSV (samples, mean, se, lower, upper, probability_positive).
    public static func convergenceCSV(_ result: RunResult) -> String {
        "samples,mean,se,lower,upper,probability_positive\n" + result.convergence.map { p in
            [String(p.samples), JSONValue.format(p.mean), JSONValue.format(p.standardError), JSONValue.format(p.lower),
             JSONValue.format(p.upper), JSONValue.format(p.probabilityPositive)].joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// The opening keys shared by the documents of commands that run a scenario several times
    /// with common random numbers (compare, sweep).
    static func commonRandomNumbersHeader(_ first: RunResult) -> [(String, JSONValue)] {
        commonRandomNumbersHeader(title: first.model.scenario.title, file: first.model.scenario.file, samples: first.samples,
                                  seed: first.seed, design: first.design)
    }

    static func commonRandomNumbersHeader(title: String, file: String, samples: Int, seed: UInt64, design: String) -> [(String, JSONValue)] {
        [("scenario", .string(title)),
         ("file", .string(file)),
         ("engine", .object([("name", .string(Engine.name)), ("version", .string(Engine.version))])),
         ("samples", .integer(samples)),
         ("seed", .unsigned(seed)),
         ("design", .string(design)),
         ("common_random_numbers", .bool(true))]
    }

    /// The summary object: mean, sd, se, min, max and the standard quantiles.
    public static func summary(_ s: Summary) -> JSONValue {
        // No finite value at all (a BCR without costs): nothing to summarise, said so.
        if s.moments.count == 0 {
            return .object([("mean", .null), ("sd", .null), ("se", .null), ("min", .null), ("max", .null)]
                           + Quantiles.standard.map { ($0.key, JSONValue.null) }
                           + [("non_finite", .integer(s.moments.nonFinite)), ("undefined", .string("no sample has a finite value"))])
        }
        var pairs: [(String, JSONValue)] = [
            ("mean", .finite(s.mean)), ("sd", .finite(s.sd)), ("se", .finite(s.se)),
            ("min", .finite(s.min)), ("max", .finite(s.max)),
        ]
        for (i, q) in Quantiles.standard.enumerated() { pairs.append((q.key, .finite(s.quantiles[i]))) }
        if s.moments.nonFinite > 0 { pairs.append(("non_finite", .integer(s.moments.nonFinite))) }
        return .object(pairs)
    }

    static func lines(_ result: RunResult) -> [JSONValue] {
        let model = result.model, scenario = model.scenario
        var rows: [JSONValue] = []
        for (i, c) in scenario.costs.enumerated() {
            let k = model.outputIndex(.costLine(i))!
            rows.append(line(name: c.name, type: "cost", kind: nil, stakeholder: c.payer, from: nil, result, k))
        }
        for (i, b) in scenario.benefits.enumerated() {
            let k = model.outputIndex(.benefitLine(i))!
            var extra: [(String, JSONValue)] = [("evidence", scenario.evidence(ofBenefit: i).map { .string($0.rawValue) } ?? .string("unmarked"))]
            extra += provenance(b.provenance)
            rows.append(line(name: b.name, type: "benefit", kind: b.kind.rawValue, stakeholder: b.beneficiary, from: b.from, result, k, extra: extra))
            for (l, leg) in b.transfers.enumerated() {
                let k = model.outputIndex(.transferLeg(i, l))!
                rows.append(line(name: leg.name ?? "\(b.name): \(leg.from) → \(leg.to)", type: "transfer", kind: "transfer", stakeholder: leg.to,
                                 from: leg.from, result, k, extra: [("of", .string(b.name))]))
            }
        }
        return rows
    }

    private static func line(name: String, type: String, kind: String?, stakeholder: String?, from: String?,
                             _ result: RunResult, _ k: Int, extra: [(String, JSONValue)] = []) -> JSONValue {
        let s = result.summaries[k]
        var pairs: [(String, JSONValue)] = [("name", .string(name)), ("type", .string(type))]
        if let kind { pairs.append(("kind", .string(kind))) }
        pairs.append(("stakeholder", stakeholder.map { .string($0) } ?? .null))
        if let from { pairs.append(("from", .string(from))) }
        pairs += [("base", .finite(result.base[k])), ("mean", .finite(s.mean)),
                  ("p05", .finite(s.quantile("p05")!)), ("p50", .finite(s.quantile("p50")!)), ("p95", .finite(s.quantile("p95")!))]
        return .object(pairs + extra)
    }

    static func provenance(_ p: Provenance) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = []
        if let v = p.source { pairs.append(("source", .string(v))) }
        if let v = p.quote { pairs.append(("quote", .string(v))) }
        if let v = p.page { pairs.append(("page", .string(v))) }
        if let v = p.priceYear { pairs.append(("price_year", .integer(v))) }
        return pairs
    }

    /// The rate, its guideline and the health rate.
    static func discounting(_ scenario: Scenario) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("description", .string(scenario.discountDescription))]
        if let rate = scenario.discountRate.expression.constantValue, scenario.discountTerms == nil { pairs.append(("rate", .number(rate))) }
        else if scenario.discountTerms == nil { pairs.append(("rate", .string(scenario.discountRate.text))) }
        if let terms = scenario.discountTerms {
            pairs.append(("terms", .array(terms.map { .object([("from_year", .integer($0.fromYear)), ("rate", .number($0.rate))]) })))
        }
        if let preset = scenario.discountPreset {
            pairs += [("preset", .string(preset.name)), ("guideline", .string(preset.guideline)), ("in_force", .string(preset.inForce)),
                      ("checked_against_guideline", .bool(preset.checked))]
        }
        if let health = scenario.healthDiscountRate {
            pairs.append(("health_rate", health.expression.constantValue.map { .number($0) } ?? .string(health.text)))
        }
        return .object(pairs)
    }

    static func priceLevel(_ scenario: Scenario) -> JSONValue {
        guard let year = scenario.priceYear else { return .null }
        var pairs: [(String, JSONValue)] = [("year", .integer(year)), ("description", .string(scenario.priceLevelDescription ?? ""))]
        if let index = scenario.priceIndex { pairs += [("index", .string(index.name)), ("index_source", .string(index.source))] }
        return .object(pairs)
    }

    /// How much of the base case's PV(benefits) rests on published figures, expert estimates,
    /// assumptions, or figures without a status (case-based benefits counted apart).
    public static func evidenceShares(_ result: RunResult) -> [(status: String, share: Double)] {
        let model = result.model, scenario = model.scenario
        var totals: [String: Double] = [:]
        for (i, b) in scenario.benefits.enumerated() where b.kind != .transfer {
            let status = scenario.evidence(ofBenefit: i)?.rawValue ?? "unmarked"
            totals[status, default: 0] += result.base[model.outputIndex(.benefitLine(i))!]
        }
        if scenario.cases != nil {
            // The case-based benefits, as supported as their weakest event.
            totals[scenario.evidenceOfCases?.rawValue ?? "unmarked", default: 0] += result.base[model.outputIndex(.pvBenefits)!] - totals.values.reduce(0, +)
        }
        let sum = totals.values.reduce(0, +)
        guard sum != 0 else { return [] }
        return ["published", "expert", "assumed", "unmarked"].compactMap { key in totals[key].map { (key, $0 / sum) } }
    }

    static func evidence(_ result: RunResult) -> JSONValue {
        .object([("basis", .string("base-case PV(benefits) by the evidence status of each line (its own, else the weakest of its figures)"))]
                + evidenceShares(result).map { ($0.status, JSONValue.number($0.share)) })
    }

    static func inputs(_ result: RunResult) -> [JSONValue] {
        result.model.scenario.inputs.map { input in
            var pairs: [(String, JSONValue)] = [
                ("name", .string(input.name)),
                ("distribution", .string(input.distribution.description)),
                ("base", .finite(input.base)),
                ("mean", .finite(input.distribution.mean)),
            ]
            if let evidence = input.provenance.evidence { pairs.append(("evidence", .string(evidence.rawValue))) }
            if input.isFactor { pairs.append(("shared_factor", .bool(true))) }
            pairs += provenance(input.provenance)
            if let note = input.note { pairs.append(("note", .string(note))) }
            return .object(pairs)
        }
    }

    static func quantileNote(_ result: RunResult) -> String? {
        let main = result.summary(.npv)
        var notes: [String] = []
        if main.quantileRelativeError > 0 {
            notes.append("quantiles of the main outputs from single-precision copies (relative error at most 2^-24)")
        }
        if main.quantileSamples < result.samples {
            notes.append("quantiles of the main outputs from the first \(main.quantileSamples) samples (the memory budget); means and P(> 0) from all")
        }
        let lineIndex = result.model.outputs.firstIndex {
            switch $0.role { case .benefitLine, .costLine: return true; default: return false }
        }
        if let k = lineIndex {
            let line = result.summaries[k]
            var note = "line quantiles"
            if line.quantileSamples < result.samples { note += " from the first \(line.quantileSamples) samples" }
            if line.quantileRelativeError > 0 { note += " in single precision (relative error at most 2^-24)" }
            if note != "line quantiles" { notes.append(note) }
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }
}
