import Foundation

/// Compiles a decoded `Scenario` into a `CompiledModel`.
///
/// Names resolve to input indices or to derived values (ordered topologically, cycles reported
/// with their path); every line becomes a present value node; shares are checked to stay in [0, 1]
/// by interval arithmetic over the inputs' supports. All problems are reported together.
public enum ModelCompiler {
    /// Compiles `scenario`. `fixing` pins inputs to values (for one-way analyses and sweeps).
    public static func compile(_ scenario: Scenario, fixing: [String: Double] = [:]) throws(ScenarioError) -> CompiledModel {
        var state = CompilerState(scenario: scenario, fixing: fixing)
        state.compile()
        if state.log.hasErrors { throw ScenarioError(scenario.warnings + state.log.sorted) }
        try checkVariants(scenario, fixing: fixing)
        return state.model!
    }

    /// The model of the per-year table: the same inputs (so the same random numbers), and as
    /// outputs society's benefits, costs and net and every stakeholder's net in every year,
    /// undiscounted and discounted (`YearFlow`). Compiled without its variants.
    public static func yearTable(_ scenario: Scenario) throws(ScenarioError) -> CompiledModel {
        var plain = scenario
        plain.variants = []
        var state = CompilerState(scenario: plain, fixing: [:], byYear: true)
        state.compile()
        if state.log.hasErrors { throw ScenarioError(scenario.warnings + state.log.sorted) }
        return state.model!
    }

    private static func checkVariants(_ scenario: Scenario, fixing: [String: Double]) throws(ScenarioError) {
        // Every variant must compile too, so that `check` vouches for them all.
        var variantErrors: [Diagnostic] = []
        for variant in scenario.variants {
            var v = CompilerState(scenario: scenario.applying(variant), fixing: fixing)
            v.compile()
            for var d in v.log.diagnostics where d.severity == .error {
                d.message = "in variant '\(variant.name)': \(d.message)"
                variantErrors.append(d)
            }
        }
        if !variantErrors.isEmpty { throw ScenarioError(variantErrors) }
    }

    /// Compiles one variant of a scenario (by name), or the scenario itself for nil.
    public static func compile(_ scenario: Scenario, variant name: String?) throws(ScenarioError) -> CompiledModel {
        guard let name else { return try compile(scenario) }
        guard let variant = scenario.variant(named: name) else {
            let names = scenario.variants.map(\.name)
            throw ScenarioError([Diagnostic(.error, at: SourceLocation(file: scenario.file, line: 0, column: 0), field: "variants",
                                            "there is no variant '\(name)'",
                                            hint: names.isEmpty ? "the scenario defines no variants" : (Suggest.didYouMean(name, names) ?? "the variants are \(names.joined(separator: ", "))"))])
        }
        return try compile(scenario.applying(variant))
    }

    /// Reads and compiles the file at `path`, reporting the problems of both stages together.
    public static func load(path: String) throws(ScenarioError) -> CompiledModel {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { return try compile(ScenarioLoader.load(path: path)) }
        return try compile(yaml: text, file: path)
    }

    /// Decodes and compiles scenario text; when decoding finds errors, the compiler still runs
    /// on what could be read, so that one report lists every problem.
    public static func compile(yaml text: String, file: String) throws(ScenarioError) -> CompiledModel {
        let (decoded, decodeDiagnostics) = ScenarioLoader.decodeCollecting(yaml: text, file: file)
        guard let scenario = decoded else { throw ScenarioError(decodeDiagnostics) }
        if !decodeDiagnostics.contains(where: { $0.severity == .error }) { return try compile(scenario) }
        var state = CompilerState(scenario: scenario, fixing: [:])
        state.compile()
        let all = (decodeDiagnostics + state.log.diagnostics).enumerated().sorted { a, b in
            let (la, lb) = (a.element.location, b.element.location)
            return la.line != lb.line ? la.line < lb.line : la.column != lb.column ? la.column < lb.column : a.offset < b.offset
        }.map(\.element)
        throw ScenarioError(all)
    }
}

