extension CompilerState {
    /// Two outputs per published figure: the model's value of what it is a figure of, and a test
    /// value that is positive exactly when the figure holds (its P(> 0) is the probability that
    /// the figure holds under the stated uncertainty). Lines a variant leaves out count as zero.
    mutating func publishedOutputs(pvBenefits: Int, pvCosts: Int, npv: Int, bcr: Int, costs: [CostNodes], benefits: [BenefitNodes],
                                   nets: [String: Int], cases: CaseNodes?) -> [(ModelOutput, Int)] {
        guard let figures = scenario.published?.figures else { return [] }
        let zero = graph.constant(0), one = graph.constant(1)
        var outputs: [(ModelOutput, Int)] = []
        for (i, f) in figures.enumerated() {
            let quantity: Int
            switch f.quantity {
            case .npv: quantity = npv
            case .bcr: quantity = bcr
            case .roi: quantity = graph.binary(.subtract, bcr, one)
            case .pvBenefits: quantity = pvBenefits
            case .pvCosts: quantity = pvCosts
            case let .stakeholder(id): quantity = nets[id] ?? zero
            case let .lines(names):
                var sum = zero
                for name in names {
                    for (j, c) in scenario.costs.enumerated() where c.name == name { sum = graph.binary(.add, sum, costs[j].line.pv) }
                    for (j, b) in scenario.benefits.enumerated() where b.name == name { sum = graph.binary(.add, sum, benefits[j].line.pv) }
                }
                quantity = sum
            case let .kinds(kinds):
                var sum = zero
                for (j, b) in scenario.benefits.enumerated() where kinds.contains(b.kind) { sum = graph.binary(.add, sum, benefits[j].line.pv) }
                quantity = sum
            case let .input(name):
                quantity = build(LocatedExpression(expression: .name(name, offset: 0), text: name, location: f.location), field: "published[\(i)].of") ?? zero
            case .casesPositive:
                quantity = (cases?.nets ?? []).reduce(zero) { graph.binary(.add, $0, graph.binary(.greater, $1, zero)) }
            }
            // 1 where the figure holds (the comparison includes its edge), 0 where not; less ½, so
            // that the output is positive exactly where it holds.
            let holds: Int
            switch f.claim {
            case .atLeast: holds = graph.binary(.greaterOrEqual, quantity, graph.constant(f.value - f.tolerance))
            case .atMost: holds = graph.binary(.lessOrEqual, quantity, graph.constant(f.value + f.tolerance))
            case .about: holds = graph.binary(.lessOrEqual, graph.unary(.abs, graph.binary(.subtract, quantity, graph.constant(f.value))), graph.constant(f.tolerance))
            }
            let test = graph.binary(.subtract, holds, graph.constant(0.5))
            outputs.append((ModelOutput(role: .published(i, test: false), name: "published:\(i)"), quantity))
            outputs.append((ModelOutput(role: .published(i, test: true), name: "published:\(i):holds"), test))
        }
        return outputs
    }
}
