import Foundation
import Yams

/// Reads a scenario file (format version 1) into a `Scenario`, reporting every problem at once.
public enum ScenarioLoader {
    /// Reads and decodes the file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read as UTF-8 text" : "does not exist"
            throw ScenarioError([Diagnostic(.error, at: SourceLocation(file: path, line: 0, column: 0), field: "",
                                            "the scenario file \(reason)")])
        }
        return try decode(yaml: text, file: path)
    }

    /// Decodes scenario text; `file` names it in messages.
    public static func decode(yaml text: String, file: String) throws(ScenarioError) -> Scenario {
        let log = DiagnosticLog(file: file)
        if let limit = YAMLLimits.check(text, file: file) { throw ScenarioError([limit]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ScenarioError([yamlDiagnostic(error, file: file)])
        } catch {
            throw ScenarioError([Diagnostic(.error, at: SourceLocation(file: file, line: 0, column: 0), field: "", "\(error)")])
        }
        guard let root, !YAMLReader(log: log).isNull(root) else {
            throw ScenarioError([Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), field: "",
                                            "the file is empty; a scenario needs at least 'scenario:', 'costs:' or 'benefits:'")])
        }
        let decoder = ScenarioDecoder(reader: YAMLReader(log: log))
        let scenario = decoder.decode(root)
        guard let scenario, !log.hasErrors else { throw ScenarioError(log.sorted) }
        var result = scenario
        result.warnings = log.sorted
        return result
    }

    /// Decodes as far as possible: the scenario (nil when the file is not a readable YAML
    /// mapping) and every diagnostic, so that the compiler can add its own problems to the
    /// decoder's in one report.
    static func decodeCollecting(yaml text: String, file: String) -> (Scenario?, [Diagnostic]) {
        do {
            return (try decode(yaml: text, file: file), [])
        } catch {
            // A document over the limits is never composed (see YAMLLimits).
            if error.diagnostics.count == 1, YAMLLimits.check(text, file: file) != nil { return (nil, error.diagnostics) }
            let log = DiagnosticLog(file: file)
            guard let root = try? Yams.compose(yaml: text), !YAMLReader(log: log).isNull(root) else { return (nil, error.diagnostics) }
            let scenario = ScenarioDecoder(reader: YAMLReader(log: log)).decode(root)
            return (scenario, log.sorted)
        }
    }

    static func yamlDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let extra = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return Diagnostic(.error, at: at(mark), field: "", "this is not valid YAML: \(problem)\(extra)",
                              hint: "check the indentation and that every ':' in a value is quoted")
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(.error, at: at(context.mark), field: duplicates.joined(separator: ", "),
                              "a key appears twice in the same mapping: \(duplicates.map { "'\($0)'" }.joined(separator: ", "))",
                              hint: "each field may be given once; remove or rename the duplicate")
        default:
            return Diagnostic(.error, at: SourceLocation(file: file, line: 0, column: 0), field: "", "this is not valid YAML: \(error)")
        }
    }
}

/// Walks the YAML tree of a scenario and builds the `Scenario`, logging problems as it goes.
struct ScenarioDecoder {
    let reader: YAMLReader
    var log: DiagnosticLog { reader.log }
    /// Declared names whose definitions failed (see `Scenario.unresolvedNames`).
    final class Unresolved { var names = Set<String>() }
    let unresolved = Unresolved()

    static let topLevelKeys = ["version", "scenario", "description", "source", "currency", "language", "horizon", "discount_rate",
                               "samples", "seed", "stakeholders", "inputs", "correlations", "derived", "costs",
                               "benefits", "unpriced", "variants", "prices", "cases",
                               "factors", "cohorts", "health_discount_rate", "price_year", "price_index", "published"]
    static let costKeys = ["name", "payer", "amount", "years", "start", "profile", "cohort", "factor"] + YAMLReader.provenanceKeys
    static let benefitKeys = ["name", "beneficiary", "from", "kind", "amount", "attribution", "deadweight", "displacement",
                              "duration", "drop_off", "relapse", "survival", "start", "profile", "cohort", "health", "factor",
                              "recovery", "transfers"] + YAMLReader.provenanceKeys

    /// Collects inline distributions found in expression fields; they become inputs, named after
    /// their field and made unique against the declared inputs and earlier inline ones.
    final class InlineInputs {
        var definitions: [InputDefinition] = []
        var taken = Set<String>()

        func add(_ definition: InputDefinition) -> String {
            var name = definition.name, n = 2
            while taken.contains(name) { name = "\(definition.name) #\(n)"; n += 1 }
            taken.insert(name)
            var named = definition
            named.name = name
            definitions.append(named)
            return name
        }
    }