struct CompilerState {
    let scenario: Scenario
    let fixing: [String: Double]
    /// Whether the outputs are the per-year flows of society and every stakeholder (`yearTable`).
    let byYear: Bool
    let log: DiagnosticLog
    var graph = ModelGraph()
    var inputIndex: [String: Int] = [:]        // uncertain inputs → sampling index
    var fixedValue: [String: Double] = [:]
    /// Converts an input's euros to the scenario's price level (absent: factor 1).
    var priceFactor: [String: Double] = [:]
    var modelInputs: [ModelInput] = []
    var derivedByName: [String: DerivedDefinition] = [:]
    var derivedNode: [String: Int] = [:]
    var failedDerived = Set<String>()
    var visiting: [String] = []
    var usedInputs = Set<String>()
    var intervals = IntervalAnalysis()
    /// The year a line's expressions are being built for (`t`, `year`, `cohort`), if any.
    var context: YearContext?
    /// Which derived values use the year variables (memo).
    var yearDependence: [String: Bool] = [:]
    var discount = DiscountNodes()
    /// Line-years built so far by the general path (bounded; see `Limits.lineYears`).
    var lineYears = 0
    /// Provisional price-index years already warned about (one warning each).
    var warnedProvisional = Set<Int>()
    var model: CompiledModel?

    init(scenario: Scenario, fixing: [String: Double], byYear: Bool = false) {
        self.scenario = scenario
        self.fixing = fixing
        self.byYear = byYear
        self.log = DiagnosticLog(file: scenario.file)
    }

