/// A figure an article or report published about the case, to be reconciled with the model: the
/// number, what it is a figure of, for whom the article claims it, and where it was said.
public struct PublishedFigure: Sendable {
    /// What the model computes that the figure is compared with.
    public enum Quantity: Sendable, Equatable {
        case npv, bcr, roi, pvBenefits, pvCosts
        /// A stakeholder's net.
        case stakeholder(String)
        /// The sum of these lines' present values (benefits and costs by name).
        case lines([String])
        /// The sum of the benefit lines of these kinds (e.g. the "financial" resource lines).
        case kinds([BenefitKind])
        /// An input's or a derived value's base value (a published count or price the model uses).
        case input(String)
        /// How many cases have a positive net (case-based scenarios).
        case casesPositive
    }

    /// How the figure is read when asking whether it holds under the uncertainty.
    public enum Claim: String, Sendable, CaseIterable {
        /// The model's value is at least the figure (a return, a saving).
        case atLeast = "at-least"
        /// At most the figure (a cost, a risk).
        case atMost = "at-most"
        /// Within the figure's tolerance (a count, a price).
        case about
    }

    public var label: String
    public var value: Double
    public var quantity: Quantity
    /// Whose figure the article says it is, when that differs from what the model computes it as
    /// (Den Haag's "levert de gemeente netto 1,8 miljoen op" is society's net).
    public var claimedFor: String?
    /// The variant whose base case the figure describes (a published pessimistic case).
    public var variant: String?
    public var claim: Claim = .atLeast
    /// How far the model may be from the figure and still match it: the published rounding.
    public var tolerance: Double
    public var quote: String?
    public var source: String?
    public var page: String?
    public var note: String?
    /// A bound rather than a point ("ruim een miljoen", "positief"): the model matches it when its
    /// base case satisfies the claim (at least, at most), not only when it is near the figure.
    public var isBound = false
    /// False when the model is known not to reproduce the figure (a corrected model departs from
    /// the source's own calculation); `note` then says why. Tests pin every other figure.
    public var reproduced = true
    public var location: SourceLocation

    /// The output name the quantity is known by (`npv`, `stakeholder:gemeente`, …).
    public var quantityName: String {
        switch quantity {
        case .npv: return "npv"
        case .bcr: return "bcr"
        case .roi: return "roi"
        case .pvBenefits: return "pv_benefits"
        case .pvCosts: return "pv_costs"
        case let .stakeholder(id): return "stakeholder:\(id)"
        case let .lines(names): return "lines:" + names.joined(separator: "+")
        case let .kinds(kinds): return "kinds:" + kinds.map(\.rawValue).joined(separator: "+")
        case let .input(name): return "input:\(name)"
        case .casesPositive: return "cases_positive"
        }
    }
}

/// The `published:` section: the figures, or `none` when the source published no estimate
/// (then no base case is presented as the case's result).
public struct PublishedSection: Sendable {
    public var figures: [PublishedFigure] = []
    public var none = false
    public var location: SourceLocation
}
