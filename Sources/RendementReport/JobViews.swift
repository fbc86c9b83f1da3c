import Foundation
import RendementAnalysis
import RendementCore

/// The web page's view of each job kind: an HTML fragment (a `<section class="rv rv-KIND">` with
/// its own style sheet and inline SVG figures) built from the same results, numbers and charts
/// as the CLI's renderers. `rendement run|sensitivity|sweep|compare|claim --view FILE` writes it
/// beside the JSON; the server keeps it with the job and serves it at `/v1/jobs/{id}/view`.
///
/// Every text in it is escaped (scenario titles, names and messages are user-controlled), and it
/// holds no script. Nothing is cut off: long tables scroll, and a figure that shows only part of
/// a list says so and has the whole list in a table beside it. Numbers carry their exact value
/// in `data-value` (the JSON document's text for it).
public enum JobViews {
    /// The kassabon of a run: every line with its kind, payer or beneficiary, base case, mean and
    /// 90% interval; the totals, NPV, BCR, ROI and P(NPV > 0); who pays, who benefits.
    public static func run(_ result: RunResult, reconciliation: Reconciliation? = nil) -> String {
        var html = HTMLFragment()
        RunView.write(result, reconciliation: reconciliation, into: &html)
        return html.rendered(kind: "run")
    }

    /// Sensitivity: tornado bars, Sobol' index bars, the value-of-information ranking, the
    /// experts' table, rank measures, break-even values and the spider's points, as computed.
    public static func sensitivity(_ analysis: SensitivityAnalysis) -> String {
        var html = HTMLFragment()
        SensitivityView.write(analysis, into: &html)
        return html.rendered(kind: "sensitivity")
    }

    /// A sweep: NPV's mean and 90% band at each point, the break-even curve, and every point in a table.
    public static func sweep(_ sweep: Sweep, currency: String) -> String {
        var html = HTMLFragment()
        SweepView.write(sweep, currency: currency, into: &html)
        return html.rendered(kind: "sweep")
    }

    /// A comparison: the paired differences against the base case, as a table and a figure.
    public static func comparison(_ comparison: VariantComparison) -> String {
        var html = HTMLFragment()
        ComparisonView.write(comparison, into: &html)
        return html.rendered(kind: "compare")
    }

    /// A claim check: a one-line verdict with its probability, then what it depends on most.
    public static func claim(_ check: ClaimCheck) -> String {
        var html = HTMLFragment()
        ClaimView.write(check, into: &html)
        return html.rendered(kind: "claim")
    }

    /// The provenance of a view's figures (no user text: titles are in the figures themselves).
    static func provenance(samples: Int, seed: UInt64) -> String {
        "\(Engine.name) \(Engine.version); seed \(seed); samples \(samples)"
    }

    /// "P5 – P95" of a summary, or "n/a".
    static func interval(_ s: Summary, _ format: (Double) -> String = NumberFormat.money) -> String {
        guard let lo = s.quantile("p05"), let hi = s.quantile("p95"), lo.isFinite, hi.isFinite else { return "n/a" }
        return "\(format(lo)) – \(format(hi))"
    }

    /// The list of warnings, if any.
    static func warnings(_ list: [String], into html: inout HTMLFragment) {
        guard !list.isEmpty else { return }
        html.element("h4", "Warnings")
        html.raw("<ul class=\"rv-warnings\">" + list.map { "<li>\(HTMLFragment.escape($0))</li>" }.joined() + "</ul>")
    }
}
