/// A cost line compiled, with each payer's part (one entry with the whole line when not split).
struct CostNodes {
    var line: LineNodes
    var parts: [(stakeholder: String, line: LineNodes)]
}

extension CompilerState {
    /// What a stakeholder receives less what it gives. The sums run in line order, so that for
    /// one who receives every benefit and pays every cost they are the very nodes of NPV (one
    /// output, summarised and stored once).
    mutating func stakeholderNet(_ id: String, costs: [CostNodes], benefits: [BenefitNodes]) -> Int {
        let zero = graph.constant(0)
        var received = zero, given = zero
        for i in scenario.benefits.indices {
            for part in benefits[i].parts where part.stakeholder == id { received = graph.binary(.add, received, part.line.pv) }
            for leg in benefits[i].legs where leg.to == id { received = graph.binary(.add, received, leg.line.pv) }
        }
        for (i, b) in scenario.benefits.enumerated() {
            if b.kind == .transfer, b.from == id { given = graph.binary(.add, given, benefits[i].line.pv) }
            for leg in benefits[i].legs where leg.from == id { given = graph.binary(.add, given, leg.line.pv) }
        }
        for cost in costs { for part in cost.parts where part.stakeholder == id { given = graph.binary(.add, given, part.line.pv) } }
        return graph.binary(.subtract, received, given)
    }

    /// The per-year table's outputs: for every project year, society's benefits, costs and net,
    /// and every stakeholder's net, undiscounted (real prices) and discounted.
    mutating func yearOutputs(costs: [CostNodes], benefits: [BenefitNodes], cases: CaseNodes?) -> [(ModelOutput, Int)] {
        let zero = graph.constant(0)
        var outputs: [(ModelOutput, Int)] = []
        for year in 0..<scenario.horizon {
            for discounted in [false, true] {
                // One flow of one line in this year, discounted at the line's rate if asked.
                func flow(_ line: LineNodes, _ state: inout CompilerState) -> Int? {
                    guard let f = line.flows[year] else { return nil }
                    return discounted ? state.graph.binary(.multiply, f, state.discountFactor(year: year, health: line.health)) : f
                }
                func caseFlow(_ flows: [Int: Int]?, _ state: inout CompilerState) -> Int? {
                    guard let f = flows?[year] else { return nil }
                    return discounted ? state.graph.binary(.multiply, f, state.discountFactor(year: year, health: false)) : f
                }
                var b = zero, c = zero
                for (i, line) in scenario.benefits.enumerated() where line.kind != .transfer {
                    if let f = flow(benefits[i].line, &self) { b = graph.binary(.add, b, f) }
                }
                if let f = caseFlow(cases?.benefitFlows, &self) { b = graph.binary(.add, b, f) }
                for cost in costs { if let f = flow(cost.line, &self) { c = graph.binary(.add, c, f) } }
                if let f = caseFlow(cases?.costFlows, &self) { c = graph.binary(.add, c, f) }
                let series: [(YearFlow.Series, Int)] = [(.benefits, b), (.costs, c), (.net, graph.binary(.subtract, b, c))]
                var all = series
                for s in scenario.stakeholders {
                    var received = zero, given = zero
                    for (i, line) in scenario.benefits.enumerated() {
                        for part in benefits[i].parts where part.stakeholder == s.id { if let f = flow(part.line, &self) { received = graph.binary(.add, received, f) } }
                        for leg in benefits[i].legs where leg.to == s.id { if let f = flow(leg.line, &self) { received = graph.binary(.add, received, f) } }
                        if line.kind == .transfer, line.from == s.id, let f = flow(benefits[i].line, &self) { given = graph.binary(.add, given, f) }
                        for leg in benefits[i].legs where leg.from == s.id { if let f = flow(leg.line, &self) { given = graph.binary(.add, given, f) } }
                    }
                    for cost in costs { for part in cost.parts where part.stakeholder == s.id { if let f = flow(part.line, &self) { given = graph.binary(.add, given, f) } } }
                    var net = graph.binary(.subtract, received, given)
                    if let f = caseFlow(cases?.stakeholderFlows[s.id], &self) { net = graph.binary(.add, net, f) }
                    all.append((.stakeholder(s.id), net))
                }
                for (kind, node) in all {
                    let flow = YearFlow(series: kind, year: year, discounted: discounted)
                    outputs.append((ModelOutput(role: .yearFlow(flow), name: flow.name), node))
                }
            }
        }
        return outputs
    }
}
