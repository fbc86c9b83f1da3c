extension Scenario {
    /// The discount rate in words, with the guideline it comes from: what a report prints.
    public var discountDescription: String {
        var text: String
        if let preset = discountPreset {
            text = preset.citation
        } else if let terms = discountTerms {
            text = terms.enumerated().map { i, term in
                i + 1 < terms.count ? "\(percent(term.rate)) in years \(term.fromYear)–\(terms[i + 1].fromYear - 1)" : "\(percent(term.rate)) from year \(term.fromYear)"
            }.joined(separator: ", ") + " (a term structure set in the scenario)"
        } else if let rate = discountRate.expression.constantValue {
            text = rate == 0 ? "not discounted (rate 0)" : "\(percent(rate)) (set in the scenario; name a guideline preset such as nl-2021 to cite it)"
        } else {
            text = "uncertain: \(discountRate.text)"
        }
        if let health = healthDiscountRate, discountPreset?.healthRate == nil || health.expression.constantValue != discountPreset?.healthRate {
            text += "; health effects at \(health.expression.constantValue.map(percent) ?? health.text)"
        }
        return text
    }

    /// The price level of the results, e.g. "prices of 2011 (cpi-nl: CBS)", or nil when not given.
    public var priceLevelDescription: String? {
        guard let year = priceYear else { return nil }
        guard let index = priceIndex else { return "prices of \(year)" }
        return "prices of \(year) (other years converted with \(index.name): \(index.source))"
    }
}