    func decode(_ root: Node) -> Scenario? {
        guard let pairs = reader.mapping(root, "", expected: "a scenario mapping (scenario:, inputs:, costs:, benefits:, …)") else { return nil }
        reader.checkKeys(pairs, allowed: Self.topLevelKeys, "", what: "a scenario")
        func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
        let top = reader.location(root)
        let inline = InlineInputs()

        if let v = value("version"), let version = reader.integer(v, "version", range: 1...Int.max, what: "a format version"), version != 1 {
            log.error(reader.location(v), "version", "this engine reads scenario format version 1, found version \(version)")
        }
        var title = "Untitled scenario"
        if let v = value("scenario") { title = reader.string(v, "scenario", what: "a title") ?? title }
        else { log.error(top, "scenario", "the scenario needs a title: add 'scenario: <title>' at the top") }

        var scenario = Scenario(file: log.file, title: title, discountRate: .constant(0, at: top))
        scenario.description = value("description").flatMap { reader.string($0, "description") }
        scenario.source = value("source").flatMap { reader.string($0, "source") }
        if let v = value("currency") { scenario.currency = reader.string(v, "currency", what: "a currency code such as EUR") ?? "EUR" }
        if let v = value("language"), let word = reader.string(v, "language", what: "a report language (nl or en)") {
            if ["nl", "en"].contains(word) { scenario.language = word }
            else { log.error(reader.location(v), "language", "unknown report language '\(word.prefix(20))'", hint: "the languages are nl (Dutch) and en (English)") }
        }
        if let v = value("horizon") { scenario.horizon = reader.integer(v, "horizon", range: Limits.years, what: "a number of years") ?? 1 }
        if let v = value("samples") { scenario.samples = reader.integer(v, "samples", range: Limits.samples, what: "a positive sample count") }
        if let v = value("seed") { scenario.seed = seed(v) }

        if let v = value("stakeholders") { scenario.stakeholders = stakeholders(v) }
        if let v = value("inputs") { scenario.inputs = inputs(v) }
        if let v = value("prices") {
            for var price in inputs(v, section: "prices") {
                if scenario.input(named: price.name) != nil {
                    log.error(price.location, "prices.\(price.name)", "'\(price.name)' is both a price and an input; rename one")
                    continue
                }
                price.isPrice = true
                scenario.inputs.append(price)
            }
        }
        if let v = value("factors") {
            for var factor in inputs(v, section: "factors") {
                if scenario.input(named: factor.name) != nil {
                    log.error(factor.location, "factors.\(factor.name)", "'\(factor.name)' is both a factor and an input or price; rename one")
                    continue
                }
                factor.isFactor = true
                scenario.inputs.append(factor)
            }
        }
        inline.taken = Set(scenario.inputs.map(\.name))
        if let v = value("discount_rate") { discountRate(v, into: &scenario, inline: inline) }
        if let v = value("derived") { scenario.derived = derived(v) }
        if let v = value("costs") { scenario.costs = costs(v, inline: inline) }
        if let v = value("benefits") { scenario.benefits = benefits(v, inline: inline) }
        if let v = value("unpriced") { (scenario.unpriced, scenario.unpricedSigns) = unpriced(v) }
        if let v = value("correlations") { scenario.correlations = correlations(v) }
        if let v = value("variants") { scenario.variants = variants(v, inline: inline) }
        if let v = value("cases") { scenario.cases = cases(v, inline: inline) }
        if let v = value("cohorts") { scenario.cohorts = cohorts(v, inline: inline) }
        if let v = value("health_discount_rate") {
            scenario.healthDiscountRate = expression(v, "health_discount_rate", inlineName: "health_discount_rate", inline: inline)
        }
        if let v = value("price_year") { scenario.priceYear = reader.integer(v, "price_year", range: Limits.priceYears, what: "a price year") }
        if let v = value("price_index") { scenario.priceIndex = priceIndex(v) }
        if let v = value("published") { scenario.published = published(v) }
        if value("costs") == nil, value("benefits") == nil, value("cases") == nil {
            log.error(top, "costs", "the scenario has neither costs nor benefits; add a 'costs:' and a 'benefits:' list")
        }

        scenario.inputs += inline.definitions
        checkReferences(scenario)
        checkPublished(scenario)
        scenario.unresolvedNames = unresolved.names
        return scenario
    }

    private func seed(_ node: Node) -> UInt64? {
        if case let .scalar(s) = node, let v = UInt64(s.string.replacingOccurrences(of: "_", with: "")) { return v }
        log.error(reader.location(node), "seed", "expected a whole number from 0 to 18446744073709551615, found \(reader.describe(node))")
        return nil
    }

    private func stakeholders(_ node: Node) -> [Stakeholder] {
        guard let items = reader.sequence(node, "stakeholders", expected: "a list of stakeholders (- id: …)") else { return [] }
        var result: [Stakeholder] = []
        for (i, item) in items.enumerated() {
            let field = "stakeholders[\(i)]"
            var id: String?, label: String?
            if case .scalar = item {
                id = reader.string(item, field, what: "a stakeholder id")
            } else if let pairs = reader.mapping(item, field, expected: "a stakeholder (id: …, label: …)") {
                reader.checkKeys(pairs, allowed: ["id", "label", "description"], field, what: "a stakeholder")
                if let v = pairs.first(where: { $0.key == "id" })?.value { id = reader.string(v, "\(field).id", what: "a stakeholder id") }
                else { log.error(reader.location(item), field, "a stakeholder needs an 'id'") }
                label = pairs.first { $0.key == "label" }.flatMap { reader.string($0.value, "\(field).label") }
            }
            guard let id else { continue }
            if result.contains(where: { $0.id == id }) {
                log.error(reader.location(item), "\(field).id", "stakeholder '\(id)' is listed twice")
                continue
            }
            result.append(Stakeholder(id: id, label: label ?? id, location: reader.location(item)))
        }
        return result
    }

    func inputs(_ node: Node, section: String = "inputs") -> [InputDefinition] {
        guard let pairs = reader.mapping(node, section, expected: "a mapping of names to numbers or distributions") else { return [] }
        var result: [InputDefinition] = []
        for pair in pairs {
            let field = "\(section).\(pair.key)"
            guard checkName(pair.key, pair.keyNode, field, kind: "input") else { continue }
            if let definition = input(named: pair.key, pair.value, field, inline: false) { result.append(definition) }
            else { unresolved.names.insert(pair.key) }
        }
        return result
    }

    /// An input given as a number or as a distribution mapping.
    func input(named name: String, _ node: Node, _ field: String, inline: Bool) -> InputDefinition? {
        let location = reader.location(node)
        if case let .scalar(s) = node {
            if let value = YAMLReader.parseNumber(s.string), let fixed = FixedDistribution(value: value) {
                return InputDefinition(name: name, distribution: fixed, base: value, isFixed: true,
                                       isInline: inline, location: location)
            }
            log.error(location, field, "expected a number or a distribution such as {dist: pert, min: …, mode: …, max: …}, found \(reader.describe(node))",
                      hint: "an input that is computed from other inputs belongs under 'derived:'")
            return nil
        }
        guard let decoded = DistributionDecoder(reader: reader).decode(node, field) else { return nil }
        return InputDefinition(name: name, distribution: decoded.distribution, base: decoded.base, isFixed: decoded.isFixed,
                               isInline: inline, source: decoded.source, note: decoded.note, location: location,
                               provenance: decoded.provenance, fit: decoded.fit, experts: decoded.experts)
    }

