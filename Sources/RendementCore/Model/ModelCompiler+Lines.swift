/// What the compiler keeps of a line (or a part of one): its present value and, for the
/// per-year table, its flows by project year (in real prices, undiscounted).
struct LineNodes {
    var pv: Int
    var flows: [Int: Int] = [:]
    /// Discounted at the health rate.
    var health = false
}

/// A benefit line compiled: the line, the transfers that come with it, and each beneficiary's part.
struct BenefitNodes {
    var line: LineNodes
    /// The line's value before timing (amount × adjustments), for the dependence check.
    var value: Int
    var legs: [(from: String, to: String, line: LineNodes)] = []
    /// Who receives the line, with their part (one entry with the whole line when not split).
    var parts: [(stakeholder: String, line: LineNodes)] = []
}

/// One line as the compiler reads it: what is built per year and how the years run.
struct LineSpec {
    var name: String
    var field: String
    var location: SourceLocation
    var amount: LocatedExpression
    /// Year-independent multipliers of the amount (price conversion, shared factors).
    var multipliers: [Int] = []
    var recovery: LocatedExpression?
    /// attribution, deadweight, displacement (benefits only).
    var shares: [(key: String, value: LocatedExpression)] = []
    var decay: (key: String, value: LocatedExpression)?
    var survival: [LocatedExpression]?
    var profile: [LocatedExpression]?
    var start: Int
    var length: Int
    var lengthKey: String
    var cohort: CohortSet?
    var health: Bool
}

extension CompilerState {
    mutating func compileCost(_ cost: CostLine, index i: Int) -> LineNodes {
        let field = "costs[\(i)]"
        var spec = LineSpec(name: cost.name, field: field, location: cost.location, amount: cost.amount,
                            profile: cost.timing.profile, start: cost.start, length: cost.years, lengthKey: "years",
                            cohort: cost.timing.cohort.flatMap { scenario.cohortSet(named: $0) }, health: false)
        spec.multipliers = multipliers(priceYear: cost.provenance.priceYear, factors: cost.factors, field: field, at: cost.location)
        let fast = !needsYears(spec, extra: [])
        return compileLine(spec, fast: fast).line
    }

    mutating func compileBenefit(_ b: BenefitLine, index i: Int) -> BenefitNodes {
        let field = "benefits[\(i)]"
        var spec = LineSpec(name: b.name, field: field, location: b.location, amount: b.amount, recovery: b.recovery,
                            shares: [("attribution", b.attribution), ("deadweight", b.deadweight), ("displacement", b.displacement)],
                            decay: b.relapse.map { ("relapse", $0) } ?? ("drop_off", b.dropOff), survival: b.survival,
                            profile: b.timing.profile, start: b.start, length: b.duration, lengthKey: "duration",
                            cohort: b.timing.cohort.flatMap { scenario.cohortSet(named: $0) }, health: b.timing.health)
        spec.multipliers = multipliers(priceYear: b.provenance.priceYear, factors: b.factors, field: field, at: b.location)
        let fast = !needsYears(spec, extra: b.transfers.flatMap { [$0.amount, $0.share] })
        let (line, value) = compileLine(spec, fast: fast)
        var result = BenefitNodes(line: line, value: value)
        for (l, leg) in b.transfers.enumerated() {
            let legField = "\(field).transfers[\(l)]"
            if let share = leg.share {
                let s = build(share, field: "\(legField).share") ?? graph.constant(0)
                checkRange(s, share, field: "\(legField).share", lower: 0, upper: 1, strictLower: false, what: "a share")
                result.legs.append((leg.from, leg.to, scaled(line, by: s)))
            } else if let amount = leg.amount {
                var legSpec = spec
                legSpec.amount = amount
                legSpec.recovery = nil
                legSpec.field = legField
                result.legs.append((leg.from, leg.to, compileLine(legSpec, fast: fast, warnings: false).line))
            }
        }
        result.parts = parts(of: line, b.beneficiaries, single: b.beneficiary, field: "\(field).beneficiary")
        return result
    }

