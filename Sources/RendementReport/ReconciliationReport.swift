import RendementAnalysis
import RendementCore

/// Renders a `Reconciliation`: published figures beside the model (text, JSON, Markdown).
public enum ReconciliationReport {
    static func format(_ value: Double, _ quantity: PublishedFigure.Quantity) -> String {
        switch quantity {
        case .bcr, .roi: return NumberFormat.ratio(value)
        case .input, .casesPositive: return NumberFormat.general(value)
        default: return NumberFormat.money(value)
        }
    }

    static func claimText(_ f: PublishedFigure) -> String {
        switch f.claim {
        case .atLeast: return "≥"
        case .atMost: return "≤"
        case .about: return "≈"
        }
    }

    /// One line per figure, with what the article claims it for when the model reads it otherwise.
    public static func textLines(_ r: Reconciliation) -> [String] {
        if r.noPublishedEstimate {
            return ["The source published no estimate: the base column is the point values of the assumptions, not a result of the case; read the distribution."]
        }
        guard !r.rows.isEmpty else { return [] }
        var lines: [String] = []
        for row in r.rows {
            let f = row.figure
            let status = row.matches ? "match" : f.reproduced ? "MISMATCH" : "departs"
            var line = "\(status): \(f.label)\(f.variant.map { " [\($0)]" } ?? "") published \(format(f.value, f.quantity)) (\(f.quantityName)); model \(format(row.model, f.quantity))"
            if !row.matches {
                let relative = f.value == 0 ? "" : " (\(NumberFormat.percent(row.difference / abs(f.value))))"
                line += ", off by \(format(row.difference, f.quantity))\(relative)"
            }
            line += "; P(\(f.quantityName) \(claimText(f)) \(format(f.value, f.quantity))) = \(NumberFormat.probability(row.probability)) ± \(NumberFormat.probability(row.probabilityError))"
            if let who = f.claimedFor, who != claimedAs(f) { line += "; the source says it is \(who)'s, the model computes it as \(claimedAs(f))'s" }
            if !row.matches, !f.reproduced, let note = f.note { line += " (why: \(note))" }
            lines.append(line)
        }
        return lines
    }

    /// Whose figure the model computes the quantity as.
    static func claimedAs(_ f: PublishedFigure) -> String {
        if case let .stakeholder(id) = f.quantity { return id }
        return "society"
    }

    public static func json(_ r: Reconciliation) -> JSONValue {
        if r.noPublishedEstimate {
            return .object([("none", .bool(true)), ("note", .string("the source published no estimate; the base case is not a result of the case"))])
        }
        return .array(r.rows.map { row in
            let f = row.figure
            var pairs: [(String, JSONValue)] = [("figure", .string(f.label)), ("value", .number(f.value)), ("of", .string(f.quantityName))]
            if let v = f.variant { pairs.append(("variant", .string(v))) }
            if let c = f.claimedFor { pairs.append(("claimed_for", .string(c))) }
            pairs += [("model_base", .finite(row.model)), ("difference", .finite(row.difference)), ("tolerance", .number(f.tolerance)),
                      ("matches", .bool(row.matches)), ("reproduced_by_design", .bool(f.reproduced)), ("claim", .string(f.claim.rawValue)),
                      ("probability_holds", .number(row.probability)), ("probability_holds_se", .number(row.probabilityError)),
                      ("samples", .integer(row.samples))]
            if let q = f.quote { pairs.append(("quote", .string(q))) }
            if let s = f.source { pairs.append(("source", .string(s))) }
            if let p = f.page { pairs.append(("page", .string(p))) }
            if let n = f.note { pairs.append(("note", .string(n))) }
            return .object(pairs)
        })
    }

    public static func markdown(_ r: Reconciliation) -> [String] {
        if r.noPublishedEstimate {
            return ["## Published figures", "", "The source published no estimate. The base case below is the point values of the assumptions, not a result of the case: read the distribution.", ""]
        }
        guard !r.rows.isEmpty else { return [] }
        var md = ["## Published figures beside the model", "",
                  "| figure | published | model (base case) | match | P(holds) |", "|---|---:|---:|---|---:|"]
        for row in r.rows {
            let f = row.figure
            let label = (f.label + (f.variant.map { " [\($0)]" } ?? "")).replacingOccurrences(of: "|", with: "/")
            let match = row.matches ? "yes" : "no, \(format(row.difference, f.quantity))" + (f.reproduced ? "" : " (\((f.note ?? "").replacingOccurrences(of: "|", with: "/")))")
            md.append("| \(label) | \(format(f.value, f.quantity)) | \(format(row.model, f.quantity)) | \(match) | \(NumberFormat.probability(row.probability)) |")
        }
        md.append("")
        let claims = r.rows.filter { $0.figure.claimedFor != nil && $0.figure.claimedFor != claimedAs($0.figure) }
        for row in claims { md.append("- *\(row.figure.label)*: the source says it is \(row.figure.claimedFor!)'s; the model computes it as \(claimedAs(row.figure))'s.") }
        if !claims.isEmpty { md.append("") }
        return md
    }
}
