import Yams

/// The format's economics extensions: who bears a line (shares, transfer legs), its timing
/// (profiles, cohorts, persistence), shared factors, discounting by guideline, price years.
extension ScenarioDecoder {
    /// `payer:` or `beneficiary:`: one stakeholder id, or a mapping of ids to shares (one may be
    /// `rest`). Returns the display text and the shares (empty for a single id).
    func allocation(_ node: Node, _ field: String, role: String, line: String, inline: InlineInputs) -> (String?, [StakeholderShare]) {
        guard case .mapping = node else { return (reader.string(node, field, what: "a stakeholder id"), []) }
        guard let pairs = reader.mapping(node, field, expected: "a stakeholder id, or shares such as {households: 0.6, rijk: rest}") else { return (nil, []) }
        var shares: [StakeholderShare] = []
        var rests = 0
        for pair in pairs {
            let at = reader.location(pair.keyNode)
            if case let .scalar(s) = pair.value, s.string == "rest" {
                rests += 1
                if rests > 1 { log.error(reader.location(pair.value), "\(field).\(pair.key)", "only one \(role) can take the rest of '\(line)'",
                                          hint: "give the others their shares as numbers or expressions") }
                shares.append(StakeholderShare(stakeholder: pair.key, share: nil, location: at))
                continue
            }
            guard let share = expression(pair.value, "\(field).\(pair.key)", inlineName: "\(line).\(role).\(pair.key)", inline: inline) else { continue }
            shares.append(StakeholderShare(stakeholder: pair.key, share: share, location: at))
        }
        if shares.isEmpty { log.error(reader.location(node), field, "the shares of '\(line)' name no \(role)",
                                               hint: "write {stakeholder: share, …}, e.g. {households: 0.6, rijk: rest}") }
        // Shares given as numbers must add up to one, unless one takes the rest.
        let constants = shares.compactMap { $0.share?.expression.constantValue }
        if rests == 0, constants.count == shares.count, !shares.isEmpty, abs(constants.reduce(0, +) - 1) > 1e-9 {
            log.error(reader.location(node), field, "the shares of '\(line)' add up to \(format(constants.reduce(0, +))), not 1",
                      hint: "give one \(role) 'rest' to take what the others leave")
        } else if rests == 0, constants.count != shares.count {
            log.error(reader.location(node), field, "the shares of '\(line)' are uncertain, so they cannot be checked to add up to 1",
                      hint: "give one \(role) 'rest' (one minus the others), so that the line is shared out exactly")
        }
        let display = shares.map { $0.share == nil ? "\($0.stakeholder) (rest)" : $0.stakeholder }.joined(separator: ", ")
        return (display, shares)
    }

    static let legKeys = ["name", "from", "to", "amount", "share", "note", "source"]

