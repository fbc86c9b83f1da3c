/// A social cost-benefit case as written in a scenario file (format version 1), decoded and
/// checked field by field but not yet compiled. See `docs/scenario-format.md`.
public struct Scenario: Sendable {
    /// The file it was read from (used in every message).
    public var file: String
    public var title: String
    public var description: String?
    public var source: String?
    public var currency: String = "EUR"
    /// The default language of its reports (`language: nl|en`; `report --lang` overrides it).
    public var language: String?
    /// Years counted: 0 ..< horizon.
    public var horizon: Int = 1
    /// The real annual discount rate: an expression (a number, an input name, or an inline distribution).
    public var discountRate: LocatedExpression
    /// A term structure (rates by year), when the rate is not one number; it replaces `discountRate`.
    public var discountTerms: [DiscountTerm]?
    /// The guideline preset the rate comes from (`discount_rate: nl-2021`), if any.
    public var discountPreset: DiscountPreset?
    /// The rate for lines marked `health: true` (`health_discount_rate:`, or the preset's).
    public var healthDiscountRate: LocatedExpression?
    /// The price level of every result (`price_year:`), and the index that converts other years to it.
    public var priceYear: Int?
    public var priceIndex: PriceIndex?
    /// Programmes enrolling participants every year (`cohorts:`).
    public var cohorts: [CohortSet] = []
    /// What the source published about the case, to reconcile the model with (`published:`).
    public var published: PublishedSection?
    /// The variant this scenario was made from by `applying(_:)`, if any.
    public var appliedVariant: String?
    /// The file's default sample count and seed; the command line overrides them.
    public var samples: Int?
    public var seed: UInt64?
    public var stakeholders: [Stakeholder] = []
    /// Inputs in file order, including those created for inline distributions in expression fields.
    public var inputs: [InputDefinition] = []
    public var correlations: [CorrelationSpec] = []
    public var derived: [DerivedDefinition] = []
    public var costs: [CostLine] = []
    public var benefits: [BenefitLine] = []
    /// Effects named but not valued (the "PM-posten").
    public var unpriced: [String] = []
    /// The expected sign of each unpriced effect on society's net benefit, when the file gives
    /// one (`{name: …, sign: +}`): "+", "−" or "?"; nil where it is not stated. One per entry of `unpriced`.
    public var unpricedSigns: [String?] = []

    /// The expected sign of unpriced effect `i`, if the file gives one.
    public func unpricedSign(_ i: Int) -> String? { unpricedSigns.indices.contains(i) ? unpricedSigns[i] : nil }
    /// Named variations (`variants:`), e.g. a pessimistic case.
    public var variants: [ScenarioVariant] = []
    /// Case-based evidence (`cases:`), priced from `prices:` (which are inputs, marked `isPrice`).
    public var cases: CaseSection?
    /// Warnings found while decoding (errors are thrown instead).
    public var warnings: [Diagnostic] = []
    /// Names declared in the file whose definitions had errors: the compiler does not report
    /// them again as undefined where they are used.
    public var unresolvedNames: Set<String> = []

    /// The input with this name, if any.
    public func input(named name: String) -> InputDefinition? { inputs.first { $0.name == name } }

    /// The cohort set with this name, if any.
    public func cohortSet(named name: String) -> CohortSet? { cohorts.first { $0.name == name } }
}

/// Who pays or who benefits.
public struct Stakeholder: Sendable, Hashable {
    public var id: String
    public var label: String
    public var location: SourceLocation
}

