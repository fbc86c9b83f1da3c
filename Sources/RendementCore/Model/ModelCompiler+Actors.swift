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
    /// and every stakeholder's net, undiscounted (real prices) and discounted. Each stakeholder's
    /// lines are gathered once, so the work is (years × lines), not more.
    mutating func yearOutputs(costs: [CostNodes], benefits: [BenefitNodes], cases: CaseNodes?) -> [(ModelOutput, Int)] {
        let zero = graph.constant(0)
        var societyBenefits: [LineNodes] = [], societyCosts: [LineNodes] = costs.map(\.line)
        var received: [String: [LineNodes]] = [:], given: [String: [LineNodes]] = [:]
        for (i, line) in scenario.benefits.enumerated() {
            if line.kind != .transfer { societyBenefits.append(benefits[i].line) }
            for part in benefits[i].parts { received[part.stakeholder, default: []].append(part.line) }
            for leg in benefits[i].legs { received[leg.to, default: []].append(leg.line) }
            if line.kind == .transfer, let from = line.from { given[from, default: []].append(benefits[i].line) }
            for leg in benefits[i].legs { given[leg.from, default: []].append(leg.line) }
        }
        for cost in costs { for part in cost.parts { given[part.stakeholder, default: []].append(part.line) } }
        if let cases {
            societyBenefits.append(LineNodes(pv: zero, flows: cases.benefitFlows))
            societyCosts.append(LineNodes(pv: zero, flows: cases.costFlows))
            for (id, flows) in cases.stakeholderFlows { received[id, default: []].append(LineNodes(pv: zero, flows: flows)) }
        }
        var outputs: [(ModelOutput, Int)] = []
        for year in 0..<scenario.horizon {
            for discounted in [false, true] {
                func total(_ lines: [LineNodes]) -> Int {
                    var sum = zero
                    for line in lines {
                        guard let f = line.flows[year] else { continue }
                        sum = graph.binary(.add, sum, discounted ? graph.binary(.multiply, f, discountFactor(year: year, health: line.health)) : f)
                    }
                    return sum
                }
                let b = total(societyBenefits), c = total(societyCosts)
                var all: [(YearFlow.Series, Int)] = [(.benefits, b), (.costs, c), (.net, graph.binary(.subtract, b, c))]
                for s in scenario.stakeholders {
                    all.append((.stakeholder(s.id), graph.binary(.subtract, total(received[s.id] ?? []), total(given[s.id] ?? []))))
                }
                for (series, node) in all {
                    let flow = YearFlow(series: series, year: year, discounted: discounted)
                    outputs.append((ModelOutput(role: .yearFlow(flow), name: flow.name), node))
                }
            }
        }
        return outputs
    }
}