    func checkName(_ name: String, _ node: Node, _ field: String, kind: String) -> Bool {
        let valid = name.first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        guard valid else {
            log.error(reader.location(node), field, "'\(name)' is not a valid \(kind) name",
                      hint: "names start with a letter or '_' and contain only letters, digits and '_' (e.g. p_eviction_avoided)")
            return false
        }
        if Function(rawValue: name) != nil {
            log.error(reader.location(node), field, "'\(name)' is the name of a function; choose another \(kind) name")
            return false
        }
        return true
    }

    /// An expression field: a number, an expression text, or an inline distribution.
    func expression(_ node: Node, _ field: String, inlineName: String, inline: InlineInputs) -> LocatedExpression? {
        let location = reader.location(node)
        switch node {
        case let .scalar(s):
            if reader.isNull(node) {
                log.error(location, field, "expected a number, an expression or a distribution, found nothing")
                return nil
            }
            if let value = YAMLReader.parseNumber(s.string) { return .constant(value, at: location) }
            do {
                let parsed = try ExpressionParser.parse(s.string)
                return LocatedExpression(expression: parsed, text: s.string, location: location)
            } catch {
                let quote = s.style == .singleQuoted || s.style == .doubleQuoted ? 1 : 0
                let single = !s.string.contains("\n") && (s.style == .plain || quote == 1)
                let at = single ? location.advanced(by: quote + error.offset) : location
                log.error(at, field, "cannot read the expression '\(s.string)': \(error.message)")
                return nil
            }
        case .mapping:
            guard let definition = input(named: inlineName, node, field, inline: true) else { return nil }
            let name = inline.add(definition)
            return LocatedExpression(expression: .name(name, offset: 0), text: name, location: location)
        default:
            log.error(location, field, "expected a number, an expression or a distribution, found \(reader.describe(node))")
            return nil
        }
    }

    private func derived(_ node: Node) -> [DerivedDefinition] {
        guard let pairs = reader.mapping(node, "derived", expected: "a mapping of names to expressions") else { return [] }
        var result: [DerivedDefinition] = []
        for pair in pairs {
            let field = "derived.\(pair.key)"
            guard checkName(pair.key, pair.keyNode, field, kind: "derived value") else { continue }
            if case .mapping = pair.value {
                log.error(reader.location(pair.value), field, "a derived value is an expression of inputs; distributions belong under 'inputs:'")
                continue
            }
            guard let e = expression(pair.value, field, inlineName: pair.key, inline: InlineInputs()) else { unresolved.names.insert(pair.key); continue }
            result.append(DerivedDefinition(name: pair.key, value: e, location: reader.location(pair.keyNode)))
        }
        return result
    }

    private func lineName(_ pairs: [(key: String, keyNode: Node, value: Node)], _ item: Node, _ field: String, what: String) -> String? {
        guard let v = pairs.first(where: { $0.key == "name" })?.value else {
            log.error(reader.location(item), field, "every \(what) needs a 'name' (it is shown on the kassabon)")
            return nil
        }
        return reader.string(v, "\(field).name", what: "a name")
    }

    private func costs(_ node: Node, inline: InlineInputs) -> [CostLine] {
        guard let items = reader.sequence(node, "costs", expected: "a list of cost lines (- name: …, amount: …)") else { return [] }
        var result: [CostLine] = []
        for (i, item) in items.enumerated() {
            let field = "costs[\(i)]"
            guard let pairs = reader.mapping(item, field, expected: "a cost line (name:, payer:, amount:, …)") else { continue }
            reader.checkKeys(pairs, allowed: Self.costKeys, field, what: "a cost line")
            func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
            let name = lineName(pairs, item, field, what: "cost line") ?? "cost \(i + 1)"
            guard let amountNode = value("amount") else {
                log.error(reader.location(item), "\(field).amount", "cost '\(name)' needs an 'amount' (an expression: the amount per year)")
                continue
            }
            guard let amount = expression(amountNode, "\(field).amount", inlineName: "\(name).amount", inline: inline) else { continue }
            var line = CostLine(name: name, amount: amount, location: reader.location(item))
            if let v = value("payer") { (line.payer, line.payers) = allocation(v, "\(field).payer", role: "payer", line: name, inline: inline) }
            if let v = value("years") { line.years = reader.integer(v, "\(field).years", range: Limits.years, what: "a number of years") ?? 1 }
            if let v = value("start") { line.start = reader.integer(v, "\(field).start", range: Limits.startYear, what: "a start year") ?? 0 }
            line.timing = timing(value, field, line: name, inline: inline)
            if let profile = line.timing.profile {
                if value("years") == nil { line.years = profile.count }
                else if line.years != profile.count {
                    log.error(reader.location(value("profile")), "\(field).profile", "cost '\(name)' runs \(line.years) years but its profile has \(profile.count) values",
                              hint: "give one factor per year, or leave 'years:' out")
                }
            }
            if line.timing.health { log.error(reader.location(value("health")), "\(field).health", "'health:' marks health effects (benefits), not costs",
                                                hint: "remove it; costs are discounted at the scenario's rate") }
            if let v = value("factor") { line.factors = factorNames(v, "\(field).factor") }
            line.provenance = reader.provenance(pairs, field)
            result.append(line)
        }
        return result
    }