/// An expert estimate: a fixed number or a distribution, with its base (point) value.
public struct InputDefinition: Sendable {
    public var name: String
    public var distribution: any Distribution
    /// The value in the base case: `base` from the file, else the distribution's natural base.
    public var base: Double
    /// True when the input does not vary (a bare number or `dist: fixed`).
    public var isFixed: Bool
    /// True for inputs the engine created from an inline distribution in an expression field.
    public var isInline: Bool
    /// True for entries of the shared price list (`prices:`).
    public var isPrice: Bool = false
    /// True for shared factors (`factors:`): multipliers that several lines use.
    public var isFactor: Bool = false
    public var source: String?
    public var note: String?
    public var location: SourceLocation
    /// Evidence status, quotation or page, and price year.
    public var provenance = Provenance()
    /// For an input given as elicited quantiles: the quantiles and the fit's error.
    public var fit: ElicitedFit?
    /// For an input pooled from several experts: each expert's own estimate.
    public var experts: [ExpertEstimate]?
}

/// A target Spearman rank correlation between two inputs.
public struct CorrelationSpec: Sendable {
    public var first: String
    public var second: String
    public var rho: Double
    public var location: SourceLocation
    /// The entry it was written as (`correlations[2]`; a group gives several pairs).
    public var field: String = ""
}

/// An expression with the place it was written, so that errors inside it can point at a column.
public struct LocatedExpression: Sendable {
    public var expression: Expression
    public var text: String
    public var location: SourceLocation

    public init(expression: Expression, text: String, location: SourceLocation) {
        self.expression = expression
        self.text = text
        self.location = location
    }

    static func constant(_ value: Double, at location: SourceLocation) -> LocatedExpression {
        LocatedExpression(expression: .number(value), text: "\(value)", location: location)
    }
}

/// A named intermediate value (`derived:`).
public struct DerivedDefinition: Sendable {
    public var name: String
    public var value: LocatedExpression
    public var location: SourceLocation
}

/// A cost: `amount` per year in each of `years` years from `start`.
public struct CostLine: Sendable {
    public var name: String
    /// Who pays, for display: the payer's id, or the ids of a split (`payers`).
    public var payer: String?
    /// The payers' shares when the cost is split (`payer: {gemeente: 0.7, rijk: rest}`).
    public var payers: [StakeholderShare] = []
    public var amount: LocatedExpression
    public var years: Int = 1
    public var start: Int = 0
    public var timing = LineTiming()
    /// Shared factors multiplying the amount.
    public var factors: [String] = []
    public var provenance = Provenance()
    public var location: SourceLocation
}

/// What a benefit line is, for the society view and for subtotals.
public enum BenefitKind: String, Sendable, CaseIterable {
    case resource, wellbeing, productivity, transfer
}

/// A benefit: its gross value in its first year, adjusted SROI-style and spread over `duration` years.
public struct BenefitLine: Sendable {
    public var name: String
    /// Who benefits, for display: the beneficiary's id, or the ids of a split (`beneficiaries`).
    public var beneficiary: String?
    /// The beneficiaries' shares when the effect is split (`beneficiary: {households: 0.6, rijk: rest}`).
    public var beneficiaries: [StakeholderShare] = []
    /// For transfers: the stakeholder whose loss is the beneficiary's gain.
    public var from: String?
    public var kind: BenefitKind = .resource
    public var amount: LocatedExpression
    public var attribution: LocatedExpression
    public var deadweight: LocatedExpression
    public var displacement: LocatedExpression
    public var dropOff: LocatedExpression
    /// A yearly relapse probability: the share still present after t years is (1 − relapse)^t.
    public var relapse: LocatedExpression?
    /// A survival curve: the share still present in each year of the line.
    public var survival: [LocatedExpression]?
    public var duration: Int = 1
    public var start: Int = 0
    public var timing = LineTiming()
    /// Shared factors multiplying the amount.
    public var factors: [String] = []
    /// For transfers (write-offs): the share of the face value the payer would have recovered,
    /// at which the transfer is valued (default 1, face value).
    public var recovery: LocatedExpression?
    /// Transfers between stakeholders that come with the effect.
    public var transfers: [TransferLeg] = []
    public var provenance = Provenance()
    public var location: SourceLocation

    /// Whether the persistence is the plain geometric drop-off (no relapse, no survival curve).
    var hasGeometricPersistence: Bool { survival == nil }
}
