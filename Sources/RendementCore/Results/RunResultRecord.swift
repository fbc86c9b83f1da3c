/// A `RunResult` without its model, exactly (doubles as bit patterns), for part files of
/// sharded sweeps: the merge recompiles the model and reattaches it.
public struct RunResultRecord: Codable, Sendable {
    struct SummaryRecord: Codable, Sendable {
        var moments: [UInt64]            // count, mean, m2, min, max, positive, nonFinite
        var quantiles: [UInt64]
        var quantileSamples: Int
        var quantileRelativeError: UInt64
        var replicateStandardError: UInt64?
        var replicateProbabilityError: UInt64?
    }

    var samples: Int
    var seed: UInt64
    var design: String
    var base: [UInt64]
    var summaries: [SummaryRecord]
    var convergence: [[UInt64]]          // samples, mean, se, P(> 0)
    var targetSE: UInt64?
    var targetReached: Bool

    public init(_ r: RunResult) {
        samples = r.samples
        seed = r.seed
        design = r.design
        base = r.base.map(\.bitPattern)
        summaries = r.summaries.map { s in
            let m = s.moments
            return SummaryRecord(moments: [UInt64(m.count), m.mean.bitPattern, m.m2.bitPattern, m.min.bitPattern, m.max.bitPattern,
                                           UInt64(m.positive), UInt64(m.nonFinite)],
                                 quantiles: s.quantiles.map(\.bitPattern), quantileSamples: s.quantileSamples,
                                 quantileRelativeError: s.quantileRelativeError.bitPattern,
                                 replicateStandardError: s.replicateStandardError?.bitPattern,
                                 replicateProbabilityError: s.replicateProbabilityError?.bitPattern)
        }
        convergence = r.convergence.map { [UInt64($0.samples), $0.mean.bitPattern, $0.standardError.bitPattern, $0.probabilityPositive.bitPattern] }
        targetSE = r.targetSE?.bitPattern
        targetReached = r.targetReached
    }

    /// The result again, for `model` (which must be the one the record was made with).
    public func result(model: CompiledModel) -> RunResult? {
        guard summaries.count == model.outputs.count, base.count == model.outputs.count else { return nil }
        let d = { (bits: UInt64) in Double(bitPattern: bits) }
        let rebuilt = summaries.map { s -> Summary in
            let m = Moments(count: Int(s.moments[0]), mean: d(s.moments[1]), m2: d(s.moments[2]), min: d(s.moments[3]), max: d(s.moments[4]),
                            positive: Int(s.moments[5]), nonFinite: Int(s.moments[6]))
            var summary = Summary(moments: m, quantiles: s.quantiles.map(d), quantileSamples: s.quantileSamples,
                                  quantileRelativeError: d(s.quantileRelativeError))
            summary.replicateStandardError = s.replicateStandardError.map(d)
            summary.replicateProbabilityError = s.replicateProbabilityError.map(d)
            return summary
        }
        return RunResult(model: model, samples: samples, seed: seed, design: design, base: base.map(d), summaries: rebuilt,
                         convergence: convergence.map { ConvergencePoint(samples: Int($0[0]), mean: d($0[1]), standardError: d($0[2]), probabilityPositive: d($0[3])) },
                         targetSE: targetSE.map(d), targetReached: targetReached)
    }
}
