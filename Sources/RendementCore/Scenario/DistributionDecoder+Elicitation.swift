import Yams

/// What an input's elicitation recorded: the quantiles it was fitted to and how well the chosen
/// family honours them (exactly for a metalog with one term per quantile).
public struct ElicitedFit: Sendable {
    public var pairs: [(p: Double, x: Double)]
    public var family: QuantileFit.Family
    /// Root mean square and largest absolute difference at the elicited probabilities.
    public var rmse: Double
    public var maxError: Double
}

/// One expert's estimate of a pooled input, as `check` shows it beside the pool.
public struct ExpertEstimate: Sendable {
    public var name: String
    /// The normalised weight.
    public var weight: Double
    public var distribution: any Distribution
    public var provenance: Provenance
    public var fit: ElicitedFit?
}

extension DistributionDecoder {
    /// The most experts one input may pool.
    static let maxExperts = 20

    /// `quantiles:` as a mapping from probability to value (`{0.1: 10, 0.5: 15, 0.9: 30}`, keys
    /// also as `p10`) or a list of `[probability, value]` pairs, as written (`QuantileFit.checked`
    /// holds the rules they must follow).
    func quantilePairs(_ node: Node, _ field: String) -> [(p: Double, x: Double)]? {
        let log = reader.log
        var pairs: [(p: Double, x: Double)] = []
        var problems = false
        switch node {
        case .mapping:
            guard let entries = reader.mapping(node, field) else { return nil }
            for entry in entries {
                guard let p = QuantileFit.probability(parsing: entry.key) else {
                    log.error(reader.location(entry.keyNode), field, "'\(entry.key.prefix(40))' is not a probability",
                              hint: "write each quantile as probability: value, e.g. {0.1: 10, 0.5: 15, 0.9: 30} or {p10: 10, p50: 15, p90: 30}")
                    problems = true; continue
                }
                guard let x = reader.number(entry.value, "\(field).\(entry.key)") else { problems = true; continue }
                pairs.append((p, x))
            }
        case .sequence:
            guard let items = reader.sequence(node, field) else { return nil }
            for (i, item) in items.enumerated() {
                guard case let .sequence(pair) = item, pair.count == 2,
                      let p = reader.number(pair[0], "\(field)[\(i)]", what: "a probability"),
                      let x = reader.number(pair[1], "\(field)[\(i)]") else {
                    if case .sequence(let pair) = item, pair.count == 2 { problems = true; continue }
                    log.error(reader.location(item), "\(field)[\(i)]", "expected a [probability, value] pair, found \(reader.describe(item))")
                    problems = true; continue
                }
                pairs.append((p, x))
            }
        default:
            log.error(reader.location(node), field, "expected the elicited quantiles, found \(reader.describe(node))",
                      hint: "write {0.1: 10, 0.5: 15, 0.9: 30}: each probability with the value the expert gave for it")
            return nil
        }
        guard !problems else { return nil }
        return pairs
    }

    /// `dist: metalog` (exact through the quantiles) or `dist: elicited` with `fit:` a family
    /// (least squares for PERT, lognormal and beta; `best` takes the smallest error).
    func elicited(_ kind: String, _ v: [String: Double], _ nodes: [String: Node], _ check: ParameterCheck) -> (distribution: any Distribution, fit: ElicitedFit)? {
        let field = check.field
        guard let written = quantilePairs(nodes["quantiles"]!, "\(field).quantiles") else { return nil }
        let (lower, upper) = (v["lower"], v["upper"])
        let pairs: [(p: Double, x: Double)]
        switch QuantileFit.checked(written, lower: lower, upper: upper) {
        case let .success(sorted): pairs = sorted
        case let .failure(error): check.fail(error.message, key: error.bound ?? "quantiles", hint: error.hint); return nil
        }
        var family = QuantileFit.Family.metalog
        var best = false
        if kind == "elicited", let fitNode = nodes["fit"] {
            guard let word = reader.string(fitNode, "\(field).fit", what: "a family") else { return nil }
            let names = QuantileFit.Family.allCases.map(\.rawValue) + ["best"]
            if word == "best" { best = true }
            else if let chosen = QuantileFit.Family(rawValue: word) { family = chosen }
            else {
                check.fail("unknown fit '\(word)'; the fits are \(names.joined(separator: ", "))", key: "fit"); return nil
            }
        }
        if family == .metalog && !best {
            var terms: Int?
            if let t = v["terms"] {
                guard t == t.rounded(), t >= 2, t <= Double(pairs.count) else {
                    check.fail("terms must be a whole number from 2 to the number of quantiles (\(pairs.count)), found \(format(t))", key: "terms"); return nil
                }
                terms = Int(t)
            }
            do {
                let d = try MetalogDistribution.fit(pairs, lower: lower, upper: upper, terms: terms)
                let errors = pairs.map { d.quantile($0.p) - $0.x }
                let rmse = (errors.reduce(0) { $0 + $1 * $1 } / Double(errors.count)).squareRoot()
                return (d, ElicitedFit(pairs: pairs, family: .metalog, rmse: rmse, maxError: errors.map(abs).max() ?? 0))
            } catch {
                let fewer = (terms ?? pairs.count) > 2 ? "terms: \((terms ?? pairs.count) - 1), " : ""
                switch error {
                case .infeasible:
                    check.fail("the metalog through these quantiles is not a distribution (its density turns negative)", key: "quantiles",
                               hint: "try \(fewer)quantiles more evenly spread, bounds (lower:, upper:), or dist: elicited with fit: pert (least squares)")
                case .singular:
                    check.fail("the quantiles do not determine a metalog (the fit is singular); use fewer terms or other probabilities", key: "quantiles")
                default:
                    check.fail("these quantiles cannot be fitted as a metalog", key: "quantiles")
                }
                return nil
            }
        }
        let candidate = best ? QuantileFit.candidates(pairs, lower: lower, upper: upper).first
                             : QuantileFit.fit(family, pairs, lower: lower, upper: upper)
        guard let candidate else {
            let why: String
            switch family {
            case .lognormal: why = "a lognormal needs positive values and no upper bound"
            case .beta: why = "a beta needs both lower: and upper:"
            default: why = "no \(family.rawValue) fits these quantiles"
            }
            check.fail("cannot fit a \(best ? "distribution" : family.rawValue) to these quantiles: \(why)", key: "fit"); return nil
        }
        return (candidate.distribution, ElicitedFit(pairs: pairs, family: candidate.family, rmse: candidate.rmse, maxError: candidate.maxError))
    }