    /// `transfers:` on a line: money that moves between stakeholders with the effect.
    func transferLegs(_ node: Node, _ field: String, line: String, inline: InlineInputs) -> [TransferLeg] {
        guard let items = reader.sequence(node, field, expected: "a list of transfers (- from: …, to: …, amount: …)") else { return [] }
        var legs: [TransferLeg] = []
        for (i, item) in items.enumerated() {
            let legField = "\(field)[\(i)]"
            guard let pairs = reader.mapping(item, legField, expected: "a transfer (from:, to:, amount: or share:)") else { continue }
            reader.checkKeys(pairs, allowed: Self.legKeys, legField, what: "a transfer")
            func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
            let at = reader.location(item)
            let from = value("from").flatMap { reader.string($0, "\(legField).from", what: "a stakeholder id") }
            let to = value("to").flatMap { reader.string($0, "\(legField).to", what: "a stakeholder id") }
            if value("from") == nil { log.error(at, "\(legField).from", "a transfer of '\(line)' needs 'from:', the stakeholder who pays",
                                                 hint: "e.g. {from: huishouden, to: gemeente, amount: jobs * 15000}") }
            if value("to") == nil { log.error(at, "\(legField).to", "a transfer of '\(line)' needs 'to:', the stakeholder who receives",
                                               hint: "e.g. {from: huishouden, to: gemeente, amount: jobs * 15000}") }
            let name = value("name").flatMap { reader.string($0, "\(legField).name") }
            let label = "\(line).transfers[\(i)]"
            var leg = TransferLeg(name: name, from: from ?? "", to: to ?? "", location: at)
            switch (value("amount"), value("share")) {
            case let (amount?, nil): leg.amount = expression(amount, "\(legField).amount", inlineName: "\(label).amount", inline: inline)
            case let (nil, share?): leg.share = expression(share, "\(legField).share", inlineName: "\(label).share", inline: inline)
            case (.some, .some): log.error(at, legField, "a transfer takes 'amount:' or 'share:', not both",
                                                        hint: "amount: per unit of the line (adjusted like it); share: of the line's value")
            case (nil, nil):
                log.error(at, "\(legField).amount", "a transfer of '\(line)' needs 'amount:' (per unit of the line, adjusted like it) or 'share:' (of the line's value)",
                          hint: "e.g. amount: jobs * 15000, or share: 0.4")
            }
            guard from != nil, to != nil, leg.amount != nil || leg.share != nil else { continue }
            if from == to { log.error(at, legField, "the transfer goes from '\(from!)' to itself",
                                                hint: "a transfer moves money between two different stakeholders") }
            legs.append(leg)
        }
        return legs
    }

    /// A list of expressions, one per year (`profile:`, `survival:`).
    func yearList(_ node: Node, _ field: String, inlineName: String, inline: InlineInputs) -> [LocatedExpression]? {
        guard let items = reader.sequence(node, field, expected: "a list with one value per year, e.g. [0.5, 1, 1]") else { return nil }
        guard Limits.profileYears.contains(items.count) else {
            log.error(reader.location(node), field, "expected one value per year \(Limits.describe(Limits.profileYears)), found \(items.count)",
                      hint: "one entry per year of the line, e.g. [0.5, 1, 1]")
            return nil
        }
        var result: [LocatedExpression] = []
        for (t, item) in items.enumerated() {
            guard let e = expression(item, "\(field)[\(t)]", inlineName: "\(inlineName)[\(t)]", inline: inline) else { return nil }
            result.append(e)
        }
        return result
    }

    /// `profile:`, `cohort:` and `health:` of a line.
    func timing(_ value: (String) -> Node?, _ field: String, line: String, inline: InlineInputs) -> LineTiming {
        var timing = LineTiming()
        if let v = value("profile") { timing.profile = yearList(v, "\(field).profile", inlineName: "\(line).profile", inline: inline) }
        if let v = value("cohort") { timing.cohort = reader.string(v, "\(field).cohort", what: "the name of a cohort set") }
        if let v = value("health") { timing.health = bool(v, "\(field).health") ?? false }
        return timing
    }

