import Yams

extension YAMLReader {
    /// The keys that say where a figure comes from, allowed on inputs and lines.
    static let provenanceKeys = ["source", "note", "evidence", "quote", "page", "price_year", "label"]

    /// Reads `evidence`, `source`, `quote`, `page`, `note` and `price_year` from a mapping's pairs.
    func provenance(_ pairs: [(key: String, keyNode: Node, value: Node)], _ field: String) -> Provenance {
        func text(_ key: String) -> String? { pairs.first { $0.key == key }.flatMap { string($0.value, "\(field).\(key)") } }
        var result = Provenance(source: text("source"), quote: text("quote"), page: text("page"), note: text("note"))
        result.label = text("label")
        if let pair = pairs.first(where: { $0.key == "evidence" }), let word = string(pair.value, "\(field).evidence", what: "an evidence status") {
            if let evidence = Evidence(rawValue: word) {
                result.evidence = evidence
                if evidence == .published, result.source == nil {
                    log.warning(location(pair.value), "\(field).evidence", "a published figure needs its 'source:' (the report, and a quote or page)",
                                hint: "add source: \"Author (year), title\" and quote: or page:")
                }
            } else {
                let all = Evidence.allCases.map(\.rawValue)
                log.error(location(pair.value), "\(field).evidence", "unknown evidence status '\(word)'",
                          hint: "\(Suggest.didYouMean(word, all).map { $0 + " " } ?? "")the statuses are published (a study or report), expert (an expert's estimate) and assumed (the analyst's assumption)")
            }
        }
        if let pair = pairs.first(where: { $0.key == "price_year" }) {
            result.priceYear = integer(pair.value, "\(field).price_year", range: Limits.priceYears, what: "a price year")
        }
        return result
    }
}
