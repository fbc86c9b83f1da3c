extension CompilerState {
    /// Lines that share a cause (how well the approach works) are not independent; drawn
    /// independently, their sum is far narrower than the experts meant, and every published
    /// figure looks like a tail event. Warns when three or more uncertain benefit lines share no
    /// input and no correlation with any other line and the scenario declares no shared factor.
    mutating func warnAboutIndependentLines(_ benefits: [BenefitNodes]) {
        guard !scenario.inputs.contains(where: \.isFactor) else { return }
        var lines: [(index: Int, inputs: Set<Int>)] = []
        for (i, b) in scenario.benefits.enumerated() where b.kind != .transfer {
            let inputs = graph.inputs(of: benefits[i].value).filter { !modelInputs[$0].isBootstrapWeight }
            if !inputs.isEmpty { lines.append((i, inputs)) }
        }
        guard lines.count >= 3 else { return }
        let index = Dictionary(modelInputs.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var linked: [Int: Set<Int>] = [:]
        for c in scenario.correlations {
            guard let a = index[c.first], let b = index[c.second] else { continue }
            linked[a, default: []].insert(b)
            linked[b, default: []].insert(a)
        }
        func reach(_ inputs: Set<Int>) -> Set<Int> { inputs.union(inputs.flatMap { linked[$0] ?? [] }) }
        let isolated = lines.filter { line in
            let mine = reach(line.inputs)
            return !lines.contains { $0.index != line.index && !mine.isDisjoint(with: $0.inputs) }
        }
        guard isolated.count >= 3 else { return }
        let names = isolated.prefix(4).map { "'\(scenario.benefits[$0.index].name)'" }.joined(separator: ", ") + (isolated.count > 4 ? ", …" : "")
        log.warning(SourceLocation(file: scenario.file, line: 0, column: 0), "benefits",
                    "\(isolated.count) uncertain benefit lines are drawn independently of each other (\(names)): lines that share a cause move together, and independent draws make the total look far more certain than the estimates are",
                    hint: "declare a shared factor (factors: {effectiveness: …} and factor: effectiveness on the lines), or a correlation group (correlations: [{group: [a, b, c], rho: 0.5}])")
    }
}