    /// `experts:` a list of estimates of one input (each any distribution form, with `expert:`
    /// its name or role, an optional `weight:`, and its own source), pooled linearly.
    func pool(_ node: Node, _ pairs: [(key: String, keyNode: Node, value: Node)], _ field: String) -> Decoded? {
        let log = reader.log
        reader.checkKeys(pairs, allowed: ["experts", "base"] + YAMLReader.provenanceKeys, field, what: "an input pooled from experts")
        guard let list = reader.sequence(pairs.first { $0.key == "experts" }!.value, "\(field).experts", expected: "a list of experts' estimates") else { return nil }
        guard !list.isEmpty, list.count <= Self.maxExperts else {
            log.error(reader.location(node), "\(field).experts", "give between 1 and \(Self.maxExperts) experts, found \(list.count)"); return nil
        }
        var experts: [ExpertEstimate] = []
        var weights: [Double] = []
        var ok = true
        for (i, item) in list.enumerated() {
            let at = "\(field).experts[\(i)]"
            guard let itemPairs = reader.mapping(item, at) else { ok = false; continue }
            if itemPairs.contains(where: { $0.key == "experts" }) {
                log.error(reader.location(item), at, "an expert's estimate cannot itself pool experts"); ok = false; continue
            }
            var name = "expert \(i + 1)"
            if let pair = itemPairs.first(where: { $0.key == "expert" }) {
                if let text = reader.string(pair.value, "\(at).expert", what: "the expert's name or role") { name = text } else { ok = false }
            }
            var weight = 1.0
            if let pair = itemPairs.first(where: { $0.key == "weight" }) {
                if let w = reader.number(pair.value, "\(at).weight"), w >= 0 { weight = w }
                else { log.error(reader.location(pair.value), "\(at).weight", "a weight must be a non-negative number"); ok = false }
            }
            guard let decoded = decode(item, at, extraKeys: ["expert", "weight"]) else { ok = false; continue }
            experts.append(ExpertEstimate(name: name, weight: weight, distribution: decoded.distribution, provenance: decoded.provenance, fit: decoded.fit))
            weights.append(weight)
        }
        guard ok else { return nil }
        guard weights.contains(where: { $0 > 0 }), let pooled = PooledDistribution(experts: experts.map { ($0.name, $0.distribution, $0.weight) }) else {
            log.error(reader.location(node), "\(field).experts", "the experts' weights are all zero; give at least one a positive weight"); return nil
        }
        for i in experts.indices { experts[i].weight = pooled.experts[i].weight }
        var base: Double?
        if let baseNode = pairs.first(where: { $0.key == "base" })?.value {
            guard let b = reader.number(baseNode, "\(field).base") else { return nil }
            let (lo, hi) = pooled.support
            guard b >= lo, b <= hi else {
                log.error(reader.location(baseNode), "\(field).base", "base \(format(b)) lies outside the experts' range [\(format(lo)), \(format(hi))]"); return nil
            }
            base = b
        }
        var decoded = Decoded(distribution: pooled, base: base ?? pooled.naturalBase, isFixed: false, provenance: reader.provenance(pairs, field))
        decoded.experts = experts
        return decoded
    }
}