    private func benefits(_ node: Node, inline: InlineInputs) -> [BenefitLine] {
        guard let items = reader.sequence(node, "benefits", expected: "a list of benefit lines (- name: …, amount: …)") else { return [] }
        var result: [BenefitLine] = []
        for (i, item) in items.enumerated() {
            let field = "benefits[\(i)]"
            guard let pairs = reader.mapping(item, field, expected: "a benefit line (name:, beneficiary:, amount:, …)") else { continue }
            reader.checkKeys(pairs, allowed: Self.benefitKeys, field, what: "a benefit line")
            func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
            let name = lineName(pairs, item, field, what: "benefit line") ?? "benefit \(i + 1)"
            let at = reader.location(item)
            func share(_ key: String, default fallback: Double) -> LocatedExpression? {
                guard let v = value(key) else { return .constant(fallback, at: at) }
                return expression(v, "\(field).\(key)", inlineName: "\(name).\(key)", inline: inline)
            }
            guard let amountNode = value("amount") else {
                log.error(at, "\(field).amount", "benefit '\(name)' needs an 'amount' (an expression: its gross value in its first year)")
                continue
            }
            let amount = expression(amountNode, "\(field).amount", inlineName: "\(name).amount", inline: inline)
            let attribution = share("attribution", default: 1)
            let deadweight = share("deadweight", default: 0)
            let displacement = share("displacement", default: 0)
            let dropOff = share("drop_off", default: 0)
            guard let amount, let attribution, let deadweight, let displacement, let dropOff else { continue }
            var line = BenefitLine(name: name,
                                   from: value("from").flatMap { reader.string($0, "\(field).from", what: "a stakeholder id") },
                                   amount: amount, attribution: attribution, deadweight: deadweight,
                                   displacement: displacement, dropOff: dropOff, location: at)
            if let v = value("beneficiary") { (line.beneficiary, line.beneficiaries) = allocation(v, "\(field).beneficiary", role: "beneficiary", line: name, inline: inline) }
            line.timing = timing(value, field, line: name, inline: inline)
            if let v = value("factor") { line.factors = factorNames(v, "\(field).factor") }
            if let v = value("relapse") { line.relapse = expression(v, "\(field).relapse", inlineName: "\(name).relapse", inline: inline) }
            if let v = value("survival") { line.survival = yearList(v, "\(field).survival", inlineName: "\(name).survival", inline: inline) }
            if let v = value("recovery") { line.recovery = expression(v, "\(field).recovery", inlineName: "\(name).recovery", inline: inline) }
            if let v = value("transfers") { line.transfers = transferLegs(v, "\(field).transfers", line: name, inline: inline) }
            line.provenance = reader.provenance(pairs, field)
            let persistence = ["drop_off", "relapse", "survival"].filter { value($0) != nil }
            if persistence.count > 1 {
                log.error(at, "\(field).\(persistence[1])", "benefit '\(name)' gives both '\(persistence[0])' and '\(persistence[1])'; persistence takes one of drop_off, relapse and survival",
                          hint: "drop_off and relapse are yearly shares lost; survival lists the share left in each year")
            }
            if let v = value("kind"), let kind = reader.string(v, "\(field).kind", what: "a kind") {
                if let k = BenefitKind(rawValue: kind) { line.kind = k }
                else {
                    let all = BenefitKind.allCases.map(\.rawValue)
                    log.error(reader.location(v), "\(field).kind", "unknown kind '\(kind)'",
                              hint: "\(Suggest.didYouMean(kind, all).map { $0 + " " } ?? "")the kinds are \(all.joined(separator: ", "))")
                }
            }
            if let v = value("duration") { line.duration = reader.integer(v, "\(field).duration", range: Limits.years, what: "a number of years") ?? 1 }
            if let v = value("start") { line.start = reader.integer(v, "\(field).start", range: Limits.startYear, what: "a start year") ?? 0 }
            // A profile or survival curve gives one value per year: it sets the duration, or must match it.
            for (key, list) in [("profile", line.timing.profile), ("survival", line.survival)] {
                guard let list else { continue }
                if value("duration") == nil { line.duration = list.count }
                else if line.duration != list.count {
                    log.error(reader.location(value(key)), "\(field).\(key)", "benefit '\(name)' lasts \(line.duration) years but its \(key) has \(list.count) values",
                              hint: "give one value per year, or leave 'duration:' out")
                }
            }
            if line.recovery != nil, line.kind != .transfer {
                log.error(reader.location(value("recovery")), "\(field).recovery", "'recovery' values a transfer (a write-off) at the share its payer would have recovered; this line's kind is \(line.kind.rawValue)",
                          hint: "add 'kind: transfer' and 'from:' for a write-off, or remove 'recovery'")
            }
            if line.kind == .transfer, line.from == nil {
                log.error(at, "\(field).from", "benefit '\(name)' is a transfer and needs 'from:', the stakeholder whose loss it is",
                          hint: "a transfer moves money between stakeholders (e.g. from: creditors); it nets to zero for society")
            }
            if line.kind != .transfer, line.from != nil, let v = value("from") {
                log.error(reader.location(v), "\(field).from", "'from' is only meaningful for transfers, but this line's kind is \(line.kind.rawValue)",
                          hint: "add 'kind: transfer' if this money moves from one stakeholder to another")
            }
            result.append(line)
        }
        return result
    }

    static let caseSectionKeys = ["selected", "population", "list"]
    static let caseKeys = ["id", "description", "cost", "payer", "with", "without"] + YAMLReader.provenanceKeys
    static let eventKeys = ["event", "amount", "probability", "stakeholder", "kind", "from", "to", "start", "duration", "drop_off", "health"] + YAMLReader.provenanceKeys