    /// Each stakeholder's part of a line split by shares (`rest` takes the line less the others).
    mutating func parts(of line: LineNodes, _ shares: [StakeholderShare], single: String?, field: String) -> [(stakeholder: String, line: LineNodes)] {
        guard !shares.isEmpty else { return single.map { [($0, line)] } ?? [] }
        var parts: [(stakeholder: String, line: LineNodes)] = []
        var restIndex: Int?
        for share in shares {
            guard let expression = share.share else { restIndex = parts.count; parts.append((share.stakeholder, line)); continue }
            let s = build(expression, field: "\(field).\(share.stakeholder)") ?? graph.constant(0)
            checkRange(s, expression, field: "\(field).\(share.stakeholder)", lower: 0, upper: 1, strictLower: false, what: "a share")
            parts.append((share.stakeholder, scaled(line, by: s)))
        }
        if let r = restIndex {
            // The rest is the line less the others' parts, so that the parts add up to the line.
            var rest = line
            for (k, part) in parts.enumerated() where k != r {
                rest.pv = graph.binary(.subtract, rest.pv, part.line.pv)
                for (year, flow) in part.line.flows { rest.flows[year] = graph.binary(.subtract, rest.flows[year] ?? graph.constant(0), flow) }
            }
            parts[r].line = rest
        }
        return parts
    }

    mutating func scaled(_ line: LineNodes, by s: Int) -> LineNodes {
        var result = line
        result.pv = graph.binary(.multiply, s, line.pv)
        result.flows = line.flows.mapValues { graph.binary(.multiply, s, $0) }
        return result
    }

    /// Price conversion and shared factors: constants and inputs that multiply a line's amount.
    private mutating func multipliers(priceYear: Int?, factors: [String], field: String, at location: SourceLocation) -> [Int] {
        var result: [Int] = []
        if let year = priceYear, let factor = priceConversion(from: year, field: "\(field).price_year", at: location), factor != 1 {
            result.append(graph.constant(factor))
        }
        for name in factors {
            guard let d = scenario.input(named: name), d.isFactor else { continue }   // reported by the decoder
            if let node = build(LocatedExpression(expression: .name(name, offset: 0), text: name, location: location), field: "\(field).factor") {
                result.append(node)
            }
        }
        return result
    }

    /// Whether the line needs the per-year path: a profile, a survival curve, cohorts, or an
    /// expression that uses the year variables.
    private mutating func needsYears(_ spec: LineSpec, extra: [LocatedExpression?]) -> Bool {
        if spec.profile != nil || spec.survival != nil || spec.cohort != nil { return true }
        let expressions: [LocatedExpression?] = [spec.amount, spec.recovery, spec.decay?.value] + spec.shares.map(\.value) + extra
        return expressions.contains { usesYear($0) }
    }

    /// amount × multipliers × recovery, and the adjustment attribution × (1 − deadweight) × (1 − displacement).
    private mutating func valueAndAdjustment(_ spec: LineSpec, at context: YearContext?, check: Bool) -> (amount: Int, adjustment: Int) {
        let zero = graph.constant(0), one = graph.constant(1)
        var amount = build(spec.amount, field: "\(spec.field).amount", at: context) ?? zero
        for m in spec.multipliers { amount = graph.binary(.multiply, amount, m) }
        if let recovery = spec.recovery {
            let r = build(recovery, field: "\(spec.field).recovery", at: context) ?? one
            if check { checkRange(r, recovery, field: "\(spec.field).recovery", lower: 0, upper: 1, strictLower: false, what: "a share") }
            amount = graph.binary(.multiply, amount, r)
        }
        guard spec.shares.count == 3 else { return (amount, one) }
        var nodes: [Int] = []
        for (key, e) in spec.shares {
            let node = build(e, field: "\(spec.field).\(key)", at: context) ?? zero
            if check { checkRange(node, e, field: "\(spec.field).\(key)", lower: 0, upper: 1, strictLower: false, what: "a share") }
            nodes.append(node)
        }
        let adjustment = graph.binary(.multiply, graph.binary(.multiply, nodes[0], graph.binary(.subtract, one, nodes[1])),
                                      graph.binary(.subtract, one, nodes[2]))
        return (amount, adjustment)
    }

