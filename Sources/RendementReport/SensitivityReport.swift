import Foundation
import RendementAnalysis
import RendementCore

/// The sensitivity analyses as one JSON document (`rendement sensitivity --format json`) or as text.
public enum SensitivityReport {
    public static func json(_ a: SensitivityAnalysis) -> JSONValue {
        let model = a.model, settings = a.settings
        let base = model.evaluateBase(), npv = model.outputIndex(.npv)!, bcr = model.outputIndex(.bcr)!
        var doc: [(String, JSONValue)] = [
            ("scenario", .string(model.scenario.title)),
            ("file", .string(model.scenario.file)),
            ("engine", .object([("name", .string(Engine.name)), ("version", .string(Engine.version))])),
            ("methods", .array(a.methods.map { .string($0.rawValue) })),
            ("samples", .integer(settings.samples)),
            ("seed", .unsigned(settings.seed)),
            ("design", .string(settings.design.name)),
            ("base", .object([("npv", .finite(base[npv])), ("bcr", .finite(base[bcr]))])),
        ]
        if a.methods.contains(.tornado) {
            doc.append(("tornado_quantiles", .array([.number(settings.low), .number(settings.high)])))
            doc.append(("tornado", bars(a.tornado[npv], key: "npv")))
            doc.append(("tornado_bcr", bars(a.tornado[bcr], key: "bcr")))
            doc.append(("tornado_stakeholders", .object(model.stakeholderOutputs.map { (model.outputs[$0].name, bars(a.tornado[$0], key: "net")) })))
        }
        if a.methods.contains(.spider) {
            doc.append(("spider", .object(a.spider.map { line in
                (line.input, .array(line.points.map { .object([("p", .number($0.probability)), ("value", .finite($0.value)), ("npv", .finite($0.output))]) }))
            })))
        }
        if a.methods.contains(.breakEven) {
            doc.append(("break_even", .object(a.breakEven.map { ($0.input, $0.value.map { .finite($0) } ?? .null) })))
            doc.append(("effect_scale_break_even", a.effectScale.map { .finite($0) } ?? .null))
        }
        if a.jointRows > 0 {
            doc.append(("joint_sample", .object([
                ("rows", .integer(a.jointRows)),
                ("note", .string(a.jointRows < settings.samples
                                 ? "rank measures and the value of information are estimated from the first \(a.jointRows) samples (--rows; at most what fits the memory budget)"
                                 : "rank measures and the value of information are estimated from all \(a.jointRows) samples")),
                ("correlation_se", .finite(1 / Double(max(1, a.jointRows - 3)).squareRoot())),
            ])))
        }
        if let rank = a.rank {
            doc.append(("rank", .object(a.model.analysableInputs.enumerated().map { j, input in
                (input.input.name, .object([("spearman", .finite(rank.spearman[j])), ("prcc", .finite(rank.prcc[j])), ("src", .finite(rank.src[j]))]))
            })))
            doc.append(("src_r2", .finite(rank.rSquared)))
        }
        if let sobol = a.sobol {
            func indices(_ list: [SobolIndices.Index]) -> JSONValue {
                .object(list.map { i in
                    (i.input, .object([("S1", .finite(i.first)), ("S1_ci", .array([.finite(i.firstInterval.0), .finite(i.firstInterval.1)])),
                                       ("ST", .finite(i.total)), ("ST_ci", .array([.finite(i.totalInterval.0), .finite(i.totalInterval.1)]))]))
                })
            }
            doc.append(("sobol", indices(sobol.indices[0])))
            if sobol.indices.count > 1 { doc.append(("sobol_bcr", indices(sobol.indices[1]))) }
            doc.append(("sobol_base_samples", .integer(sobol.baseSamples)))
            doc.append(("sobol_model_runs", .integer(sobol.modelRuns)))
            doc.append(("sobol_replicates", .integer(sobol.replicates)))
            doc.append(("sobol_design", .string(settings.sobolDesign == .sobol ? "scrambled Sobol' points, independent replicates" : "plain Monte Carlo")))
            doc.append(("sobol_interval", .string("95% interval: the pooled estimate ± Student's t (\(sobol.replicates - 1) degrees of freedom) × the spread of the \(sobol.replicates) replicates' estimates / √\(sobol.replicates)")))
        }
        if let evpi = a.evpi {
            doc.append(("evpi", .finite(evpi)))
            doc.append(("evppi", .object(a.evppi.map { ($0.input, $0.value.map { .finite($0) } ?? .null) })))
            doc.append(("evppi_ranking", .array(a.evppiRanking.map { .string($0.input) })))
        }
        if let experts = a.experts {
            doc.append(("experts", .object(experts.entries.map { entry in
                (entry.input, .object([
                    ("evppi", a.evppi.first { $0.input == entry.input }?.value.map { .finite($0) } ?? .null),
                    ("samples", .integer(experts.options.samples)),
                    ("runs", .array(entry.rows.map { row in
                        let npv = row.result.summary(.npv)
                        return .object([("expert", .string(row.name)), ("weight", row.weight.map { .finite($0) } ?? .null),
                                        ("mean_npv", .finite(npv.mean)), ("mean_npv_se", .finite(npv.se)),
                                        ("p_npv_positive", .finite(npv.probabilityPositive)),
                                        ("npv_p05", npv.quantile("p05").map { .finite($0) } ?? .null),
                                        ("npv_p95", npv.quantile("p95").map { .finite($0) } ?? .null),
                                        ("difference_from_pool", row.npvDifference.map { .object([("mean", .finite($0.mean)), ("se", .finite($0.se))]) } ?? .null)])
                    })),
                ]))
            })))
        }
        let notes = a.evppi.compactMap { e in e.note.map { "partial EVPI of '\(e.input)': \($0)" } }
        doc.append(("warnings", .array((model.warnings.map(\.description) + (a.sobol?.warnings ?? []) + notes).map { .string($0) })))
        return .object(doc)
    }

