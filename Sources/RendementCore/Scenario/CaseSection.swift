/// Case-based evidence (the effectencalculator): a handful of real client cases, each told
/// twice — with the intervention (what happened) and without it (what would have happened) —
/// every event priced from the shared price list. See docs/cases.md.
public struct CaseSection: Sendable {
    /// True when the cases were chosen (purposive), not drawn at random: then the bootstrap
    /// over cases understates the uncertainty, and every output says so.
    public var selected: Bool = true
    /// Clients served: the scale-up from the mean case to the population.
    public var population: LocatedExpression
    public var cases: [CaseDefinition]
    public var location: SourceLocation
}

/// One client case.
public struct CaseDefinition: Sendable {
    public var id: String
    public var description: String?
    /// The cost of the support given (an expression of prices and inputs).
    public var cost: LocatedExpression
    public var payer: String?
    /// Events on the path with the intervention, and on the path without it.
    public var with: [CaseEvent]
    public var without: [CaseEvent]
    public var provenance = Provenance()
    public var location: SourceLocation
}

/// One priced event on a case's path: its amount, how likely it is, and who bears it.
public struct CaseEvent: Sendable {
    public var name: String
    public var amount: LocatedExpression
    /// The probability that the event happens on this path (default 1): it weights the amount.
    public var probability: LocatedExpression
    public var stakeholder: String?
    /// A transfer between stakeholders on this path (`kind: transfer`, `from:`, `to:`): it counts
    /// for neither path's society total.
    public var transferFrom: String?
    public var transferTo: String?
    /// When the event's cost falls: from year `start`, for `duration` years, declining by
    /// `drop_off` a year, discounted like a line (default: once, in year 0).
    public var start: Int = 0
    public var duration: Int = 1
    public var dropOff: LocatedExpression?
    /// A support activity on the path with the intervention (`kind: cost`): it counts as a cost
    /// of the intervention, not as a negative benefit.
    public var isCost = false
    /// Discounted at the health rate (QALYs).
    public var health = false
    public var provenance = Provenance()
    public var location: SourceLocation

    public var isTransfer: Bool { transferFrom != nil }
}
