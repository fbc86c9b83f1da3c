import Yams

/// Decodes and validates one distribution mapping (`{dist: pert, min: …, mode: …, max: …}`).
struct DistributionDecoder {
    let reader: YAMLReader

    /// The keys every distribution mapping may carry besides its parameters.
    static let commonKeys = ["dist", "base"] + YAMLReader.provenanceKeys

    /// Parameters of each `dist`, required first then optional.
    static let parameters: [String: (required: [String], optional: [String])] = [
        "fixed": (["value"], []),
        "uniform": (["min", "max"], []),
        "triangular": (["min", "mode", "max"], []),
        "pert": (["min", "mode", "max"], ["lambda"]),
        "normal": (["mean", "sd"], ["min", "max"]),
        "lognormal": ([], ["p5", "p95", "mu", "sigma", "min", "max"]),
        "beta": (["alpha", "beta"], ["min", "max"]),
        "gamma": (["shape", "scale"], ["min", "max"]),
        "discrete": (["values"], ["weights"]),
        "bernoulli": (["p"], []),
        "proportion": (["successes", "trials"], []),
        "metalog": (["quantiles"], ["lower", "upper", "terms"]),
        "elicited": (["quantiles"], ["lower", "upper", "fit"]),
    ]

    /// Parameters that are not a single number.
    static let structuredParameters: Set = ["values", "weights", "quantiles", "fit"]

    static var kinds: [String] { parameters.keys.sorted() }

    struct Decoded {
        var distribution: any Distribution
        var base: Double
        var isFixed: Bool
        var provenance: Provenance
        /// The quantiles an elicited input was fitted to, and the fit's error.
        var fit: ElicitedFit?
        /// The experts' own estimates of a pooled input.
        var experts: [ExpertEstimate]?
        var source: String? { provenance.source }
        var note: String? { provenance.note }
    }

    /// Decodes `node` (a mapping with `dist`, or with `experts:`) at `field`, or returns nil after
    /// logging every problem. `extraKeys` are further keys the caller reads (an expert's name).
    func decode(_ node: Node, _ field: String, extraKeys: [String] = []) -> Decoded? {
        guard let pairs = reader.mapping(node, field) else { return nil }
        let log = reader.log
        if extraKeys.isEmpty, pairs.contains(where: { $0.key == "experts" }) { return pool(node, pairs, field) }
        guard let distPair = pairs.first(where: { $0.key == "dist" }) else {
            log.error(reader.location(node), field, "a distribution needs 'dist: <kind>'",
                      hint: "the kinds are \(Self.kinds.joined(separator: ", ")); a fixed value can be written as a bare number")
            return nil
        }
        guard let kind = reader.string(distPair.value, "\(field).dist", what: "a distribution kind") else { return nil }
        guard let spec = Self.parameters[kind] else {
            log.error(reader.location(distPair.value), "\(field).dist", "unknown distribution '\(kind)'",
                      hint: "\(Suggest.didYouMean(kind, Self.kinds).map { $0 + " " } ?? "")the kinds are \(Self.kinds.joined(separator: ", "))")
            return nil
        }
        reader.checkKeys(pairs, allowed: Self.commonKeys + extraKeys + spec.required + spec.optional, field, what: "a \(kind) distribution")

        var values: [String: Double] = [:]
        var nodes: [String: Node] = [:]
        var ok = true
        for pair in pairs where spec.required.contains(pair.key) || spec.optional.contains(pair.key) {
            nodes[pair.key] = pair.value
            if Self.structuredParameters.contains(pair.key) { continue }
            if let v = reader.number(pair.value, "\(field).\(pair.key)") { values[pair.key] = v } else { ok = false }
        }
        for name in spec.required where nodes[name] == nil {
            log.error(reader.location(node), field, "a \(kind) distribution needs '\(name)'",
                      hint: "write it as {dist: \(kind), \((spec.required).map { "\($0): …" }.joined(separator: ", "))}")
            ok = false
        }
        let provenance = reader.provenance(pairs, field)
        let baseNode = pairs.first { $0.key == "base" }?.value
        var base: Double?
        if let baseNode { base = reader.number(baseNode, "\(field).base"); if base == nil { ok = false } }
        guard ok else { return nil }

        let check = ParameterCheck(reader: reader, field: field, node: node, nodes: nodes)
        var fit: ElicitedFit?
        let distribution: any Distribution
        if kind == "metalog" || kind == "elicited" {
            guard let elicited = elicited(kind, values, nodes, check) else { return nil }
            (distribution, fit) = (elicited.distribution, elicited.fit)
        } else {
            guard let built = build(kind, values, nodes, check) else { return nil }
            distribution = built
        }

        if let base, let baseNode {
            let (lo, hi) = distribution.support
            if base < lo || base > hi {
                log.error(reader.location(baseNode), "\(field).base",
                          "base \(format(base)) lies outside the distribution's range [\(format(lo)), \(format(hi))]")
                return nil
            }
        }
        var decoded = Decoded(distribution: distribution, base: base ?? distribution.naturalBase,
                              isFixed: kind == "fixed", provenance: provenance)
        decoded.fit = fit
        return decoded
    }