    private func cases(_ node: Node, inline: InlineInputs) -> CaseSection? {
        guard let pairs = reader.mapping(node, "cases", expected: "a cases section (selected:, population:, list:)") else { return nil }
        reader.checkKeys(pairs, allowed: Self.caseSectionKeys, "cases", what: "the cases section")
        func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
        let at = reader.location(node)
        var section = CaseSection(population: .constant(1, at: at), cases: [], location: at)
        if let v = value("selected") {
            if case let .scalar(s) = v, ["true", "false", "yes", "no"].contains(s.string.lowercased()) { section.selected = ["true", "yes"].contains(s.string.lowercased()) }
            else { log.error(reader.location(v), "cases.selected", "expected true or false, found \(reader.describe(v))") }
        }
        if let v = value("population") {
            section.population = expression(v, "cases.population", inlineName: "cases.population", inline: inline) ?? section.population
        } else {
            log.error(at, "cases.population", "the cases section needs 'population:', the number of clients served (a number or a distribution)",
                      hint: "it scales the mean case up to the population, e.g. population: {dist: uniform, min: 200, max: 400}")
        }
        guard let listNode = value("list") else {
            log.error(at, "cases.list", "the cases section needs 'list:' with at least one case")
            return section
        }
        guard let items = reader.sequence(listNode, "cases.list", expected: "a list of cases (- id: …, cost: …, with: …, without: …)") else { return section }
        var ids = Set<String>()
        for (i, item) in items.enumerated() {
            let field = "cases.list[\(i)]"
            guard let casePairs = reader.mapping(item, field, expected: "a case (id:, cost:, payer:, with:, without:)") else { continue }
            reader.checkKeys(casePairs, allowed: Self.caseKeys, field, what: "a case")
            func caseValue(_ key: String) -> Node? { casePairs.first { $0.key == key }?.value }
            let id = caseValue("id").flatMap { reader.string($0, "\(field).id", what: "a case id") } ?? "case \(i + 1)"
            if !ids.insert(id).inserted { log.error(reader.location(item), "\(field).id", "case id '\(id)' is used twice") }
            guard let costNode = caseValue("cost") else {
                log.error(reader.location(item), "\(field).cost", "case '\(id)' needs 'cost:', the cost of the support given")
                continue
            }
            guard let cost = expression(costNode, "\(field).cost", inlineName: "\(id).cost", inline: inline) else { continue }
            var definition = CaseDefinition(id: id, description: caseValue("description").flatMap { reader.string($0, "\(field).description") },
                                            cost: cost, payer: caseValue("payer").flatMap { reader.string($0, "\(field).payer", what: "a stakeholder id") },
                                            with: [], without: [], location: reader.location(item))
            definition.provenance = reader.provenance(casePairs, field)
            for path in ["with", "without"] {
                guard let pathNode = caseValue(path) else { continue }
                guard let events = reader.sequence(pathNode, "\(field).\(path)", expected: "a list of events (- event: …, amount: …)") else { continue }
                for (e, eventNode) in events.enumerated() {
                    let eventField = "\(field).\(path)[\(e)]"
                    guard let eventPairs = reader.mapping(eventNode, eventField, expected: "an event (event:, amount:, probability:, stakeholder:)") else { continue }
                    reader.checkKeys(eventPairs, allowed: Self.eventKeys, eventField, what: "an event")
                    func eventValue(_ key: String) -> Node? { eventPairs.first { $0.key == key }?.value }
                    let name = eventValue("event").flatMap { reader.string($0, "\(eventField).event") } ?? "\(path) event \(e + 1)"
                    guard let amountNode = eventValue("amount") else {
                        log.error(reader.location(eventNode), "\(eventField).amount", "event '\(name)' of case '\(id)' needs an 'amount'")
                        continue
                    }
                    let label = "\(id).\(path).\(name)"
                    guard let amount = expression(amountNode, "\(eventField).amount", inlineName: "\(label).amount", inline: inline) else { continue }
                    var probability = LocatedExpression.constant(1, at: reader.location(eventNode))
                    if let p = eventValue("probability") {
                        guard let parsed = expression(p, "\(eventField).probability", inlineName: "\(label).probability", inline: inline) else { continue }
                        probability = parsed
                    }
                    var event = CaseEvent(name: name, amount: amount, probability: probability,
                                          stakeholder: eventValue("stakeholder").flatMap { reader.string($0, "\(eventField).stakeholder", what: "a stakeholder id") },
                                          location: reader.location(eventNode))
                    if let v = eventValue("start") { event.start = reader.integer(v, "\(eventField).start", range: Limits.startYear, what: "a start year") ?? 0 }
                    if let v = eventValue("duration") { event.duration = reader.integer(v, "\(eventField).duration", range: Limits.years, what: "a number of years") ?? 1 }
                    if let v = eventValue("drop_off") { event.dropOff = expression(v, "\(eventField).drop_off", inlineName: "\(label).drop_off", inline: inline) }
                    let kind = eventValue("kind").flatMap { reader.string($0, "\(eventField).kind", what: "a kind") }
                    if let kind, kind != "transfer", kind != "cost" {
                        log.error(reader.location(eventValue("kind")), "\(eventField).kind", "an event's kind is 'transfer', 'cost' or left out, found '\(kind)'",
                                  hint: "events are costs on a path; kind: cost marks a support activity of the intervention (a cost, on the with path); kind: transfer moves money between stakeholders (from:, to:)")
                    }
                    if kind == "cost" {
                        if path == "without" {
                            log.error(reader.location(eventValue("kind")), "\(eventField).kind", "kind: cost marks a support activity of the intervention, so it belongs on the 'with' path",
                                      hint: "events on the 'without' path are costs the intervention avoids: leave 'kind' out")
                        }
                        event.isCost = true
                    }
                    if let v = eventValue("health") { event.health = bool(v, "\(eventField).health") ?? false }
                    event.provenance = reader.provenance(eventPairs, eventField)
                    let from = eventValue("from").flatMap { reader.string($0, "\(eventField).from", what: "a stakeholder id") }
                    let to = eventValue("to").flatMap { reader.string($0, "\(eventField).to", what: "a stakeholder id") }
                    if kind == "transfer" {
                        if from == nil || to == nil {
                            log.error(reader.location(eventNode), "\(eventField).\(from == nil ? "from" : "to")",
                                      "transfer event '\(name)' needs 'from:' (who pays) and 'to:' (who receives)",
                                      hint: "e.g. {event: special assistance, amount: 800, kind: transfer, from: gemeente, to: client}")
                        }
                        if event.stakeholder != nil {
                            log.error(reader.location(eventValue("stakeholder")), "\(eventField).stakeholder", "a transfer event names 'from:' and 'to:' instead of 'stakeholder:'",
                                      hint: "remove 'stakeholder:'")
                        }
                        event.transferFrom = from
                        event.transferTo = to
                    } else if from != nil || to != nil {
                        log.error(reader.location(eventValue("from") ?? eventValue("to")), "\(eventField).\(from != nil ? "from" : "to")",
                                  "'from' and 'to' are for transfer events; add 'kind: transfer'")
                    }
                    if path == "with" { definition.with.append(event) } else { definition.without.append(event) }
                }
            }
            section.cases.append(definition)
        }
        if section.cases.isEmpty { log.error(reader.location(listNode), "cases.list", "the cases section lists no cases") }
        return section
    }

