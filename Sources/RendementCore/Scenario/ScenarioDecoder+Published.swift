import Yams

extension ScenarioDecoder {
    static let publishedKeys = ["figure", "value", "of", "claimed_for", "variant", "claim", "match", "tolerance", "reproduced", "quote", "source", "page", "note"]

    /// `published:` a list of figures, or `none` when the source published no estimate.
    func published(_ node: Node) -> PublishedSection {
        let at = reader.location(node)
        var section = PublishedSection(location: at)
        if case let .scalar(s) = node, s.string == "none" {
            section.none = true
            return section
        }
        guard let items = reader.sequence(node, "published", expected: "a list of published figures (- figure: …, value: …, of: …), or 'none'") else { return section }
        for (i, item) in items.enumerated() {
            let field = "published[\(i)]"
            guard let pairs = reader.mapping(item, field, expected: "a published figure (figure:, value:, of:, quote:, source:)") else { continue }
            reader.checkKeys(pairs, allowed: Self.publishedKeys, field, what: "a published figure")
            func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
            func text(_ key: String) -> String? { value(key).flatMap { reader.string($0, "\(field).\(key)") } }
            let here = reader.location(item)
            guard let valueNode = value("value") else {
                log.error(here, "\(field).value", "a published figure needs 'value:', the number as published",
                          hint: "e.g. {figure: Net benefit, value: 1800000, of: npv, quote: \"…\"}")
                continue
            }
            guard let number = reader.number(valueNode, "\(field).value"), let ofNode = value("of") else {
                if value("of") == nil {
                    log.error(here, "\(field).of", "a published figure needs 'of:', what the model computes that it is a figure of",
                              hint: "npv, bcr, roi, pv_benefits, pv_costs, stakeholder:ID, line:NAME, input:NAME, cases_positive, {lines: […]} or {kinds: […]}")
                }
                continue
            }
            guard let quantity = publishedQuantity(ofNode, "\(field).of") else { continue }
            var figure = PublishedFigure(label: text("figure") ?? "published figure \(i + 1)", value: number, quantity: quantity,
                                         tolerance: max(abs(number) * 0.005, 1e-9), location: here)
            if let v = value("tolerance") {
                if let t = reader.number(v, "\(field).tolerance"), t >= 0 { figure.tolerance = t }
                else { log.error(reader.location(v), "\(field).tolerance", "a tolerance is a non-negative number: how far the published rounding lets the model be", hint: "e.g. 50000 for \"1,8 miljoen\"") }
            }
            if let v = value("claim"), let word = reader.string(v, "\(field).claim") {
                if let claim = PublishedFigure.Claim(rawValue: word) { figure.claim = claim }
                else {
                    log.error(reader.location(v), "\(field).claim", "unknown claim '\(word)'",
                              hint: "at-least (a return or saving), at-most (a cost) or about (a count or price, within its tolerance)")
                }
            }
            if let v = value("match"), let word = reader.string(v, "\(field).match") {
                switch word {
                case "point": figure.isBound = false
                case "bound":
                    figure.isBound = true
                    if figure.claim == .about {
                        log.error(reader.location(v), "\(field).match", "a bound needs a direction: claim at-least or at-most", hint: "e.g. {value: 0, of: npv, claim: at-least, match: bound} for \"positive\"")
                    }
                default:
                    log.error(reader.location(v), "\(field).match", "unknown match '\(word)'", hint: "point (the model must be near the figure) or bound (the base case must satisfy the claim)")
                }
            }
            if let v = value("reproduced") { figure.reproduced = bool(v, "\(field).reproduced") ?? true }
            if !figure.reproduced, value("note") == nil {
                log.warning(here, "\(field).reproduced", "say in 'note:' why the model does not reproduce this figure",
                            hint: "e.g. note: \"the article counts the benefit payments as a gain; the model counts them as a transfer\"")
            }
            figure.claimedFor = text("claimed_for")
            figure.variant = text("variant")
            figure.quote = text("quote")
            figure.source = text("source")
            figure.page = text("page")
            figure.note = text("note")
            section.figures.append(figure)
        }
        return section
    }