    static func bars(_ list: [OneWay.Bar], key: String) -> JSONValue {
        .array(list.map { b in
            .object([("input", .string(b.input)), ("low", .finite(b.low)), ("high", .finite(b.high)),
                     ("\(key)_low", .finite(b.outputLow)), ("\(key)_high", .finite(b.outputHigh)), ("swing", .finite(b.swing))])
        })
    }

    public static func text(_ a: SensitivityAnalysis) -> String {
        let model = a.model, settings = a.settings
        var out: [String] = []
        let m = NumberFormat.money, npv = model.outputIndex(.npv)!
        out.append("SENSITIVITY · \(model.scenario.title)")
        out.append("base NPV \(m(model.evaluateBase()[npv])) · seed \(settings.seed)")
        if a.methods.contains(.tornado) {
            out.append("")
            out.append("TORNADO: NPV with each input at its P\(Int((settings.low * 100).rounded())) and P\(Int((settings.high * 100).rounded())), others at base (largest swing first)")
            for b in a.tornado[npv] {
                out.append("  \(pad(b.input, 28)) \(pad(m(b.outputLow), 14, right: true)) … \(pad(m(b.outputHigh), 14, right: true))   swing \(m(b.swing))")
            }
        }
        if let sobol = a.sobol {
            out.append("")
            out.append("SOBOL' INDICES of NPV (share of variance; \(sobol.baseSamples) base samples in \(sobol.replicates) replicates, \(sobol.modelRuns) model runs; total index first, 95% intervals)")
            for i in sobol.indices[0].sorted(by: { $0.total > $1.total }) {
                out.append("  \(pad(i.input, 28)) ST \(fmt(i.total)) [\(fmt(i.totalInterval.0)), \(fmt(i.totalInterval.1))]   S1 \(fmt(i.first)) [\(fmt(i.firstInterval.0)), \(fmt(i.firstInterval.1))]")
            }
            for w in sobol.warnings { out.append("  warning: \(w)") }
        }
        if let evpi = a.evpi {
            out.append("")
            out.append("VALUE OF INFORMATION (decision: invest if NPV > 0; from \(a.jointRows) samples): EVPI \(m(evpi))")
            out.append("  worth researching first (partial EVPI):")
            for e in a.evppiRanking { out.append("  \(pad(e.input, 28)) \(pad(e.value.map(m) ?? "undefined", 14, right: true))\(e.note.map { "  (\($0))" } ?? "")") }
        }
        if let experts = a.experts {
            out.append("")
            out.append("WHOSE ESTIMATE: each pooled input run with each expert's estimate alone (\(experts.options.samples) samples, common random numbers)")
            for entry in experts.entries {
                let evppi = a.evppi.first { $0.input == entry.input }?.value.map(m) ?? "undefined"
                out.append("  \(entry.input) (partial EVPI \(evppi))")
                let width = max(12, entry.rows.map(\.name.count).max() ?? 0)
                out.append("    \(pad("estimate", width)) \(pad("weight", 6, right: true)) \(pad("mean NPV", 16, right: true)) \(pad("P(NPV>0)", 9, right: true)) \(pad("Δ mean vs pool", 22, right: true))")
                for row in entry.rows {
                    let npv = row.result.summary(.npv)
                    out.append("    \(pad(row.name, width)) \(pad(row.weight.map { String(format: "%.2f", $0) } ?? "", 6, right: true)) \(pad(m(npv.mean), 16, right: true)) \(pad(fmt(npv.probabilityPositive), 9, right: true)) \(pad(row.npvDifference.map { "\(m($0.mean)) ± \(m($0.se))" } ?? "", 22, right: true))")
                }
            }
        }
        if a.methods.contains(.experts), a.experts == nil, a.methods.count < SensitivityMethod.allCases.count {
            out.append("")
            out.append("WHOSE ESTIMATE: no input is pooled from two or more experts (inputs: {experts: [...]})")
        }
        if let rank = a.rank {
            out.append("")
            out.append("RANK MEASURES of NPV (from \(rank.rows) samples; linear regression R² = \(fmt(rank.rSquared)))")
            out.append("  \(pad("input", 28)) \(pad("Spearman", 9, right: true)) \(pad("PRCC", 9, right: true)) \(pad("SRC", 9, right: true))")
            let names = model.analysableInputs.map(\.input.name)
            for j in names.indices.sorted(by: { abs(rank.prcc[$0].isNaN ? 0 : rank.prcc[$0]) > abs(rank.prcc[$1].isNaN ? 0 : rank.prcc[$1]) }) {
                out.append("  \(pad(names[j], 28)) \(pad(fmt(rank.spearman[j]), 9, right: true)) \(pad(fmt(rank.prcc[j]), 9, right: true)) \(pad(fmt(rank.src[j]), 9, right: true))")
            }
        }
        if a.methods.contains(.breakEven) {
            out.append("")
            out.append("BREAK-EVEN: the value of each input at which base-case NPV is zero (others at base)")
            for (name, value) in a.breakEven {
                out.append("  \(pad(name, 28)) \(value.map { NumberFormat.general($0) } ?? "none within its range")")
            }
            if let scale = a.effectScale {
                out.append(scale <= 1
                    ? "  all benefits × \(fmt(scale)): every effect may shrink by \(NumberFormat.percent(1 - scale)) before NPV turns negative"
                    : "  all benefits × \(fmt(scale)): the base case's NPV is not positive; every effect would have to be \(NumberFormat.percent(scale - 1)) larger to break even")
            }
        }
        if a.methods.contains(.spider) {
            out.append("")
            out.append("SPIDER: NPV at each input's P5, P25, P50, P75, P95 (others at base)")
            for line in a.spider {
                let picks = line.points.filter { point in [0.05, 0.25, 0.5, 0.75, 0.95].contains { abs($0 - point.probability) < 1e-9 } }
                out.append("  \(pad(line.input, 28)) " + picks.map { pad(m($0.output), 13, right: true) }.joined(separator: " "))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.3f", x) : "n/a" }

    static func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
        let clipped = s.count > n ? String(s.prefix(n - 1)) + "…" : s
        let fill = String(repeating: " ", count: max(0, n - clipped.count))
        return right ? fill + clipped : clipped + fill
    }
}
