import Foundation

/// A rate that applies from a project year on (a term structure is a list of them, first from year 0).
public struct DiscountTerm: Sendable, Equatable {
    public var fromYear: Int
    public var rate: Double
}

/// A discount rate set by a guideline: its rate (or term structure), an optional separate rate for
/// health effects, and where it comes from. `discount_rate: nl-2021` in a scenario.
public struct DiscountPreset: Sendable {
    public var name: String
    /// The rates by year, the first from year 0; one entry for a constant rate.
    public var terms: [DiscountTerm]
    /// The rate for health effects (QALYs) where the guideline sets one.
    public var healthRate: Double?
    /// The guideline and its year, as a report cites it.
    public var guideline: String
    /// When the rate was in force, and what it is made of.
    public var inForce: String
    /// Whether the figures were checked against the guideline itself (else a secondary source).
    public var checked: Bool

    /// The rate in year 0 (the rate, for a constant one).
    public var rate: Double { terms[0].rate }

    /// One line for a report: "2.25% (nl-2021: Werkgroep discontovoet 2020, …)".
    public var citation: String {
        let rates = terms.count == 1 ? percent(rate)
            : terms.enumerated().map { i, term in
                i + 1 < terms.count ? "\(percent(term.rate)) in years \(term.fromYear)–\(terms[i + 1].fromYear - 1)" : "\(percent(term.rate)) from year \(term.fromYear)"
            }.joined(separator: ", ")
        let health = healthRate.map { "; health effects \(percent($0))" } ?? ""
        return "\(rates)\(health) (\(name): \(guideline); \(inForce)\(checked ? "" : "; from a secondary source, verify"))"
    }

    /// The presets Rendement knows, oldest first, named after the year they came into force.
    /// Sources and their verification: docs/discounting.md.
    public static let all: [DiscountPreset] = [
        DiscountPreset(name: "nl-1995", terms: [DiscountTerm(fromYear: 0, rate: 0.04)], healthRate: nil,
                       guideline: "Ministerie van Financiën 1995, after the Studiegroep Heroverweging Disconteringsvoet (1994)",
                       inForce: "1995–2007, 4% real and risk-free, project risk in the cash flows", checked: true),
        DiscountPreset(name: "nl-2007", terms: [DiscountTerm(fromYear: 0, rate: 0.055)], healthRate: nil,
                       guideline: "letter of the Minister of Finance of 8 March 2007 (Kamerstuk 29 352 nr. 3; confirmed in nr. 5, 2011)",
                       inForce: "2007 – March 2016, 2.5% risk-free + 3% risk premium (4% for irreversible effects)", checked: true),
        DiscountPreset(name: "nl-2016", terms: [DiscountTerm(fromYear: 0, rate: 0.03)], healthRate: nil,
                       guideline: "Rapport werkgroep discontovoet 2015 and Kamerbrief of 13 November 2015 (Kamerstuk 29 352 nr. 6)",
                       inForce: "1 April 2016 – 2020, 0% risk-free + 3% risk premium, health effects also 3%", checked: true),
        DiscountPreset(name: "nl-2021", terms: [DiscountTerm(fromYear: 0, rate: 0.0225)], healthRate: nil,
                       guideline: "Rapport Werkgroep discontovoet 2020, adopted by the cabinet in November 2020",
                       inForce: "from 1 January 2021, −1% risk-free + 3.25% risk premium, for every kind of cost and benefit", checked: true),
        DiscountPreset(name: "nl-2026", terms: [DiscountTerm(fromYear: 0, rate: 0.028), DiscountTerm(fromYear: 35, rate: 0.018)], healthRate: nil,
                       guideline: "Rapport Werkgroep discontovoet 2025",
                       inForce: "reported from 1 January 2026, 2.8% up to year 35 and 1.8% after (applied from year 35 on, as PBL's models do)", checked: false),
        DiscountPreset(name: "zin-2016", terms: [DiscountTerm(fromYear: 0, rate: 0.04)], healthRate: 0.015,
                       guideline: "Zorginstituut Nederland, Richtlijn voor het uitvoeren van economische evaluaties in de gezondheidszorg (2016)",
                       inForce: "2016 – 2024, costs 4%, health effects 1.5%", checked: false),
        DiscountPreset(name: "zin-2024", terms: [DiscountTerm(fromYear: 0, rate: 0.03)], healthRate: 0.015,
                       guideline: "Zorginstituut Nederland, Richtlijn voor het uitvoeren van economische evaluaties in de gezondheidszorg (2024), §2.6.1.2",
                       inForce: "from 2024, costs 3%, health effects 1.5%", checked: false),
    ]

    /// Other names users reach for: the Werkgroep reports are named after the year before the rate came in.
    static let aliases = ["nl-2015": "nl-2016", "nl-2020": "nl-2021", "nl-2025": "nl-2026"]

    /// The preset with this name, if any.
    public static func named(_ name: String) -> DiscountPreset? {
        let canonical = aliases[name] ?? name
        return all.first { $0.name == canonical }
    }

    /// Whether `text` is meant as a preset name (a word, a dash and a year), known or not.
    static func looksLikePreset(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 2 && parts[0].allSatisfy(\.isLetter) && parts[1].count == 4 && parts[1].allSatisfy(\.isNumber)
    }
}

func percent(_ rate: Double) -> String {
    let p = rate * 100
    // Whole percentages without ".0"; anything a 64-bit integer cannot hold (a rate of 1e300) as %g.
    let text = p == p.rounded() && abs(p) < 1e15 ? String(Int64(p)) : String(format: "%g", p)
    return "\(text)%"
}
