extension Scenario {
    /// How well a benefit line is supported: its own `evidence` if given, else the weakest
    /// status of the figures it uses (inputs, prices and factors, through derived values).
    /// Nil ("unmarked") when it uses a figure without a status and none weaker than that.
    /// Order, weakest first: assumed, unmarked, expert, published.
    public func evidence(ofBenefit i: Int) -> Evidence? {
        let b = benefits[i]
        if let own = b.provenance.evidence { return own }
        var expressions = [b.amount, b.attribution, b.deadweight, b.displacement, b.dropOff]
        expressions += [b.relapse, b.recovery].compactMap { $0 } + (b.survival ?? []) + (b.timing.profile ?? [])
        expressions += b.transfers.compactMap { $0.amount ?? $0.share }
        var names = Set(expressions.flatMap { $0.expression.names.map(\.name) })
        names.formUnion(b.factors)
        if let set = b.timing.cohort.flatMap(cohortSet(named:)) { names.formUnion(set.intake.flatMap { $0.expression.names.map(\.name) }) }
        return weakestEvidence(of: names)
    }

    /// How well the case-based benefits are supported: the weakest status of their events (each
    /// its own `evidence`, else the weakest of the figures its amount and probability use).
    public var evidenceOfCases: Evidence? {
        guard let section = cases else { return nil }
        var statuses: [Evidence?] = []
        for c in section.cases {
            for event in c.with + c.without {
                let names = Set((event.amount.expression.names + event.probability.expression.names).map(\.name))
                statuses.append(event.provenance.evidence ?? c.provenance.evidence ?? weakestEvidence(of: names))
            }
        }
        return Self.weakest(statuses)
    }

    /// The weakest of several statuses: assumed, then unmarked (nil), then expert, then published.
    static func weakest(_ statuses: [Evidence?]) -> Evidence? {
        if statuses.isEmpty || statuses.contains(.assumed) { return statuses.isEmpty ? nil : .assumed }
        if statuses.contains(where: { $0 == nil }) { return nil }
        return statuses.compactMap { $0 }.min()
    }

    /// The weakest status among the inputs behind `names` (derived values followed).
    func weakestEvidence(of names: Set<String>) -> Evidence? {
        var seen = Set<String>(), pending = Array(names)
        var statuses: [Evidence?] = []
        while let name = pending.popLast() {
            guard seen.insert(name).inserted else { continue }
            if let input = input(named: name) { statuses.append(input.provenance.evidence); continue }
            if let d = derived.first(where: { $0.name == name }) { pending += d.value.expression.names.map(\.name) }
        }
        // A line of bare numbers rests on nothing marked.
        if statuses.isEmpty { return nil }
        if statuses.contains(.assumed) { return .assumed }
        if statuses.contains(where: { $0 == nil }) { return nil }
        return statuses.compactMap { $0 }.min()
    }
}
