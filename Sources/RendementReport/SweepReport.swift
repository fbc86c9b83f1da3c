import Foundation
import RendementAnalysis
import RendementCore

/// A sweep as JSON (`rendement sweep --format json`), CSV or text.
public enum SweepReport {
    public static func json(_ s: Sweep, file: String) -> JSONValue {
        .object(RunReport.commonRandomNumbersHeader(title: s.title, file: file, samples: s.options.samples, seed: s.options.seed,
                                                     design: s.options.design.name) + [
            ("vary", .array(s.axes.map { axis in
                .object([("name", .string(axis.name)), ("values", .array(axis.labels.map { $0.map { JSONValue.string($0) } } ?? axis.values.map { .number($0) }))])
            })),
            ("points", .array(s.points.map { point in
                var pairs: [(String, JSONValue)] = [
                    ("values", .object(zip(s.axes, point.values).map { axis, v in (v.0, axis.display(v.1).map { .string($0) } ?? .number(v.1)) })),
                    ("base", .object([("npv", .finite(point.base.npv)), ("bcr", .finite(point.base.bcr)),
                                      ("pv_benefits", .finite(point.base.pvBenefits)), ("pv_costs", .finite(point.base.pvCosts))])),
                    ("npv", RunReport.summary(point.npv)),
                    ("bcr", RunReport.summary(point.bcr)),
                    ("probability_positive", .number(point.npv.probabilityPositive)),
                ]
                if let b = point.breakEven {
                    pairs.append(("break_even", .object([("input", .string(b.input)), ("level", .number(b.level)), ("value", b.value.map { .finite($0) } ?? .null)])))
                }
                return .object(pairs)
            })),
        ])
    }

    /// One row per point: the varied values, base NPV and BCR, the NPV and BCR summaries, P(NPV > 0).
    public static func csv(_ s: Sweep) -> String {
        var header = s.axes.map(\.name) + ["base_npv", "base_bcr"]
        for output in ["npv", "bcr"] { header += ["\(output)_mean", "\(output)_se"] + Quantiles.standard.map { "\(output)_\($0.key)" } }
        header.append("probability_positive")
        if let b = s.points.first?.breakEven { header.append("break_even_\(b.input)") }
        var lines = [header.joined(separator: ",")]
        for point in s.points {
            var row = zip(s.axes, point.values).map { axis, v in axis.display(v.1).map(SampleExport.quote) ?? JSONValue.format(v.1) }
                + [point.base.npv, point.base.bcr].map(SampleExport.number)
            for summary in [point.npv, point.bcr] { row += ([summary.mean, summary.se] + summary.quantiles).map(SampleExport.number) }
            row.append(SampleExport.number(point.npv.probabilityPositive))
            if let b = point.breakEven { row.append(b.value.map(SampleExport.number) ?? "") }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func text(_ s: Sweep) -> String {
        let m = NumberFormat.money
        var out = ["SWEEP · \(s.title)",
                   "\(NumberFormat.grouped(Int64(s.options.samples))) samples per point · seed \(s.options.seed) · common random numbers", ""]
        func pad(_ text: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - text.count)) + text }
        var header = s.axes.map { pad($0.name, 16) }.joined() + pad("base NPV", 14) + pad("mean NPV", 14) + pad("P5", 14) + pad("P95", 14) + pad("base BCR", 10) + pad("P(NPV>0)", 10)
        if let b = s.points.first?.breakEven { header += "  " + pad("\(b.input) at P=\(b.level)", 24) }
        out.append(header)
        for point in s.points {
            let npv = point.npv
            var row = zip(s.axes, point.values).map { axis, v in pad(axis.display(v.1) ?? NumberFormat.general(v.1), 16) }.joined()
                + pad(m(point.base.npv), 14) + pad(m(npv.mean), 14)
                + pad(m(npv.quantile("p05") ?? .nan), 14) + pad(m(npv.quantile("p95") ?? .nan), 14) + pad(NumberFormat.ratio(point.base.bcr), 10)
                + pad(NumberFormat.probability(npv.probabilityPositive), 10)
            if let b = point.breakEven { row += "  " + pad(b.value.map(NumberFormat.general) ?? "not crossed", max(24, b.input.count + 8 + String(b.level).count)) }
            out.append(row)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