    private func build(_ kind: String, _ v: [String: Double], _ nodes: [String: Node], _ check: ParameterCheck) -> (any Distribution)? {
        switch kind {
        case "fixed":
            return check.made(FixedDistribution(value: v["value"]!))
        case "uniform":
            guard check.ordered("min", v["min"]!, "max", v["max"]!) else { return nil }
            return check.made(UniformDistribution(min: v["min"]!, max: v["max"]!))
        case "triangular", "pert":
            let (lo, mode, hi) = (v["min"]!, v["mode"]!, v["max"]!)
            guard check.ordered("min", lo, "max", hi), check.between("mode", mode, lo, hi) else { return nil }
            if kind == "triangular" { return check.made(TriangularDistribution(min: lo, mode: mode, max: hi)) }
            let lambda = v["lambda"] ?? 4
            guard check.positive("lambda", lambda) else { return nil }
            return check.made(PertDistribution(min: lo, mode: mode, max: hi, lambda: lambda))
        case "normal":
            guard check.positive("sd", v["sd"]!), check.truncation(v) else { return nil }
            let d = NormalDistribution(mean: v["mean"]!, sd: v["sd"]!, lower: v["min"] ?? -.infinity, upper: v["max"] ?? .infinity)
            return check.keptMass(d?.keptMass, v) ? check.made(d) : nil
        case "lognormal":
            let hasPercentiles = v["p5"] != nil || v["p95"] != nil
            let hasLogParameters = v["mu"] != nil || v["sigma"] != nil
            guard hasPercentiles != hasLogParameters else {
                check.fail("a lognormal needs either p5 and p95 (a 90% interval) or mu and sigma (of the log), not \(hasPercentiles ? "both" : "neither")")
                return nil
            }
            guard check.truncation(v) else { return nil }
            let d: LognormalDistribution?
            if hasPercentiles {
                guard let p5 = v["p5"], let p95 = v["p95"] else {
                    check.fail("a lognormal given by percentiles needs both p5 and p95"); return nil
                }
                guard check.positive("p5", p5), check.ordered("p5", p5, "p95", p95) else { return nil }
                let plain = LognormalDistribution.fromPercentiles(p5: p5, p95: p95)
                if v["min"] == nil, v["max"] == nil { d = plain }
                else { d = plain.flatMap { LognormalDistribution(mu: $0.mu, sigma: $0.sigma, lower: v["min"] ?? 0, upper: v["max"] ?? .infinity, percentiles: (p5, p95)) } }
            } else {
                guard let mu = v["mu"], let sigma = v["sigma"] else {
                    check.fail("a lognormal given by its log needs both mu and sigma"); return nil
                }
                guard check.positive("sigma", sigma) else { return nil }
                d = LognormalDistribution(mu: mu, sigma: sigma, lower: v["min"] ?? 0, upper: v["max"] ?? .infinity)
            }
            return check.keptMass(d?.logDistribution.keptMass, v) ? check.made(d) : nil
        case "beta":
            guard check.positive("alpha", v["alpha"]!), check.positive("beta", v["beta"]!) else { return nil }
            let (lo, hi) = (v["min"] ?? 0, v["max"] ?? 1)
            guard check.ordered("min", lo, "max", hi) else { return nil }
            return check.made(BetaDistribution(alpha: v["alpha"]!, beta: v["beta"]!, min: lo, max: hi))
        case "gamma":
            guard check.positive("shape", v["shape"]!), check.positive("scale", v["scale"]!), check.truncation(v) else { return nil }
            let d = GammaDistribution(shape: v["shape"]!, scale: v["scale"]!, lower: v["min"] ?? 0, upper: v["max"] ?? .infinity)
            return check.keptMass(d?.keptMass, v) ? check.made(d) : nil
        case "discrete":
            return discrete(nodes, check)
        case "bernoulli":
            guard check.probability("p", v["p"]!) else { return nil }
            return check.made(BernoulliDistribution(p: v["p"]!))
        case "proportion":
            let (k, n) = (v["successes"]!, v["trials"]!)
            guard check.wholeNumber("successes", k), check.wholeNumber("trials", n) else { return nil }
            let trials: Int
            do { trials = try Limits.whole(n, in: Limits.trials, field: "\(check.field).trials", what: "trials") }
            catch { check.fail(error.message, key: "trials"); return nil }
            guard k <= n, let successes = Int(exactly: k) else {
                check.fail("successes (\(format(k))) cannot exceed trials (\(format(n)))", key: "successes"); return nil
            }
            return check.made(ProportionDistribution(successes: successes, trials: trials))
        default:
            return nil
        }
    }