    static let variantKeys = ["description", "inputs", "derived", "discount_rate", "horizon", "exclude"]

    private func variants(_ node: Node, inline: InlineInputs) -> [ScenarioVariant] {
        guard let pairs = reader.mapping(node, "variants", expected: "a mapping of variant names to their changes") else { return [] }
        var result: [ScenarioVariant] = []
        for pair in pairs {
            let field = "variants.\(pair.key)"
            guard let body = reader.mapping(pair.value, field, expected: "a variant (description:, inputs:, discount_rate:, horizon:, exclude:)") else { continue }
            reader.checkKeys(body, allowed: Self.variantKeys, field, what: "a variant")
            func value(_ key: String) -> Node? { body.first { $0.key == key }?.value }
            var variant = ScenarioVariant(name: pair.key, location: reader.location(pair.keyNode))
            variant.description = value("description").flatMap { reader.string($0, "\(field).description") }
            if let v = value("inputs"), let overrides = reader.mapping(v, "\(field).inputs", expected: "a mapping of input names to numbers or distributions") {
                for o in overrides {
                    if let definition = input(named: o.key, o.value, "\(field).inputs.\(o.key)", inline: false) { variant.inputs.append(definition) }
                }
            }
            if let v = value("derived"), let overrides = reader.mapping(v, "\(field).derived", expected: "a mapping of derived names to expressions") {
                for o in overrides {
                    let f = "\(field).derived.\(o.key)"
                    if case .mapping = o.value {
                        log.error(reader.location(o.value), f, "a derived value is an expression of inputs; distributions belong under 'inputs:'")
                        continue
                    }
                    if let e = expression(o.value, f, inlineName: o.key, inline: InlineInputs()) {
                        variant.derived.append(DerivedDefinition(name: o.key, value: e, location: reader.location(o.keyNode)))
                    }
                }
            }
            if let v = value("discount_rate"), case let .scalar(s) = v, DiscountPreset.looksLikePreset(s.string) {
                variant.discountPreset = preset(named: s.string, at: v, "\(field).discount_rate")
            } else if let v = value("discount_rate") {
                if case .mapping = v {
                    if let definition = input(named: "discount_rate", v, "\(field).discount_rate", inline: true) {
                        variant.inputs.append(definition)
                        variant.discountRate = LocatedExpression(expression: .name("discount_rate", offset: 0), text: "discount_rate", location: reader.location(v))
                    }
                } else {
                    variant.discountRate = expression(v, "\(field).discount_rate", inlineName: "discount_rate", inline: InlineInputs())
                }
            }
            if let v = value("horizon") { variant.horizon = reader.integer(v, "\(field).horizon", range: Limits.years, what: "a number of years") }
            if let v = value("exclude"), let items = reader.sequence(v, "\(field).exclude", expected: "a list of kinds or line names") {
                for item in items { if let name = reader.string(item, "\(field).exclude", what: "a kind or a line name") { variant.exclude.append((name, reader.location(item))) } }
            }
            result.append(variant)
        }
        return result
    }

    /// Effects named but not valued: a text, or `{name: text, sign: + | - | ?}` with the sign
    /// the effect is expected to have on society's net benefit.
    private func unpriced(_ node: Node) -> ([String], [String?]) {
        guard let items = reader.sequence(node, "unpriced", expected: "a list of effects that are not valued") else { return ([], []) }
        var names: [String] = [], signs: [String?] = []
        for (i, item) in items.enumerated() {
            let field = "unpriced[\(i)]"
            if case .mapping = item, let pairs = reader.mapping(item, field) {
                reader.checkKeys(pairs, allowed: ["name", "sign"] + YAMLReader.provenanceKeys, field, what: "an unpriced effect")
                guard let name = pairs.first(where: { $0.key == "name" }).flatMap({ reader.string($0.value, "\(field).name") }) else {
                    if !pairs.contains(where: { $0.key == "name" }) { log.error(reader.location(item), field, "an unpriced effect needs 'name:'", hint: "e.g. {name: Less stress, sign: +}") }
                    continue
                }
                var sign: String?
                if let pair = pairs.first(where: { $0.key == "sign" }), let text = reader.string(pair.value, "\(field).sign", what: "a sign") {
                    switch text.trimmingCharacters(in: .whitespaces) {
                    case "+", "positive": sign = "+"
                    case "-", "−", "negative": sign = "−"
                    case "?", "unknown", "unclear": sign = "?"
                    default: log.error(reader.location(pair.value), "\(field).sign", "unknown sign '\(text.prefix(20))'", hint: "the signs are + (raises the net benefit), - (lowers it) and ? (unclear)")
                    }
                }
                names.append(name); signs.append(sign)
            } else if let name = reader.string(item, field, what: "a description of an effect") {
                names.append(name); signs.append(nil)
            }
        }
        return (names, signs)
    }

