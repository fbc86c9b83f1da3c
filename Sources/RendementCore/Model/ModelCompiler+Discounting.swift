/// The discounting of one compiled scenario: the rate nodes, and the discount factor of every
/// project year, built on first use (an unused node costs nothing: programs compute only what
/// their outputs read).
struct DiscountNodes {
    /// The rate (a node; per sample when uncertain), and the rate for health effects.
    var rate = 0
    var healthRate = 0
    /// A term structure replaces `rate` with constant rates by year.
    var terms: [DiscountTerm]?
    /// Discount factors by project year, general and health, as far as built.
    var factors: [Int] = []
    var healthFactors: [Int] = []
}

extension CompilerState {
    mutating func buildDiscounting() {
        let rate = build(scenario.discountRate, field: "discount_rate") ?? graph.constant(0)
        checkRange(rate, scenario.discountRate, field: "discount_rate", lower: -1, upper: .infinity, strictLower: true, what: "a discount rate")
        discount.rate = rate
        discount.healthRate = rate
        if let health = scenario.healthDiscountRate {
            let node = build(health, field: "health_discount_rate") ?? rate
            checkRange(node, health, field: "health_discount_rate", lower: -1, upper: .infinity, strictLower: true, what: "a discount rate")
            discount.healthRate = node
        }
        discount.terms = scenario.discountTerms
        discount.factors = [graph.constant(1)]
        discount.healthFactors = [graph.constant(1)]
    }

    /// The factor that discounts a flow in project year `year` to year 0: the product of
    /// 1 / (1 + r) over the years before it, divided in the same order as `presentValueFactor`.
    mutating func discountFactor(year: Int, health: Bool) -> Int {
        var factors = health ? discount.healthFactors : discount.factors
        while factors.count <= year {
            let y = factors.count - 1   // the year whose rate takes the factor one year further
            let growth = graph.binary(.add, graph.constant(1), health ? discount.healthRate : rate(inYear: y))
            factors.append(graph.binary(.divide, factors[y], growth))
        }
        if health { discount.healthFactors = factors } else { discount.factors = factors }
        return factors[year]
    }

    /// The general rate between year y and y + 1 (a term structure's, else the scenario's).
    private mutating func rate(inYear y: Int) -> Int {
        guard let terms = discount.terms else { return discount.rate }
        let term = terms.last { $0.fromYear <= y } ?? terms[0]
        return graph.constant(term.rate)
    }

    /// Σ over t < count of (1 − decay)^t × discount(start + t): the present value of one unit a
    /// year from `start` for `count` years. With one rate this is the engine's closed-form node
    /// (the same bits as always); a term structure sums the factors.
    mutating func presentValue(decay: Int, start: Int, count: Int, health: Bool) -> Int {
        if discount.terms == nil || health {
            return graph.presentValue(rate: health ? discount.healthRate : discount.rate, decay: decay, start: start, count: count)
        }
        let one = graph.constant(1)
        var sum = graph.constant(0), keep = one
        for t in 0..<max(count, 0) {
            sum = graph.binary(.add, sum, graph.binary(.multiply, keep, discountFactor(year: start + t, health: false)))
            keep = graph.binary(.multiply, keep, graph.binary(.subtract, one, decay))
        }
        return sum
    }

    /// The factor converting euros of `year` to the scenario's price level, or nil (reported).
    mutating func priceConversion(from year: Int, field: String, at location: SourceLocation) -> Double? {
        guard let target = scenario.priceYear else {
            log.error(location, field, "a price year is given here but the scenario has none",
                      hint: "set 'price_year:' at the top: the price level every result is expressed in")
            return nil
        }
        if year == target { return 1 }
        guard let index = scenario.priceIndex else {
            log.error(location, field, "prices of \(year) must be converted to \(target), but the scenario gives no price index",
                      hint: "add 'price_index: cpi-nl' (CBS consumer prices) or a mapping of years to index values")
            return nil
        }
        guard let factor = index.factor(from: year, to: target) else {
            let missing = index.values[year] == nil ? year : target
            log.error(location, field, "the price index has no value for \(missing)",
                      hint: "the \(index.name) series covers \(index.coverage)")
            return nil
        }
        for y in [year, target] where index.provisional.contains(y) && warnedProvisional.insert(y).inserted {
            log.warning(location, field, "the \(index.name) value for \(y) is provisional (chained from yearly inflation, not a published level)",
                        hint: "give the published index as price_index: {\(y): …} if exactness matters")
        }
        return factor
    }
}