    mutating func compile() {
        for input in scenario.inputs {
            let section = input.isPrice ? "prices" : input.isFactor ? "factors" : "inputs"
            if let year = input.provenance.priceYear,
               let factor = priceConversion(from: year, field: "\(section).\(input.name).price_year", at: input.location), factor != 1 {
                priceFactor[input.name] = factor
            }
            if let value = fixing[input.name] { fixedValue[input.name] = value; continue }
            if input.isFixed { fixedValue[input.name] = input.base; continue }
            inputIndex[input.name] = modelInputs.count
            modelInputs.append(ModelInput(name: input.name, distribution: input.distribution, base: input.base,
                                          streamHash: StreamKey.fnv1a(input.name)))
        }
        for d in scenario.derived {
            if scenario.input(named: d.name) != nil {
                log.error(d.location, "derived.\(d.name)", "'\(d.name)' is both an input and a derived value; rename one")
            }
            derivedByName[d.name] = d
        }
        // Derived values that use the year variables are built per year, where lines use them.
        for d in scenario.derived where !derivedUsesYear(d.name) { _ = derived(d.name, from: d.value, field: "derived.\(d.name)") }
        buildDiscounting()

        var costs: [CostNodes] = [], benefits: [BenefitNodes] = []
        for (i, cost) in scenario.costs.enumerated() {
            let line = compileCost(cost, index: i)
            costs.append(CostNodes(line: line, parts: parts(of: line, cost.payers, single: cost.payer, field: "costs[\(i)].payer")))
        }
        for (i, b) in scenario.benefits.enumerated() { benefits.append(compileBenefit(b, index: i)) }
        let zero = graph.constant(0)
        var pvBenefits = zero, pvCosts = zero
        for (i, b) in scenario.benefits.enumerated() where b.kind != .transfer { pvBenefits = graph.binary(.add, pvBenefits, benefits[i].line.pv) }
        for c in costs { pvCosts = graph.binary(.add, pvCosts, c.line.pv) }
        let cases = scenario.cases.map { compileCases($0) }
        if let cases {
            pvBenefits = graph.binary(.add, pvBenefits, cases.benefits)
            pvCosts = graph.binary(.add, pvCosts, cases.costs)
        }
        let npv = graph.binary(.subtract, pvBenefits, pvCosts)
        let bcr = graph.binary(.divide, pvBenefits, pvCosts)

        var outputs: [(ModelOutput, Int)] = [
            (ModelOutput(role: .pvBenefits, name: "pv_benefits"), pvBenefits),
            (ModelOutput(role: .pvCosts, name: "pv_costs"), pvCosts),
            (ModelOutput(role: .npv, name: "npv"), npv),
            (ModelOutput(role: .bcr, name: "bcr"), bcr),
        ]
        var nets: [String: Int] = [:]
        for s in scenario.stakeholders {
            var net = stakeholderNet(s.id, costs: costs, benefits: benefits)
            if let perStakeholder = cases?.stakeholders[s.id] { net = graph.binary(.add, net, perStakeholder) }
            nets[s.id] = net
            outputs.append((ModelOutput(role: .stakeholder(s.id), name: s.id), net))
        }
        for (i, c) in scenario.costs.enumerated() { outputs.append((ModelOutput(role: .costLine(i), name: "cost:\(c.name)"), costs[i].line.pv)) }
        if let cases, let section = scenario.cases {
            for (i, c) in section.cases.enumerated() { outputs.append((ModelOutput(role: .caseNet(i), name: "case:\(c.id)"), cases.nets[i])) }
            outputs += [(ModelOutput(role: .casesMeanNetParameter, name: "cases_mean_net_parameter"), cases.meanParameter),
                        (ModelOutput(role: .casesMeanNet, name: "cases_mean_net"), cases.meanBootstrap),
                        (ModelOutput(role: .casesShareParameter, name: "cases_share_positive_parameter"), cases.shareParameter),
                        (ModelOutput(role: .casesShare, name: "cases_share_positive"), cases.shareBootstrap),
                        (ModelOutput(role: .casesTotalParameter, name: "cases_population_total_parameter"), cases.totalParameter),
                        (ModelOutput(role: .casesTotal, name: "cases_population_total"), cases.totalBootstrap)]
        }
        for (i, b) in scenario.benefits.enumerated() { outputs.append((ModelOutput(role: .benefitLine(i), name: "benefit:\(b.name)"), benefits[i].line.pv)) }
        for (i, b) in scenario.benefits.enumerated() {
            for (l, leg) in benefits[i].legs.enumerated() {
                outputs.append((ModelOutput(role: .transferLeg(i, l), name: "transfer:\(b.name):\(leg.from)->\(leg.to)"), leg.line.pv))
            }
        }
        outputs += publishedOutputs(pvBenefits: pvBenefits, pvCosts: pvCosts, npv: npv, bcr: bcr, costs: costs, benefits: benefits,
                                    nets: nets, cases: cases)
        // The per-year model keeps the four main outputs (the runner summarises NPV) and the cells.
        if byYear { outputs = Array(outputs.prefix(4)) + yearOutputs(costs: costs, benefits: benefits, cases: cases) }

        warnAboutUnusedInputs()
        warnAboutIndependentLines(benefits)
        if scenario.costs.isEmpty, scenario.cases == nil {
            log.warning(SourceLocation(file: scenario.file, line: 0, column: 0), "costs",
                        "the scenario has no costs, so the benefit-cost ratio is undefined")
        }
        var correlation: CorrelationTarget?
        switch CorrelationTarget.make(scenario.correlations, inputs: modelInputs, file: scenario.file) {
        case let .success(target): correlation = target
        case let .failure(error): for d in error.diagnostics { log.error(d.location, d.field, d.message, hint: d.hint) }
        }
        guard !log.hasErrors else { return }
        // Outputs computed by the same node (e.g. a sole stakeholder's net and the NPV) share storage.
        let nodes = outputs.map(\.1)
        var firstOutput: [Int: Int] = [:]
        for (k, node) in nodes.enumerated() where firstOutput[node] == nil { firstOutput[node] = k }
        let aliases = nodes.map { firstOutput[$0] ?? 0 }
        // An output that is the difference or ratio of two earlier outputs (NPV and BCR of the PVs).
        let derivations = nodes.indices.map { k -> OutputDerivation? in
            guard aliases[k] == k, case let .binary(op, a, b) = graph.nodes[nodes[k]], op == .subtract || op == .divide,
                  let left = firstOutput[a], let right = firstOutput[b], left < k, right < k else { return nil }
            return OutputDerivation(ratio: op == .divide, left: left, right: right)
        }
        model = CompiledModel(scenario: scenario, inputs: modelInputs, outputs: outputs.map(\.0),
                              warnings: scenario.warnings + log.sorted, graph: graph, outputNodes: nodes, correlation: correlation,
                              aliases: aliases, derivations: derivations)
    }