    private func publishedQuantity(_ node: Node, _ field: String) -> PublishedFigure.Quantity? {
        let hint = "npv, bcr, roi, pv_benefits, pv_costs, stakeholder:ID, line:NAME, input:NAME, cases_positive, {lines: […]} or {kinds: […]}"
        if case .mapping = node, let pairs = reader.mapping(node, field) {
            reader.checkKeys(pairs, allowed: ["lines", "kinds"], field, what: "a sum of lines")
            if let v = pairs.first(where: { $0.key == "lines" })?.value {
                let names = (reader.sequence(v, "\(field).lines", expected: "a list of line names") ?? []).compactMap { reader.string($0, "\(field).lines") }
                return names.isEmpty ? nil : .lines(names)
            }
            if let v = pairs.first(where: { $0.key == "kinds" })?.value {
                var kinds: [BenefitKind] = []
                for item in reader.sequence(v, "\(field).kinds", expected: "a list of kinds") ?? [] {
                    guard let word = reader.string(item, "\(field).kinds") else { continue }
                    if let kind = BenefitKind(rawValue: word) { kinds.append(kind) }
                    else { log.error(reader.location(item), "\(field).kinds", "unknown kind '\(word)'", hint: "the kinds are \(BenefitKind.allCases.map(\.rawValue).joined(separator: ", "))") }
                }
                return kinds.isEmpty ? nil : .kinds(kinds)
            }
            log.error(reader.location(node), field, "expected {lines: […]} or {kinds: […]}", hint: hint)
            return nil
        }
        guard let word = reader.string(node, field, what: "what the figure is of") else { return nil }
        switch word {
        case "npv": return .npv
        case "bcr": return .bcr
        case "roi": return .roi
        case "pv_benefits": return .pvBenefits
        case "pv_costs": return .pvCosts
        case "cases_positive": return .casesPositive
        default: break
        }
        for (prefix, make) in [("stakeholder:", { PublishedFigure.Quantity.stakeholder($0) }), ("line:", { .lines([$0]) }), ("input:", { .input($0) })] as [(String, (String) -> PublishedFigure.Quantity)]
        where word.hasPrefix(prefix) && word.count > prefix.count {
            return make(String(word.dropFirst(prefix.count)))
        }
        log.error(reader.location(node), field, "cannot read '\(word)' as what a published figure is of", hint: hint)
        return nil
    }

    /// Published figures name stakeholders, lines, inputs and variants that exist.
    func checkPublished(_ scenario: Scenario) {
        guard let section = scenario.published else { return }
        let ids = scenario.stakeholders.map(\.id)
        let lines = scenario.costs.map(\.name) + scenario.benefits.map(\.name)
        for (i, f) in section.figures.enumerated() {
            let field = "published[\(i)]"
            func unknown(_ what: String, _ name: String, _ candidates: [String], _ key: String) {
                log.error(f.location, "\(field).\(key)", "unknown \(what) '\(name)'",
                          hint: Suggest.didYouMean(name, candidates) ?? (candidates.isEmpty ? "the scenario has none" : "the \(what)s are \(candidates.joined(separator: ", "))"))
            }
            switch f.quantity {
            case let .stakeholder(id) where !ids.contains(id): unknown("stakeholder", id, ids, "of")
            case let .lines(names): for name in names where !lines.contains(name) { unknown("line", name, lines, "of") }
            case let .input(name) where scenario.input(named: name) == nil && !scenario.derived.contains(where: { $0.name == name }):
                unknown("input or derived value", name, scenario.inputs.map(\.name) + scenario.derived.map(\.name), "of")
            case .casesPositive where scenario.cases == nil:
                log.error(f.location, "\(field).of", "cases_positive counts cases, but the scenario has no 'cases:'", hint: "use it in a case-based scenario")
            default: break
            }
            if let id = f.claimedFor, id != "society", !ids.contains(id) { unknown("stakeholder", id, ids + ["society"], "claimed_for") }
            if let name = f.variant, scenario.variant(named: name) == nil { unknown("variant", name, scenario.variants.map(\.name), "variant") }
        }
    }
}