    private mutating func decayNode(_ spec: LineSpec, at context: YearContext?, check: Bool) -> Int {
        guard let (key, e) = spec.decay else { return graph.constant(0) }
        let node = build(e, field: "\(spec.field).\(key)", at: context) ?? graph.constant(0)
        if check { checkRange(node, e, field: "\(spec.field).\(key)", lower: 0, upper: 1, strictLower: false, what: "a share") }
        return node
    }

    /// Compiles a line: its present value (and flows by year when the per-year table is built),
    /// and its value before timing. `fast` lines (no per-year feature) use the closed-form present
    /// value, exactly as the engine always has.
    mutating func compileLine(_ spec: LineSpec, fast: Bool, warnings: Bool = true) -> (line: LineNodes, value: Int) {
        guard fast else { return compileLineByYear(spec, warnings: warnings) }
        let (amount, adjustment) = valueAndAdjustment(spec, at: nil, check: warnings)
        let decay = decayNode(spec, at: nil, check: warnings)
        let count = warnings ? yearsCounted(start: spec.start, length: spec.length, horizon: scenario.horizon, field: spec.field, name: spec.name, at: spec.location)
            : max(0, min(spec.length, scenario.horizon - spec.start))
        let pv = presentValue(decay: decay, start: spec.start, count: count, health: spec.health)
        let value = graph.binary(.multiply, amount, adjustment)
        var line = LineNodes(pv: graph.binary(.multiply, value, pv), health: spec.health)
        if byYear {
            let one = graph.constant(1)
            var keep = one
            for t in 0..<count {
                line.flows[spec.start + t] = graph.binary(.multiply, value, keep)
                keep = graph.binary(.multiply, keep, graph.binary(.subtract, one, decay))
            }
        }
        return (line, value)
    }