    /// Years of a line inside the horizon, warning when part of it falls outside.
    func yearsCounted(start: Int, length: Int, horizon: Int, field: String, name: String, at: SourceLocation) -> Int {
        let counted = max(0, min(length, horizon - start))
        if counted == 0 {
            log.warning(at, "\(field).start", "'\(name)' starts in year \(start), after the horizon (years 0–\(horizon - 1)): it counts for nothing",
                        hint: "raise 'horizon:' or lower 'start:'")
        } else if counted < length {
            log.warning(at, field, "'\(name)' runs to year \(start + length - 1) but the horizon ends at year \(horizon - 1): \(length - counted) year\(length - counted == 1 ? " is" : "s are") not counted",
                        hint: "set 'horizon: \(start + length)' to count them all")
        }
        return counted
    }

    /// The node of a derived value, compiling it (and what it uses) on first use.
    mutating func derived(_ name: String, from e: LocatedExpression, field: String) -> Int? {
        // One node per year for a value that uses the year variables, else one node.
        let key = derivedUsesYear(name) ? "\(name)@\(context.map { "\($0.t),\($0.year),\($0.cohort ?? -1)" } ?? "-")" : name
        if let id = derivedNode[key] { return id }
        if failedDerived.contains(name) { return nil }   // its problem is already reported
        if let cycleStart = visiting.firstIndex(of: name) {
            let cycle = visiting[cycleStart...] + [name]
            let d = derivedByName[name]!
            log.error(d.location, "derived.\(name)", "derived values refer to each other in a cycle: \(cycle.joined(separator: " → "))",
                      hint: "a derived value cannot depend on itself, directly or through others")
            return nil
        }
        visiting.append(name)
        defer { visiting.removeLast() }
        guard let id = build(e, field: field) else { failedDerived.insert(name); return nil }
        derivedNode[key] = id
        return id
    }

    mutating func build(_ e: LocatedExpression, field: String) -> Int? {
        build(e.expression, in: e, field: field)
    }