    func bool(_ node: Node, _ field: String) -> Bool? {
        if case let .scalar(s) = node {
            switch s.string.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: break
            }
        }
        log.error(reader.location(node), field, "expected true or false, found \(reader.describe(node))", hint: "write true or false")
        return nil
    }

    /// `factor:` on a line: a shared factor's name, or a list of them.
    func factorNames(_ node: Node, _ field: String) -> [String] {
        if case .sequence = node {
            return (reader.sequence(node, field) ?? []).compactMap { reader.string($0, field, what: "the name of a factor") }
        }
        return reader.string(node, field, what: "the name of a factor").map { [$0] } ?? []
    }

    static let cohortKeys = ["intake", "years", "start", "note", "source"]

    /// `cohorts:`: named programmes that enrol participants every year.
    func cohorts(_ node: Node, inline: InlineInputs) -> [CohortSet] {
        guard let pairs = reader.mapping(node, "cohorts", expected: "a mapping of cohort-set names to {intake:, years:, start:}") else { return [] }
        var result: [CohortSet] = []
        for pair in pairs {
            let field = "cohorts.\(pair.key)"
            guard checkName(pair.key, pair.keyNode, field, kind: "cohort set") else { continue }
            guard let body = reader.mapping(pair.value, field, expected: "a cohort set (intake:, years:, start:)") else { continue }
            reader.checkKeys(body, allowed: Self.cohortKeys, field, what: "a cohort set")
            func value(_ key: String) -> Node? { body.first { $0.key == key }?.value }
            let at = reader.location(pair.keyNode)
            guard let yearsNode = value("years") else {
                log.error(at, "\(field).years", "cohort set '\(pair.key)' needs 'years:', the number of yearly intakes",
                          hint: "e.g. \(pair.key): {intake: 100, years: 4, start: 0}")
                continue
            }
            guard let years = reader.integer(yearsNode, "\(field).years", range: Limits.cohorts, what: "a number of cohorts") else { continue }
            let start = value("start").flatMap { reader.integer($0, "\(field).start", range: Limits.startYear, what: "a start year") } ?? 0
            guard let intakeNode = value("intake") else {
                log.error(at, "\(field).intake", "cohort set '\(pair.key)' needs 'intake:', the participants enrolled each year (one value, or one per cohort)",
                          hint: "e.g. \(pair.key): {intake: 100, years: 4, start: 0}")
                continue
            }
            var intake: [LocatedExpression]
            if case .sequence = intakeNode {
                guard let list = yearList(intakeNode, "\(field).intake", inlineName: "\(pair.key).intake", inline: inline) else { continue }
                guard list.count == years else {
                    log.error(reader.location(intakeNode), "\(field).intake", "cohort set '\(pair.key)' has \(years) cohorts but \(list.count) intakes",
                              hint: "give one intake per cohort, or one value for all")
                    continue
                }
                intake = list
            } else {
                guard let one = expression(intakeNode, "\(field).intake", inlineName: "\(pair.key).intake", inline: inline) else { continue }
                intake = [one]
            }
            result.append(CohortSet(name: pair.key, intake: intake, years: years, start: start, location: at))
        }
        return result
    }

    /// `discount_rate:` a number, an expression, an inline distribution, a preset name
    /// (`nl-2021`), `{preset: nl-2021}`, or a term structure `{terms: [{from: 0, rate: 0.028}, …]}`.
    func discountRate(_ node: Node, into scenario: inout Scenario, inline: InlineInputs) {
        let at = reader.location(node)
        if case let .scalar(s) = node, DiscountPreset.looksLikePreset(s.string) {
            if let preset = preset(named: s.string, at: node, "discount_rate") { scenario.apply(preset, at: at) }
            return
        }
        if case let .mapping(m) = node, m.keys.contains(where: { $0.string == "preset" || $0.string == "terms" }) {
            guard let pairs = reader.mapping(node, "discount_rate") else { return }
            reader.checkKeys(pairs, allowed: ["preset", "terms", "source", "note"], "discount_rate", what: "a discount rate")
            if let v = pairs.first(where: { $0.key == "preset" })?.value {
                if let name = reader.string(v, "discount_rate.preset", what: "a preset name"), let preset = preset(named: name, at: v, "discount_rate.preset") {
                    scenario.apply(preset, at: at)
                }
            } else if let v = pairs.first(where: { $0.key == "terms" })?.value, let terms = discountTerms(v) {
                scenario.discountTerms = terms.count > 1 ? terms : nil
                scenario.discountRate = .constant(terms[0].rate, at: at)
            }
            return
        }
        scenario.discountRate = expression(node, "discount_rate", inlineName: "discount_rate", inline: inline) ?? scenario.discountRate
    }

    func preset(named name: String, at node: Node, _ field: String) -> DiscountPreset? {
        if let preset = DiscountPreset.named(name) { return preset }
        let names = DiscountPreset.all.map(\.name)
        log.error(reader.location(node), field, "unknown discount-rate preset '\(name)'",
                  hint: "\(Suggest.didYouMean(name, names).map { $0 + " " } ?? "")the presets are \(names.joined(separator: ", "))")
        return nil
    }

    /// A term structure: rates from given years on, the first from year 0, years increasing.
    private func discountTerms(_ node: Node) -> [DiscountTerm]? {
        let field = "discount_rate.terms"
        guard let items = reader.sequence(node, field, expected: "a list of {from: year, rate: r}") else { return nil }
        var terms: [DiscountTerm] = []
        for (i, item) in items.enumerated() {
            guard let pairs = reader.mapping(item, "\(field)[\(i)]", expected: "{from: year, rate: r}") else { return nil }
            reader.checkKeys(pairs, allowed: ["from", "rate"], "\(field)[\(i)]", what: "a term")
            guard let fromNode = pairs.first(where: { $0.key == "from" })?.value, let rateNode = pairs.first(where: { $0.key == "rate" })?.value else {
                log.error(reader.location(item), "\(field)[\(i)]", "a term needs 'from:' (the first year it applies to) and 'rate:'",
                          hint: "e.g. terms: [{from: 0, rate: 0.028}, {from: 35, rate: 0.018}]")
                return nil
            }
            guard let from = reader.integer(fromNode, "\(field)[\(i)].from", range: Limits.startYear, what: "a year"),
                  let rate = reader.number(rateNode, "\(field)[\(i)].rate", what: "a rate") else { return nil }
            guard rate > -1 else {
                log.error(reader.location(rateNode), "\(field)[\(i)].rate", "a discount rate must be greater than -1, found \(format(rate))",
                          hint: "rates are fractions: 0.0225 for 2.25%")
                return nil
            }
            if i == 0, from != 0 { log.error(reader.location(fromNode), "\(field)[0].from", "the first term must start in year 0, found \(from)",
                                                 hint: "the first rate applies from year 0; later ones from the year they take over"); return nil }
            if let last = terms.last, from <= last.fromYear {
                log.error(reader.location(fromNode), "\(field)[\(i)].from", "terms must start in increasing years; \(from) follows \(last.fromYear)",
                          hint: "list the terms in the order of their first years")
                return nil
            }
            terms.append(DiscountTerm(fromYear: from, rate: rate))
        }
        if terms.isEmpty { log.error(reader.location(node), field, "the term structure lists no terms",
                                                   hint: "e.g. terms: [{from: 0, rate: 0.028}, {from: 35, rate: 0.018}]") }
        return terms.isEmpty ? nil : terms
    }

    /// `price_index:` the bundled series' name, or a mapping of years to index values.
    func priceIndex(_ node: Node) -> PriceIndex? {
        if case .scalar = node {
            guard let name = reader.string(node, "price_index", what: "a price index") else { return nil }
            if let index = PriceIndex.bundled(name) { return index }
            log.error(reader.location(node), "price_index", "unknown price index '\(name)'",
                      hint: "the bundled series is \(PriceIndex.bundledNames.joined(separator: ", ")); or give one as a mapping of years to index values, e.g. {2015: 100, 2020: 108.2}")
            return nil
        }
        guard let pairs = reader.mapping(node, "price_index", expected: "a series name or a mapping of years to index values") else { return nil }
        var values: [Int: Double] = [:]
        for pair in pairs {
            let field = "price_index.\(pair.key)"
            guard let year = reader.integer(pair.keyNode, field, range: Limits.priceYears, what: "a year"),
                  let value = reader.number(pair.value, field, what: "an index value") else { continue }
            guard value > 0 else { log.error(reader.location(pair.value), field, "an index value must be positive, found \(format(value))",
                                                      hint: "index values are levels such as 100 for the base year"); continue }
            values[year] = value
        }
        return values.isEmpty ? nil : PriceIndex(name: "scenario", source: "given in the scenario", values: values)
    }
}
