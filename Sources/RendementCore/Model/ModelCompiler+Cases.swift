/// The case-based section compiled: per-case nets, the totals scaled to the population, and
/// (for the per-year table) society's and each stakeholder's flows by year.
struct CaseNodes {
    var nets: [Int], costs: Int, benefits: Int, stakeholders: [String: Int]
    var meanParameter: Int, meanBootstrap: Int, shareParameter: Int, shareBootstrap: Int, totalParameter: Int, totalBootstrap: Int
    /// Population-scaled flows by project year: costs, benefits (society), and per stakeholder.
    var costFlows: [Int: Int] = [:], benefitFlows: [Int: Int] = [:], stakeholderFlows: [String: [Int: Int]] = [:]
}

extension CompilerState {
    /// Per case, net = Σ without (amount × probability) − Σ with (amount × probability) − cost,
    /// each event discounted over its years (one, in year 0, by default: then the event counts
    /// at its amount, as it always has). Transfer events move money between stakeholders and
    /// count for neither path's society total. The case bootstrap enters through one weight input
    /// per case (its resample count / n, base 1/n), so that every total is an ordinary expression.
    mutating func compileCases(_ section: CaseSection) -> CaseNodes {
        let zero = graph.constant(0), one = graph.constant(1), n = section.cases.count
        if section.selected {
            log.warning(section.location, "cases.selected",
                        "\(n == 1 ? "the case was" : "the \(n) cases were") selected (purposive), not drawn at random: the bootstrap over cases treats them as a random sample and so understates the uncertainty about the population",
                        hint: "set 'selected: false' only if the cases were drawn at random from the clients served")
        }
        let population = build(section.population, field: "cases.population") ?? zero
        checkRange(population, section.population, field: "cases.population", lower: 0, upper: .infinity, strictLower: false, what: "a population")
        var weights: [Int] = []
        for c in section.cases {
            weights.append(graph.input(modelInputs.count))
            modelInputs.append(ModelInput(name: "case-weight:\(c.id)", distribution: FixedDistribution(value: 1 / Double(n))!, base: 1 / Double(n),
                                          streamHash: StreamKey.fnv1a("case-weight:\(c.id)"), isBootstrapWeight: true))
        }
        var result = CaseNodes(nets: [], costs: zero, benefits: zero, stakeholders: [:], meanParameter: zero, meanBootstrap: zero,
                               shareParameter: zero, shareBootstrap: zero, totalParameter: zero, totalBootstrap: zero)
        var costs = zero, benefits = zero, stakeholders: [String: Int] = [:]
        let perCase = graph.constant(1 / Double(n))
        func add(_ flows: inout [Int: Int], _ year: Int, _ node: Int, _ graph: inout ModelGraph) {
            flows[year] = graph.binary(.add, flows[year] ?? graph.constant(0), node)
        }
        for (i, c) in section.cases.enumerated() {
            let field = "cases.list[\(i)]"
            let w = weights[i]
            let cost = build(c.cost, field: "\(field).cost") ?? zero
            var net = graph.unary(.negate, cost)
            var avoided = zero, supportCost = zero
            var byStakeholder: [String: Int] = [:]
            for (path, events, sign) in [("with", c.with, -1.0), ("without", c.without, 1.0)] {
                for (e, event) in events.enumerated() {
                    let eventField = "\(field).\(path)[\(e)]"
                    let amount = build(event.amount, field: "\(eventField).amount") ?? zero
                    let p = build(event.probability, field: "\(eventField).probability") ?? zero
                    checkRange(p, event.probability, field: "\(eventField).probability", lower: 0, upper: 1, strictLower: false, what: "a probability")
                    var decay = zero
                    if let d = event.dropOff {
                        decay = build(d, field: "\(eventField).drop_off") ?? zero
                        checkRange(decay, d, field: "\(eventField).drop_off", lower: 0, upper: 1, strictLower: false, what: "a share")
                    }
                    let count = yearsCounted(start: event.start, length: event.duration, horizon: scenario.horizon, field: eventField, name: event.name, at: event.location)
                    let once = graph.binary(.multiply, amount, p)
                    let expected = graph.binary(.multiply, once, presentValue(decay: decay, start: event.start, count: count, health: event.health))
                    let signed = sign > 0 ? expected : graph.unary(.negate, expected)
                    if event.isCost {
                        // A support activity of the intervention: a cost for society and its bearer.
                        supportCost = graph.binary(.add, supportCost, expected)
                        if let s = event.stakeholder { byStakeholder[s] = graph.binary(.subtract, byStakeholder[s] ?? zero, expected) }
                    } else if let from = event.transferFrom, let to = event.transferTo {
                        byStakeholder[from] = graph.binary(.add, byStakeholder[from] ?? zero, signed)
                        byStakeholder[to] = graph.binary(.subtract, byStakeholder[to] ?? zero, signed)
                    } else {
                        avoided = graph.binary(.add, avoided, signed)
                        if let s = event.stakeholder { byStakeholder[s] = graph.binary(.add, byStakeholder[s] ?? zero, signed) }
                    }
                    if byYear {
                        // population × weight × the event's signed flow in each of its years.
                        var keep = graph.binary(.multiply, graph.binary(.multiply, population, w), sign > 0 ? once : graph.unary(.negate, once))
                        for t in 0..<count {
                            let year = event.start + t
                            if event.isCost {
                                add(&result.costFlows, year, graph.unary(.negate, keep), &graph)
                                if let s = event.stakeholder { add(&result.stakeholderFlows[s, default: [:]], year, keep, &graph) }
                            } else if let from = event.transferFrom, let to = event.transferTo {
                                add(&result.stakeholderFlows[from, default: [:]], year, keep, &graph)
                                add(&result.stakeholderFlows[to, default: [:]], year, graph.unary(.negate, keep), &graph)
                            } else {
                                add(&result.benefitFlows, year, keep, &graph)
                                if let s = event.stakeholder { add(&result.stakeholderFlows[s, default: [:]], year, keep, &graph) }
                            }
                            keep = graph.binary(.multiply, keep, graph.binary(.subtract, one, decay))
                        }
                    }
                }
            }
            net = graph.binary(.subtract, graph.binary(.add, avoided, net), supportCost)
            result.nets.append(net)
            costs = graph.binary(.add, costs, graph.binary(.multiply, w, graph.binary(.add, cost, supportCost)))
            benefits = graph.binary(.add, benefits, graph.binary(.multiply, w, avoided))
            if let payer = c.payer { byStakeholder[payer] = graph.binary(.subtract, byStakeholder[payer] ?? zero, cost) }
            for (s, value) in byStakeholder { stakeholders[s] = graph.binary(.add, stakeholders[s] ?? zero, graph.binary(.multiply, w, value)) }
            if byYear {
                let scaledCost = graph.binary(.multiply, graph.binary(.multiply, population, w), cost)
                add(&result.costFlows, 0, scaledCost, &graph)
                if let payer = c.payer { add(&result.stakeholderFlows[payer, default: [:]], 0, graph.unary(.negate, scaledCost), &graph) }
            }
            result.meanParameter = graph.binary(.add, result.meanParameter, graph.binary(.multiply, perCase, net))
            result.meanBootstrap = graph.binary(.add, result.meanBootstrap, graph.binary(.multiply, w, net))
            let positive = graph.binary(.greater, net, zero)
            result.shareParameter = graph.binary(.add, result.shareParameter, graph.binary(.multiply, perCase, positive))
            result.shareBootstrap = graph.binary(.add, result.shareBootstrap, graph.binary(.multiply, w, positive))
        }
        result.costs = graph.binary(.multiply, population, costs)
        result.benefits = graph.binary(.multiply, population, benefits)
        result.stakeholders = stakeholders.mapValues { graph.binary(.multiply, population, $0) }
        result.totalParameter = graph.binary(.multiply, population, result.meanParameter)
        result.totalBootstrap = graph.binary(.multiply, population, result.meanBootstrap)
        return result
    }
}
