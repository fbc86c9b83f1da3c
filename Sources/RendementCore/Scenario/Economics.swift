/// How well a figure is supported: what a reader needs to know before trusting it.
public enum Evidence: String, Sendable, CaseIterable, Comparable {
    /// A figure from a published study or report (give `source`, and `quote` or `page`).
    case published
    /// An estimate by a named expert or panel.
    case expert
    /// An assumption of the analyst.
    case assumed

    /// Strength, weakest first: a line resting on several figures is as strong as its weakest.
    var strength: Int {
        switch self { case .assumed: return 0; case .expert: return 2; case .published: return 3 }
    }

    public static func < (a: Evidence, b: Evidence) -> Bool { a.strength < b.strength }
}

/// Where a figure comes from: its evidence status, source, quotation or page, and the price
/// level its euros are in. Inputs and lines carry one each.
public struct Provenance: Sendable {
    public var evidence: Evidence?
    public var source: String?
    public var quote: String?
    public var page: String?
    public var note: String?
    /// The year whose prices the amounts are in, when it differs from the scenario's.
    public var priceYear: Int?
    /// The name a reader sees in reports (`label:`), instead of the identifier.
    public var label: String?

    public init(evidence: Evidence? = nil, source: String? = nil, quote: String? = nil, page: String? = nil, note: String? = nil, priceYear: Int? = nil) {
        self.evidence = evidence
        self.source = source
        self.quote = quote
        self.page = page
        self.note = note
        self.priceYear = priceYear
    }
}

/// One stakeholder's share of a line (`beneficiary: {households: 0.6, rijk: rest}`).
public struct StakeholderShare: Sendable {
    public var stakeholder: String
    /// The share (an expression in [0, 1]); nil for `rest`, one minus the others.
    public var share: LocatedExpression?
    public var location: SourceLocation
}

/// A transfer attached to a line: money that moves from one stakeholder to another because of
/// the effect (the benefit payment a municipality no longer pays when someone finds work). It
/// follows the line's timing and adjustments, and nets to zero for society.
public struct TransferLeg: Sendable {
    public var name: String?
    public var from: String
    public var to: String
    /// An amount per unit of the line (adjusted like the line's amount), or a share of the line's value.
    public var amount: LocatedExpression?
    public var share: LocatedExpression?
    public var location: SourceLocation
}

/// A programme that enrols participants every year: `years` cohorts from project year `start`,
/// cohort k (0-based) enrolling `intake[k]` participants (one expression for all, which may use
/// the name `cohort`, or one per cohort). A line with `cohort:` is per participant and is
/// repeated for every cohort, shifted by its intake year.
public struct CohortSet: Sendable {
    public var name: String
    public var intake: [LocatedExpression]
    public var years: Int
    public var start: Int
    public var location: SourceLocation

    /// The intake expression of cohort k.
    func intake(of k: Int) -> LocatedExpression { intake.count == 1 ? intake[0] : intake[k] }
}

/// The per-year timing of a line beyond start and length: a profile of factors by year, the
/// cohort set it belongs to, and whether it is discounted at the health rate.
public struct LineTiming: Sendable {
    /// Factors by year of the line (t = 0, 1, …), multiplying its amount (ramp-up, phase-out).
    public var profile: [LocatedExpression]?
    /// The cohort set whose participants the line's amount is per.
    public var cohort: String?
    /// Discounted at the health rate (`health_discount_rate`), for health effects (QALYs).
    public var health = false

    public init() {}

    var isPlain: Bool { profile == nil && cohort == nil }
}