    private func discrete(_ nodes: [String: Node], _ check: ParameterCheck) -> (any Distribution)? {
        let field = check.field
        guard let valueNodes = reader.sequence(nodes["values"]!, "\(field).values", expected: "a list of numbers") else { return nil }
        let values = valueNodes.compactMap { reader.number($0, "\(field).values") }
        guard values.count == valueNodes.count else { return nil }
        guard !values.isEmpty else { check.fail("values must list at least one number", key: "values"); return nil }
        var weights = [Double](repeating: 1, count: values.count)
        if let weightsNode = nodes["weights"] {
            guard let weightNodes = reader.sequence(weightsNode, "\(field).weights", expected: "a list of numbers") else { return nil }
            weights = weightNodes.compactMap { reader.number($0, "\(field).weights") }
            guard weights.count == weightNodes.count else { return nil }
            guard weights.count == values.count else {
                check.fail("weights has \(weights.count) entries but values has \(values.count); give one weight per value", key: "weights")
                return nil
            }
            guard weights.allSatisfy({ $0 >= 0 }), weights.reduce(0, +) > 0 else {
                check.fail("weights must be non-negative and not all zero", key: "weights")
                return nil
            }
        }
        return check.made(DiscreteDistribution(values: values, weights: weights))
    }
}

/// Parameter constraints with messages that name the parameter and the values found.
struct ParameterCheck {
    let reader: YAMLReader
    let field: String
    let node: Node
    let nodes: [String: Node]

    func fail(_ message: String, key: String? = nil, hint: String? = nil) {
        let at = key.flatMap { nodes[$0] } ?? node
        reader.log.error(reader.location(at), key.map { "\(field).\($0)" } ?? field, message, hint: hint)
    }

    func ordered(_ a: String, _ x: Double, _ b: String, _ y: Double) -> Bool {
        if x < y { return true }
        fail("\(a) (\(format(x))) must be less than \(b) (\(format(y)))", key: a)
        return false
    }

    func between(_ name: String, _ x: Double, _ lo: Double, _ hi: Double) -> Bool {
        if x >= lo && x <= hi { return true }
        fail("\(name) (\(format(x))) must lie between min (\(format(lo))) and max (\(format(hi)))", key: name)
        return false
    }

    func positive(_ name: String, _ x: Double) -> Bool {
        if x > 0 { return true }
        fail("\(name) must be positive, found \(format(x))", key: name)
        return false
    }

    func probability(_ name: String, _ x: Double) -> Bool {
        if x >= 0 && x <= 1 { return true }
        fail("\(name) is a probability and must lie in [0, 1], found \(format(x))", key: name)
        return false
    }

    func wholeNumber(_ name: String, _ x: Double) -> Bool {
        if x >= 0 && x == x.rounded() { return true }
        fail("\(name) must be a whole number of cases (0, 1, 2, …), found \(format(x))", key: name)
        return false
    }

    /// Truncation bounds, when given, must be ordered.
    func truncation(_ v: [String: Double]) -> Bool {
        guard let lo = v["min"], let hi = v["max"] else { return true }
        return ordered("min", lo, "max", hi)
    }

    /// Truncation must keep some probability: N(0, 1) cut to [50, 60] is almost surely a typo.
    func keptMass(_ mass: Double?, _ v: [String: Double]) -> Bool {
        guard v["min"] != nil || v["max"] != nil else { return true }
        if (mass ?? 0) < 1e-9 {
            fail("the bounds min \(v["min"].map(format) ?? "-inf") and max \(v["max"].map(format) ?? "inf") keep almost none of the distribution's probability (\(mass ?? 0)); check min and max")
            return false
        }
        return true
    }

    /// A distribution the parameters could not define (a last guard; the checks above name the cause).
    func made<D: Distribution>(_ d: D?) -> (any Distribution)? {
        guard let d else { fail("these parameters do not define a valid distribution"); return nil }
        return d
    }
}

/// Formats a number for messages: integers without ".0", others in shortest form.
func format(_ x: Double) -> String { DistributionFormatting.number(x) }