    private func correlations(_ node: Node) -> [CorrelationSpec] {
        guard let items = reader.sequence(node, "correlations", expected: "a list of [input, input, rho] triples") else { return [] }
        var result: [CorrelationSpec] = []
        for (i, item) in items.enumerated() {
            let field = "correlations[\(i)]"
            if case .mapping = item {
                result += correlationGroup(item, field)
                continue
            }
            guard let parts = reader.sequence(item, field, expected: "a triple [input, input, rho], or a group {group: [a, b, c], rho: r}") else { continue }
            guard parts.count == 3 else {
                log.error(reader.location(item), field, "expected a triple [input, input, rho], found \(parts.count) entries")
                continue
            }
            guard let a = reader.string(parts[0], field, what: "an input name"),
                  let b = reader.string(parts[1], field, what: "an input name"),
                  let rho = reader.number(parts[2], field, what: "a correlation between -1 and 1") else { continue }
            guard rho >= -1, rho <= 1 else {
                log.error(reader.location(parts[2]), field, "a correlation must lie between -1 and 1, found \(format(rho))")
                continue
            }
            guard a != b else {
                log.error(reader.location(item), field, "an input cannot be correlated with itself ('\(a)')")
                continue
            }
            result.append(CorrelationSpec(first: a, second: b, rho: rho, location: reader.location(item), field: field))
        }
        return result
    }

    /// A line's cohort set and shared factors must be declared.
    private func checkTiming(_ timing: LineTiming, _ factors: [String], _ field: String, _ at: SourceLocation, _ scenario: Scenario) {
        if let name = timing.cohort, scenario.cohortSet(named: name) == nil {
            let names = scenario.cohorts.map(\.name)
            log.error(at, "\(field).cohort", "unknown cohort set '\(name)'",
                      hint: names.isEmpty ? "declare it under 'cohorts:' ({\(name): {intake: …, years: …}})" : (Suggest.didYouMean(name, names) ?? "the cohort sets are \(names.joined(separator: ", "))"))
        }
        let declared = scenario.inputs.filter(\.isFactor).map(\.name)
        for name in factors where !declared.contains(name) {
            log.error(at, "\(field).factor", "unknown factor '\(name)'",
                      hint: declared.isEmpty ? "declare it under 'factors:' (a shared multiplier, e.g. effectiveness: {dist: triangular, min: 0.6, mode: 1, max: 1.2})"
                          : (Suggest.didYouMean(name, declared) ?? "the factors are \(declared.joined(separator: ", "))"))
        }
    }

    /// `{group: [a, b, c], rho: r}`: every pair of the group correlated at r.
    private func correlationGroup(_ item: Node, _ field: String) -> [CorrelationSpec] {
        guard let pairs = reader.mapping(item, field, expected: "a group {group: [a, b, c], rho: r}") else { return [] }
        reader.checkKeys(pairs, allowed: ["group", "rho", "note", "source"], field, what: "a correlation group")
        guard let groupNode = pairs.first(where: { $0.key == "group" })?.value, let rhoNode = pairs.first(where: { $0.key == "rho" })?.value else {
            log.error(reader.location(item), field, "a correlation group needs 'group:' (a list of inputs) and 'rho:'",
                      hint: "e.g. {group: [shelter, care, police], rho: 0.5}")
            return []
        }
        guard let names = reader.sequence(groupNode, "\(field).group", expected: "a list of input names")?.compactMap({ reader.string($0, "\(field).group", what: "an input name") }),
              let rho = reader.number(rhoNode, "\(field).rho", what: "a correlation between -1 and 1") else { return [] }
        guard names.count >= 2 else {
            log.error(reader.location(groupNode), "\(field).group", "a correlation group needs at least two inputs, found \(names.count)",
                      hint: "list the inputs that move together")
            return []
        }
        // Equal correlations among k inputs are a valid matrix only from -1/(k-1) up.
        guard rho >= -1 / Double(names.count - 1), rho <= 1 else {
            log.error(reader.location(rhoNode), "\(field).rho", "a group of \(names.count) inputs can share a correlation between \(format(-1 / Double(names.count - 1))) and 1, found \(format(rho))",
                      hint: "equal correlations among k inputs form a valid matrix only from -1/(k-1) up")
            return []
        }
        if Set(names).count != names.count {
            log.error(reader.location(groupNode), "\(field).group", "an input is listed twice in the group", hint: "list each input once")
            return []
        }
        var result: [CorrelationSpec] = []
        for a in 0..<names.count { for b in (a + 1)..<names.count {
            result.append(CorrelationSpec(first: names[a], second: names[b], rho: rho, location: reader.location(item), field: field))
        } }
        return result
    }