    /// The per-year path: every (cohort, year) of the line built in its own year, so that the
    /// amount may depend on `t`, `year` and `cohort`, and profiles and survival curves apply.
    private mutating func compileLineByYear(_ spec: LineSpec, warnings: Bool) -> (line: LineNodes, value: Int) {
        let zero = graph.constant(0), one = graph.constant(1)
        let horizon = scenario.horizon
        // The intakes (one pseudo-cohort of one participant without a cohort set).
        var cohorts: [(k: Int?, shift: Int, intake: Int)] = [(nil, 0, one)]
        if let set = spec.cohort {
            cohorts = (0..<set.years).map { k in
                let e = set.intake(of: k)
                let node = build(e, field: "cohorts.\(set.name).intake", at: YearContext(t: 0, year: set.start + k, cohort: k)) ?? zero
                if warnings, k == 0 || set.intake.count > 1 {
                    checkRange(node, e, field: "cohorts.\(set.name).intake", lower: 0, upper: .infinity, strictLower: false, what: "an intake")
                }
                return (k, set.start + k, node)
            }
        }
        // Cohorts that enrol no one (an intake of 0) lose nothing to the horizon.
        if warnings { warnAboutYearsOutside(spec, shifts: cohorts.filter { graph.constantValue($0.intake) != 0 }.map(\.shift)) }
        let cells = cohorts.reduce(0) { $0 + max(0, min(spec.length, horizon - $1.shift - spec.start)) }
        lineYears += cells
        guard lineYears <= Limits.lineYears else {
            if lineYears - cells <= Limits.lineYears {
                log.error(spec.location, spec.field, "the scenario's lines run over more than \(Limits.grouped(Limits.lineYears)) cohort-years in all",
                          hint: "use fewer cohorts, shorter lines or a shorter horizon")
            }
            return (LineNodes(pv: zero), zero)
        }
        // The per-participant flow F[k][t] of each cohort in each year of the line.
        var flows: [[Int]] = []
        var value = zero
        for (c, cohort) in cohorts.enumerated() {
            var row: [Int] = []
            var keep = one
            for t in 0..<spec.length {
                let year = cohort.shift + spec.start + t
                guard year < horizon else { break }
                let context = YearContext(t: t, year: year, cohort: cohort.k)
                let check = warnings && c == 0
                let (amount, adjustment) = valueAndAdjustment(spec, at: context, check: check && t == 0)
                var flow = graph.binary(.multiply, amount, adjustment)
                if c == 0, t == 0 { value = flow }
                if let survival = spec.survival {
                    let s = build(survival[t], field: "\(spec.field).survival[\(t)]", at: context) ?? zero
                    if check { checkRange(s, survival[t], field: "\(spec.field).survival[\(t)]", lower: 0, upper: 1, strictLower: false, what: "a share") }
                    flow = graph.binary(.multiply, flow, s)
                } else {
                    flow = graph.binary(.multiply, flow, keep)
                    let decay = decayNode(spec, at: context, check: check && t == 0)
                    keep = graph.binary(.multiply, keep, graph.binary(.subtract, one, decay))
                }
                if let profile = spec.profile {
                    let p = build(profile[t], field: "\(spec.field).profile[\(t)]", at: context) ?? zero
                    flow = graph.binary(.multiply, flow, p)
                }
                row.append(flow)
            }
            flows.append(row)
        }
        var line = LineNodes(pv: zero, health: spec.health)
        // With one rate, discount(shift + s) = discount(shift) × discount(s): when every cohort has
        // the same flows, the line is Σ_k intake_k × discount(shift_k) × (its first T_k years' PV),
        // from running sums, in K + T steps instead of K × T.
        let oneRate = discount.terms == nil || spec.health
        let sameFlows = flows.allSatisfy { row in zip(row, flows[0]).allSatisfy { $0 == $1 } }
        if oneRate, sameFlows, cohorts.count > 1 {
            var running = [zero]
            for (t, f) in flows[0].enumerated() {
                running.append(graph.binary(.add, running[t], graph.binary(.multiply, f, discountFactor(year: spec.start + t, health: spec.health))))
            }
            for (c, cohort) in cohorts.enumerated() where !flows[c].isEmpty {
                let pv = graph.binary(.multiply, graph.binary(.multiply, cohort.intake, discountFactor(year: cohort.shift, health: spec.health)), running[flows[c].count])
                line.pv = graph.binary(.add, line.pv, pv)
            }
        } else {
            for (c, cohort) in cohorts.enumerated() {
                for (t, f) in flows[c].enumerated() {
                    let term = graph.binary(.multiply, graph.binary(.multiply, cohort.intake, f), discountFactor(year: cohort.shift + spec.start + t, health: spec.health))
                    line.pv = graph.binary(.add, line.pv, term)
                }
            }
        }
        if byYear {
            for (c, cohort) in cohorts.enumerated() {
                for (t, f) in flows[c].enumerated() {
                    let year = cohort.shift + spec.start + t
                    line.flows[year] = graph.binary(.add, line.flows[year] ?? zero, graph.binary(.multiply, cohort.intake, f))
                }
            }
        }
        return (line, value)
    }

    /// Warns when part of a line (of any cohort) falls after the horizon.
    private func warnAboutYearsOutside(_ spec: LineSpec, shifts: [Int]) {
        let horizon = scenario.horizon
        let lost = shifts.reduce(0) { $0 + spec.length - max(0, min(spec.length, horizon - $1 - spec.start)) }
        guard lost > 0, let last = shifts.max() else { return }
        let end = last + spec.start + spec.length - 1
        let what = shifts.count > 1 ? "its last cohort runs to year \(end)" : "'\(spec.name)' runs to year \(end)"
        log.warning(spec.location, spec.field, "\(what) but the horizon ends at year \(horizon - 1): \(lost) \(shifts.count > 1 ? "cohort-" : "")year\(lost == 1 ? " is" : "s are") not counted",
                    hint: "set 'horizon: \(end + 1)' to count them all")
    }
}
