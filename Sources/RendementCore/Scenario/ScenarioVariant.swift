/// A named variation of a scenario (`variants:` in the file): other estimates for some inputs,
/// another discount rate or horizon, and lines left out (by kind or by name), e.g. a published
/// pessimistic case or a "financial only" view.
public struct ScenarioVariant: Sendable {
    public var name: String
    public var description: String?
    /// Inputs given new estimates; each replaces the scenario's input of the same name.
    public var inputs: [InputDefinition] = []
    public var discountRate: LocatedExpression?
    /// A guideline preset for the discount rate (`discount_rate: nl-2015`).
    public var discountPreset: DiscountPreset?
    public var horizon: Int?
    /// Derived values given new expressions; each replaces the scenario's of the same name.
    public var derived: [DerivedDefinition] = []
    /// Kinds (`wellbeing`, …) or line names left out, with where each was written.
    public var exclude: [(name: String, location: SourceLocation)] = []
    public var location: SourceLocation
}

extension Scenario {
    /// The variant with this name, if the file defines one.
    public func variant(named name: String) -> ScenarioVariant? { variants.first { $0.name == name } }

    /// This scenario with a variant's changes applied (already validated when the file was read).
    public func applying(_ variant: ScenarioVariant) -> Scenario {
        var s = self
        s.title = "\(title) — \(variant.name)"
        s.appliedVariant = variant.name
        for var override in variant.inputs {
            if let i = s.inputs.firstIndex(where: { $0.name == override.name }) {
                // A new estimate of a price or a shared factor is still a price or a factor, and
                // keeps its price year and evidence unless the variant gives its own.
                override.isPrice = s.inputs[i].isPrice
                override.isFactor = s.inputs[i].isFactor
                if override.provenance.priceYear == nil { override.provenance.priceYear = s.inputs[i].provenance.priceYear }
                s.inputs[i] = override
            } else {
                s.inputs.append(override)
            }
        }
        // A variant that fixes a correlated input takes it out of the correlation (a fixed value
        // has no rank to correlate).
        let inputs = s.inputs
        s.correlations.removeAll { spec in
            [spec.first, spec.second].contains { name in inputs.first { $0.name == name }?.isFixed ?? true }
        }
        for override in variant.derived {
            if let i = s.derived.firstIndex(where: { $0.name == override.name }) { s.derived[i] = override }
        }
        if let preset = variant.discountPreset {
            s.apply(preset, at: variant.location)
        } else if let rate = variant.discountRate {
            s.discountRate = rate
            s.discountTerms = nil
            s.discountPreset = nil
        }
        if let horizon = variant.horizon { s.horizon = horizon }
        let excluded = Set(variant.exclude.map(\.name))
        s.costs.removeAll { excluded.contains($0.name) }
        s.benefits.removeAll { excluded.contains($0.name) || excluded.contains($0.kind.rawValue) }
        s.variants = []
        return s
    }
}

extension Scenario {
    /// Sets the discount rate to a guideline preset (its term structure and health rate too).
    public mutating func apply(_ preset: DiscountPreset, at location: SourceLocation) {
        discountPreset = preset
        discountRate = .constant(preset.rate, at: location)
        discountTerms = preset.terms.count > 1 ? preset.terms : nil
        if let health = preset.healthRate { healthDiscountRate = .constant(health, at: location) }
    }
}