    /// Stakeholder references and correlation names, once everything is read.
    private func checkReferences(_ scenario: Scenario) {
        let ids = scenario.stakeholders.map(\.id)
        func check(_ id: String?, _ field: String, _ at: SourceLocation, role: String, line: String) {
            guard let id else { return }
            if !ids.contains(id) {
                let hint = ids.isEmpty ? "declare it under 'stakeholders:' (- id: \(id))"
                    : "\(Suggest.didYouMean(id, ids).map { $0 + " " } ?? "")the stakeholders are \(ids.joined(separator: ", ")); or add it under 'stakeholders:'"
                log.error(at, field, "unknown stakeholder '\(id)' as \(role) of '\(line)'", hint: hint)
            }
        }
        for (i, c) in scenario.costs.enumerated() {
            if c.payers.isEmpty { check(c.payer, "costs[\(i)].payer", c.location, role: "payer", line: c.name) }
            for share in c.payers { check(share.stakeholder, "costs[\(i)].payer.\(share.stakeholder)", share.location, role: "payer", line: c.name) }
            checkTiming(c.timing, c.factors, "costs[\(i)]", c.location, scenario)
            if c.payer == nil, !ids.isEmpty {
                log.warning(c.location, "costs[\(i)].payer", "cost '\(c.name)' has no payer: it counts for society but for no stakeholder")
            }
        }
        for (i, b) in scenario.benefits.enumerated() {
            if b.beneficiaries.isEmpty { check(b.beneficiary, "benefits[\(i)].beneficiary", b.location, role: "beneficiary", line: b.name) }
            for share in b.beneficiaries { check(share.stakeholder, "benefits[\(i)].beneficiary.\(share.stakeholder)", share.location, role: "beneficiary", line: b.name) }
            if b.kind == .transfer, !b.beneficiaries.isEmpty {
                log.error(b.location, "benefits[\(i)].beneficiary", "transfer '\(b.name)' goes to one stakeholder; split a transfer into lines, or use 'transfers:' on the effect")
            }
            check(b.from, "benefits[\(i)].from", b.location, role: "'from'", line: b.name)
            for (l, leg) in b.transfers.enumerated() {
                check(leg.from, "benefits[\(i)].transfers[\(l)].from", leg.location, role: "payer of a transfer", line: b.name)
                check(leg.to, "benefits[\(i)].transfers[\(l)].to", leg.location, role: "receiver of a transfer", line: b.name)
            }
            checkTiming(b.timing, b.factors, "benefits[\(i)]", b.location, scenario)
            if b.beneficiary == nil, !ids.isEmpty {
                log.warning(b.location, "benefits[\(i)].beneficiary", "benefit '\(b.name)' has no beneficiary: it counts for society but for no stakeholder")
            }
            if b.kind == .transfer, let from = b.from, from == b.beneficiary {
                log.error(b.location, "benefits[\(i)].from", "transfer '\(b.name)' goes from '\(from)' to itself")
            }
        }
        for (i, c) in (scenario.cases?.cases ?? []).enumerated() {
            check(c.payer, "cases.list[\(i)].payer", c.location, role: "payer", line: "case \(c.id)")
            for (path, events) in [("with", c.with), ("without", c.without)] {
                for (e, event) in events.enumerated() {
                    check(event.stakeholder, "cases.list[\(i)].\(path)[\(e)].stakeholder", event.location, role: "stakeholder", line: "event \(event.name) of case \(c.id)")
                    check(event.transferFrom, "cases.list[\(i)].\(path)[\(e)].from", event.location, role: "payer", line: "event \(event.name) of case \(c.id)")
                    check(event.transferTo, "cases.list[\(i)].\(path)[\(e)].to", event.location, role: "receiver", line: "event \(event.name) of case \(c.id)")
                    if event.isTransfer, event.transferFrom == event.transferTo {
                        log.error(event.location, "cases.list[\(i)].\(path)[\(e)].to", "transfer event '\(event.name)' goes from '\(event.transferFrom ?? "")' to itself",
                                  hint: "a transfer moves money between two different stakeholders")
                    }
                }
            }
        }
        var seenPairs: [Set<String>: String] = [:]
        for c in scenario.correlations {
            let i = c.field.isEmpty ? "correlations" : c.field
            for name in [c.first, c.second] {
                guard let input = scenario.input(named: name) else {
                    log.error(c.location, i, "unknown input '\(name)'",
                              hint: Suggest.didYouMean(name, scenario.inputs.map(\.name)) ?? "correlations name inputs declared under 'inputs:'")
                    continue
                }
                if input.isFixed {
                    log.error(c.location, i, "input '\(name)' is fixed; only uncertain inputs can be correlated")
                }
            }
            let pair: Set<String> = [c.first, c.second]
            if let previous = seenPairs[pair] {
                log.error(c.location, i, "the pair \(c.first)–\(c.second) is already given in \(previous)")
            }
            seenPairs[pair] = i
        }
        let lineNames = Set(scenario.costs.map(\.name) + scenario.benefits.map(\.name))
        for variant in scenario.variants {
            let field = "variants.\(variant.name)"
            for input in variant.inputs where !input.isInline {
                if scenario.input(named: input.name) == nil {
                    log.error(input.location, "\(field).inputs.\(input.name)", "variant '\(variant.name)' changes '\(input.name)', which is not an input of the scenario",
                              hint: Suggest.didYouMean(input.name, scenario.inputs.map(\.name)) ?? "variants change inputs declared under 'inputs:'")
                }
            }
            for d in variant.derived where !scenario.derived.contains(where: { $0.name == d.name }) {
                log.error(d.location, "\(field).derived.\(d.name)", "variant '\(variant.name)' changes '\(d.name)', which is not a derived value of the scenario",
                          hint: Suggest.didYouMean(d.name, scenario.derived.map(\.name)) ?? "variants change values declared under 'derived:'")
            }
            for (name, at) in variant.exclude where !lineNames.contains(name) && BenefitKind(rawValue: name) == nil {
                let candidates = BenefitKind.allCases.map(\.rawValue) + lineNames.sorted()
                log.error(at, "\(field).exclude", "'\(name)' is neither a kind (resource, wellbeing, productivity, transfer) nor the name of a line",
                          hint: Suggest.didYouMean(name, candidates))
            }
        }
        for (kind, lines) in [("cost", scenario.costs.map { ($0.name, $0.location) }), ("benefit", scenario.benefits.map { ($0.name, $0.location) })] {
            var seen = Set<String>()
            for (name, at) in lines where !seen.insert(name).inserted {
                log.warning(at, "", "two \(kind) lines are named '\(name)'; the kassabon will show both")
            }
        }
    }
}