    private mutating func build(_ expression: Expression, in e: LocatedExpression, field: String) -> Int? {
        switch expression {
        case let .number(v):
            return graph.constant(v)
        case let .name(name, offset):
            if let value = fixedValue[name] {
                usedInputs.insert(name)
                return graph.binary(.multiply, graph.constant(value), graph.constant(priceFactor[name] ?? 1))
            }
            if let i = inputIndex[name] {
                usedInputs.insert(name)
                return graph.binary(.multiply, graph.input(i), graph.constant(priceFactor[name] ?? 1))
            }
            if let d = derivedByName[name] { return derived(name, from: d.value, field: "derived.\(name)") }
            if let variable = YearVariable(rawValue: name) {
                if let value = context?.value(of: variable) { return graph.constant(Double(value)) }
                let at = e.text.contains("\n") ? e.location : e.location.advanced(by: offset)
                log.error(at, field, "'\(name)' \(variable.meaning), so it can be used only \(variable.scope)",
                          hint: "to use a value of your own called '\(name)', define it under 'inputs:' or 'derived:'")
                return nil
            }
            if scenario.unresolvedNames.contains(name) { return nil }   // already reported where it is defined
            let candidates = scenario.inputs.map(\.name) + scenario.derived.map(\.name)
            let at = e.text.contains("\n") ? e.location : e.location.advanced(by: offset)
            log.error(at, field, "'\(name)' is not defined",
                      hint: Suggest.didYouMean(name, candidates) ?? "define it under 'inputs:' (an estimate) or 'derived:' (an expression)")
            return nil
        case let .negate(a):
            return build(a, in: e, field: field).map { graph.unary(.negate, $0) }
        case let .binary(op, a, b):
            let x = build(a, in: e, field: field), y = build(b, in: e, field: field)
            guard let x, let y else { return nil }
            return graph.binary(Self.binaryOp(op), x, y)
        case let .call(function, arguments, _):
            var args: [Int] = []
            for argument in arguments { if let id = build(argument, in: e, field: field) { args.append(id) } }
            guard args.count == arguments.count else { return nil }
            switch function {
            case .min: return args.dropFirst().reduce(args[0]) { graph.binary(.min, $0, $1) }
            case .max: return args.dropFirst().reduce(args[0]) { graph.binary(.max, $0, $1) }
            case .clamp: return graph.ternary(.clamp, args[0], args[1], args[2])
            case .if: return graph.ternary(.select, args[0], args[1], args[2])
            case .abs: return graph.unary(.abs, args[0])
            case .exp: return graph.unary(.exp, args[0])
            case .log: return graph.unary(.log, args[0])
            case .sqrt: return graph.unary(.sqrt, args[0])
            case .sin: return graph.unary(.sin, args[0])
            case .cos: return graph.unary(.cos, args[0])
            case .floor: return graph.unary(.floor, args[0])
            case .ceil: return graph.unary(.ceil, args[0])
            }
        }
    }

    private static func binaryOp(_ op: BinaryOperator) -> BinaryOp {
        switch op {
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        case .power: return .power
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        case .equal: return .equal
        case .notEqual: return .notEqual
        }
    }

    /// Checks by interval arithmetic that `node` stays within [lower, upper]. A bare name, a
    /// constant, or a range entirely outside is an error; a composite that may stray is a warning.
    mutating func checkRange(_ node: Int, _ e: LocatedExpression, field: String, lower: Double, upper: Double, strictLower: Bool, what: String) {
        let inputs = modelInputs
        let range = intervals.range(of: node, in: graph) { inputs[$0].distribution.support }
        let below = strictLower ? range.lower <= lower : range.lower < lower
        guard below || range.upper > upper else { return }
        let expected = strictLower ? "greater than \(format(lower))" : "between \(format(lower)) and \(format(upper))"
        let found = range.lower == range.upper ? format(range.lower) : "values in [\(format(range.lower)), \(format(range.upper))]"
        let simple: Bool
        switch e.expression { case .number, .name, .negate(.number): simple = true; default: simple = false }
        let disjoint = strictLower ? range.upper <= lower : (range.upper < lower || range.lower > upper)
        if let value = e.expression.constantValue {
            log.error(e.location, field, "\(what) must be \(expected), found \(format(value))",
                      hint: lower == 0 && upper == 1 ? "shares and probabilities are fractions: 0.25 for 25%" : nil)
        } else if simple || disjoint {
            log.error(e.location, field, "\(what) must be \(expected), but '\(e.text)' can take \(found)",
                      hint: "bound the distribution (e.g. min: 0, max: 1 on a normal, or use beta, pert, triangular or uniform)")
        } else {
            log.warning(e.location, field, "\(what) must be \(expected), but '\(e.text)' may take \(found)",
                        hint: "wrap it in clamp(…, 0, 1) if values outside are impossible")
        }
    }

    func warnAboutUnusedInputs() {
        // A variant that leaves lines out leaves their inputs unused on purpose; the scenario's
        // own check reports inputs that no line uses.
        guard scenario.appliedVariant == nil else { return }
        for input in scenario.inputs where !usedInputs.contains(input.name) && !input.isInline {
            log.warning(input.location, "inputs.\(input.name)", "input '\(input.name)' is not used by any line or derived value")
        }
    }
}
