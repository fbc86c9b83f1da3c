import RendementCore

/// One input moved, every other input at its base value: tornado bars, spider lines and
/// break-even (switching) values. Exact: each point is one evaluation of the compiled model.
public enum OneWay {
    /// One bar of a tornado diagram.
    public struct Bar: Sendable {
        public var input: String
        public var low: Double, high: Double
        public var outputLow: Double, outputHigh: Double
        /// |output(high) − output(low)|.
        public var swing: Double { abs(outputHigh - outputLow) }
    }

    /// Each uncertain input at its `low` and `high` quantiles (default P10, P90), for every
    /// output; bars per output sorted by swing, largest first.
    public static func tornado(_ model: CompiledModel, low: Double = 0.1, high: Double = 0.9) -> [[Bar]] {
        let base = model.baseValues
        var perOutput = [[Bar]](repeating: [], count: model.outputs.count)
        for (j, input) in model.analysableInputs {
            let lo = input.distribution.quantile(low), hi = input.distribution.quantile(high)
            var point = base
            point[j] = lo
            let yLow = model.evaluate(at: point)
            point[j] = hi
            let yHigh = model.evaluate(at: point)
            for k in 0..<model.outputs.count {
                perOutput[k].append(Bar(input: input.name, low: lo, high: hi, outputLow: yLow[k], outputHigh: yHigh[k]))
            }
        }
        return perOutput.map { bars in
            bars.enumerated().sorted { a, b in a.element.swing != b.element.swing ? a.element.swing > b.element.swing : a.offset < b.offset }.map(\.element)
        }
    }

    /// One point of a spider line.
    public struct SpiderPoint: Sendable {
        public var probability: Double
        public var value: Double
        public var output: Double
    }

    /// An output as each input moves through its quantiles (P5, P10, …, P95), others at base.
    public static func spider(_ model: CompiledModel, output k: Int,
                              probabilities: [Double] = stride(from: 0.05, through: 0.951, by: 0.05).map { $0 }) -> [(input: String, points: [SpiderPoint])] {
        let base = model.baseValues
        return model.analysableInputs.map { j, input in
            (input.name, probabilities.map { p in
                var point = base
                point[j] = input.distribution.quantile(p)
                return SpiderPoint(probability: p, value: point[j], output: model.evaluate(at: point)[k])
            })
        }
    }

    /// For each input, the value at which the output crosses zero with every other input at
    /// base (the switching value), or nil when no crossing lies in the input's support. When
    /// several exist, the one nearest the base value.
    public static func breakEven(_ model: CompiledModel, output k: Int) -> [(input: String, value: Double?)] {
        let base = model.baseValues
        return model.analysableInputs.map { j, input in
            func f(_ x: Double) -> Double { var p = base; p[j] = x; return model.evaluate(at: p)[k] }
            return (input.name, root(f, distribution: input.distribution, base: base[j]))
        }
    }

    /// The factor by which every benefit may shrink before the base-case NPV reaches zero:
    /// PV(costs) / PV(benefits) (benefits enter the society NPV linearly). Nil without benefits.
    public static func effectScaleBreakEven(_ model: CompiledModel) -> Double? {
        let base = model.evaluateBase()
        let b = base[model.outputIndex(.pvBenefits)!], c = base[model.outputIndex(.pvCosts)!]
        return b > 0 ? c / b : nil
    }

    /// A zero of f over the support: scan a grid, take the sign change nearest the base, then
    /// bisect to the last bit and finish with a secant step (exact for linear f).
    static func root(_ f: (Double) -> Double, distribution d: any Distribution, base: Double) -> Double? {
        let (lo, hi) = d.support
        var grid: [Double] = []
        if lo.isFinite { grid.append(lo) }
        for i in 0...64 { grid.append(d.quantile(min(max(Double(i) / 64, 1e-9), 1 - 1e-9))) }
        if hi.isFinite { grid.append(hi) }
        // Unbounded directions: reach out geometrically.
        let spread = max(abs(d.quantile(0.9) - d.quantile(0.1)), 1e-12)
        if !lo.isFinite { for m in 1...50 { grid.insert(d.quantile(1e-9) - spread * Double(1 << min(m, 60)) / 2, at: 0) } }
        if !hi.isFinite { for m in 1...50 { grid.append(d.quantile(1 - 1e-9) + spread * Double(1 << min(m, 60)) / 2) } }
        grid = Array(Set(grid.filter(\.isFinite))).sorted()
        // No finite point to scan (a distribution whose quantiles are all infinite): no root.
        guard grid.count >= 2 else { return nil }
        let values = grid.map(f)
        if f(base) == 0 { return base }
        var best: (Double, Double, Double, Double)?
        for i in 0..<(grid.count - 1) where (values[i] < 0) != (values[i + 1] < 0) && values[i].isFinite && values[i + 1].isFinite {
            let distance = min(abs(grid[i] - base), abs(grid[i + 1] - base))
            if best == nil || distance < min(abs(best!.0 - base), abs(best!.1 - base)) { best = (grid[i], grid[i + 1], values[i], values[i + 1]) }
        }
        if let zero = grid.indices.first(where: { values[$0] == 0 }), best == nil { return grid[zero] }
        guard var (a, b, fa, fb) = best else { return nil }
        for _ in 0..<200 {
            let m = a + (b - a) / 2
            if m <= a || m >= b { break }
            let fm = f(m)
            if fm == 0 { return m }
            if (fm < 0) == (fa < 0) { (a, fa) = (m, fm) } else { (b, fb) = (m, fm) }
        }
        let secant = a - fa * (b - a) / (fb - fa)
        return secant.isFinite && secant >= min(a, b) && secant <= max(a, b) ? secant : (abs(fa) < abs(fb) ? a : b)
    }
}
