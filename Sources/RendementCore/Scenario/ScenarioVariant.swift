/// A named variation of a scenario (`variants:` in the file): other estimates for some inputs,
/// another discount rate or horizon, and lines left out (by kind or by name), e.g. a published
/// pessimistic case or a "financial only" view.
public struct ScenarioVariant: Sendable {
    public var name: String
    public var description: String?
    /// Inputs given new estimates; each replaces the scenario's input of the same name.
    public var inputs: [InputDefinition] = []
    public var discountRate: LocatedExpression?
    public var horizon: Int?
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
        for override in variant.inputs {
            if let i = s.inputs.firstIndex(where: { $0.name == override.name }) { s.inputs[i] = override }
            else { s.inputs.append(override) }
        }
        // A variant that fixes a correlated input takes it out of the correlation (a fixed value
        // has no rank to correlate).
        let inputs = s.inputs
        s.correlations.removeAll { spec in
            [spec.first, spec.second].contains { name in inputs.first { $0.name == name }?.isFixed ?? true }
        }
        if let rate = variant.discountRate { s.discountRate = rate }
        if let horizon = variant.horizon { s.horizon = horizon }
        let excluded = Set(variant.exclude.map(\.name))
        s.costs.removeAll { excluded.contains($0.name) }
        s.benefits.removeAll { excluded.contains($0.name) || excluded.contains($0.kind.rawValue) }
        s.variants = []
        return s
    }
}
