import RendementCore

/// Text for the inputs a scenario elicited: each fit's error against the quantiles, and each
/// pooled input's experts (median and 90% interval) beside the pool's.
public enum ElicitationReport {
    /// One block per elicited or pooled input, empty when there are none.
    public static func textLines(_ scenario: Scenario) -> [String] {
        var lines: [String] = []
        for input in scenario.inputs {
            if let experts = input.experts {
                lines.append("\(input.name): pool of \(experts.count) expert\(experts.count == 1 ? "" : "s"): \(summary(input.distribution)), base \(NumberFormat.general(input.base))")
                let width = experts.map(\.name.count).max() ?? 0
                for expert in experts {
                    var line = "  \(expert.name.padding(toLength: width, withPad: " ", startingAt: 0))  weight \(String(format: "%.2f", expert.weight))  \(summary(expert.distribution))"
                    if let fit = expert.fit { line += "; \(describe(fit))" }
                    if let source = expert.provenance.source { line += "  [\(source)]" }
                    lines.append(line)
                }
            } else if let fit = input.fit {
                lines.append("\(input.name): \(describe(fit)): \(summary(input.distribution))")
            }
        }
        return lines
    }

    /// Median and 90% interval of a distribution.
    public static func summary(_ d: any Distribution) -> String {
        "median \(NumberFormat.general(d.quantile(0.5))), 90% \(NumberFormat.general(d.quantile(0.05))) – \(NumberFormat.general(d.quantile(0.95)))"
    }

    /// How a fit honours its quantiles.
    public static func describe(_ fit: ElicitedFit) -> String {
        let exact = fit.maxError <= 1e-9 * max(1, fit.pairs.map { abs($0.x) }.max() ?? 1)
        let what = "\(fit.family.rawValue) through \(fit.pairs.count) quantiles"
        return exact ? "\(what) (exact)" : "\(what), RMSE \(NumberFormat.general(fit.rmse)), largest error \(NumberFormat.general(fit.maxError))"
    }
}
