import Dispatch
import RendementCore

/// A grid of full runs over inputs, the discount rate or the horizon, all with the same seed
/// (common random numbers, so bands are smooth across points). Points run in parallel, one
/// thread each, and keep only their summaries: memory is that of `threads` runs at a time (each
/// with its share of the budget), whatever the grid's size.
public struct Sweep: Sendable {
    /// One axis: `name=start:stop:count` on the command line.
    public struct Axis: Sendable, Codable {
        public var name: String
        /// The values; for a labelled axis, the index of each label.
        public var values: [Double]
        /// Discount-rate presets (or rates) by name: `discount_rate=nl-2007,nl-2016,nl-2021`.
        public var labels: [String]?

        /// Parses `NAME=START:STOP:COUNT` (COUNT evenly spaced values, both ends included; COUNT
        /// from 1 to `Limits.sweepPoints`) or `NAME=V1,V2,…` (a list of numbers; for
        /// `discount_rate` also preset names); throws naming `--vary` and the problem.
        public init(parsing text: String, field: String = "--vary") throws(LimitError) {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty, parts[1].contains(",") || (!parts[1].contains(":") && !parts[1].isEmpty) {
                self = try Axis(name: String(parts[0]), list: String(parts[1]), field: field)
                return
            }
            let range = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init) : []
            guard parts.count == 2, !parts[0].isEmpty, range.count == 3 else {
                throw LimitError(field: field, "expected NAME=START:STOP:COUNT or NAME=V1,V2,…, e.g. discount_rate=0:0.06:4 or discount_rate=nl-2016,nl-2021, found '\(text.prefix(60))'")
            }
            let name = String(parts[0])
            guard let start = Double(range[0]), let stop = Double(range[1]), start.isFinite, stop.isFinite else {
                throw LimitError(field: "\(field) \(name)", "START and STOP must be finite numbers, found '\(range[0].prefix(30))' and '\(range[1].prefix(30))'")
            }
            let count = try Limits.whole(parsing: range[2], in: Limits.sweepPoints, field: "\(field) \(name)", what: "COUNT")
            self.name = name
            values = count == 1 ? [start] : (0..<count).map { start + (stop - start) * Double($0) / Double(count - 1) }
        }

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }

        /// `V1,V2,…`: numbers, or for the discount rate also guideline presets by name.
        private init(name: String, list: String, field: String) throws(LimitError) {
            let items = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard Limits.sweepPoints.contains(items.count) else {
                throw LimitError(field: "\(field) \(name)", "a list may hold at most \(Limits.grouped(Limits.sweepPoints.upperBound)) values")
            }
            self.name = name
            if name == "discount_rate", items.contains(where: { Double($0) == nil }) {
                for item in items where Double(item) == nil && DiscountPreset.named(item) == nil {
                    let names = DiscountPreset.all.map(\.name)
                    throw LimitError(field: "\(field) \(name)", "'\(item.prefix(30))' is neither a rate nor a discount-rate preset",
                                     hint: "\(Suggest.closest(to: item, in: names).map { "did you mean '\($0)'? " } ?? "")the presets are \(names.joined(separator: ", "))")
                }
                labels = items
                values = items.indices.map(Double.init)
                return
            }
            var values: [Double] = []
            for item in items {
                guard let v = Double(item), v.isFinite else {
                    throw LimitError(field: "\(field) \(name)", "expected numbers separated by commas, found '\(item.prefix(30))'")
                }
                values.append(v)
            }
            self.values = values
        }

        /// How point value `v` of this axis is shown: its label, or the number.
        public func display(_ v: Double) -> String? {
            guard let labels, let i = Int(exactly: v), labels.indices.contains(i) else { return nil }
            return labels[i]
        }
    }

    /// Where P(NPV > 0) crosses `level` as `input` varies, at one grid point.
    public struct BreakEven: Sendable, Codable {
        public var input: String
        public var level: Double
        public var value: Double?
    }

    /// One grid point's result: its base case and the summaries of NPV and BCR.
    public struct Point: Sendable {
        public var values: [(String, Double)]
        /// The base case's NPV, BCR, PV(benefits) and PV(costs).
        public var base: (npv: Double, bcr: Double, pvBenefits: Double, pvCosts: Double)
        public var npv: Summary
        public var bcr: Summary
        public var breakEven: BreakEven?

        public init(values: [(String, Double)], base: (npv: Double, bcr: Double, pvBenefits: Double, pvCosts: Double),
                    npv: Summary, bcr: Summary, breakEven: BreakEven?) {
            (self.values, self.base, self.npv, self.bcr, self.breakEven) = (values, base, npv, bcr, breakEven)
        }

        init(values: [(String, Double)], result: RunResult) {
            self.init(values: values, base: (result.base(.npv), result.base(.bcr), result.base(.pvBenefits), result.base(.pvCosts)),
                      npv: result.summary(.npv), bcr: result.summary(.bcr), breakEven: nil)
        }
    }

    /// The scenario's title (for renderers).
    public let title: String

    public let axes: [Axis]
    public let points: [Point]
    public let options: RunOptions

    /// Checks the axes against the scenario and the limits: each names an input, `discount_rate`
    /// or `horizon` once (horizons whole numbers of years, rates above −1), at most
    /// `Limits.sweepAxes` axes and `Limits.sweepPoints` grid points in all.
    public static func validate(_ axes: [Axis], breakEvenInput: String?, scenario: Scenario) throws(LimitError) {
        _ = try Limits.whole(axes.count, in: Limits.sweepAxes, field: "--vary", what: "the number of axes")
        var points = 1
        for axis in axes {
            let field = "--vary \(axis.name)"
            let (product, overflow) = points.multipliedReportingOverflow(by: axis.values.count)
            guard !overflow, Limits.sweepPoints.contains(product) else {
                throw LimitError(field: "--vary", "the grid has more than \(Limits.grouped(Limits.sweepPoints.upperBound)) points",
                                 hint: "use fewer values per axis or fewer axes, or shard the sweep")
            }
            points = product
            if axis.name == "horizon" {
                for value in axis.values { _ = try YearCount(value, field: field) }
            } else if axis.name == "discount_rate" {
                let rates = axis.labels.map { $0.compactMap(Double.init) } ?? axis.values
                if rates.contains(where: { !($0 > -1) }) { throw LimitError(field: field, "discount rates must be greater than -1") }
            } else if scenario.input(named: axis.name) == nil {
                let names = scenario.inputs.filter { !$0.isInline }.map(\.name) + ["discount_rate", "horizon"]
                throw LimitError(field: "--vary", "'\(axis.name)' is not an input of the scenario, 'discount_rate' or 'horizon'",
                                 hint: Suggest.closest(to: axis.name, in: names).map { "did you mean '\($0)'?" })
            }
        }
        if Set(axes.map(\.name)).count != axes.count { throw LimitError(field: "--vary", "each name may be varied once") }
        if let b = breakEvenInput {
            guard scenario.input(named: b) != nil else { throw LimitError(field: "--break-even", "'\(b)' is not an input of the scenario") }
            if axes.contains(where: { $0.name == b }) { throw LimitError(field: "--break-even", "'\(b)' is also varied") }
        }
    }

    /// The grid's points in order, first axis slowest.
    public static func grid(_ axes: [Axis]) -> [[Double]] {
        var grid: [[Double]] = [[]]
        for axis in axes { grid = grid.flatMap { prefix in axis.values.map { prefix + [$0] } } }
        return grid
    }

    /// Points `range` of the grid only: a shard of a sweep (points are independent runs).
    public init(scenario: Scenario, axes: [Axis], options: RunOptions, breakEvenInput: String? = nil, level: Double = 0.5,
                points range: Range<Int>? = nil, progress: RunProgress? = nil) throws(ScenarioError) {
        self.axes = axes
        self.options = options
        title = scenario.title
        let all = Self.grid(axes)
        let grid = Array(all[range ?? 0..<all.count])
        let names = axes.map(\.name)
        // Every point's model first: a scenario error stops the sweep before any run.
        var first: CompiledModel?
        for values in grid { let model = try Self.model(scenario, axes, values, extra: nil); if first == nil { first = model } }
        // Points in parallel, one thread each (results do not depend on the thread count), each
        // with its share of the memory budget; models are compiled again where they run, so that
        // only `threads` of them live at once.
        var perPoint = options
        let workers = max(1, min(options.threads, grid.count))
        perPoint.threads = 1
        perPoint.memoryBudget = options.memoryBudget / workers
        let found = SharedBuffer<Point?>.allocate(grid.count, initialValue: nil)
        defer { found.deallocate() }
        let pointOptions = perPoint
        Parallel.forEach(grid.count, threads: workers) { p in
            guard let model = try? Self.model(scenario, axes, grid[p], extra: nil) else { return }
            var point = Point(values: Array(zip(names, grid[p])), result: MonteCarloRunner.run(model, options: pointOptions))
            if let input = breakEvenInput {
                point.breakEven = try? Self.breakEven(scenario, axes, grid[p], input: input, level: level, options: pointOptions)
            }
            found[p] = point
            progress?.add(pointOptions.samples)
        }
        points = (0..<grid.count).compactMap { found[$0] }
    }

    /// A sweep assembled from points computed elsewhere (the merge of a sharded sweep).
    public init(title: String, axes: [Axis], options: RunOptions, points: [Point]) {
        self.title = title
        self.axes = axes
        self.options = options
        self.points = points
    }

    /// The model of one grid point (for the merge, which reattaches stored results to it).
    public static func model(_ scenario: Scenario, axes: [Axis], values: [Double]) throws(ScenarioError) -> CompiledModel {
        try model(scenario, axes, values, extra: nil)
    }

    static func model(_ scenario: Scenario, _ axes: [Axis], _ values: [Double], extra: (String, Double)?) throws(ScenarioError) -> CompiledModel {
        var s = scenario
        var fixing: [String: Double] = [:]
        for (axis, value) in zip(axes, values) {
            switch axis.name {
            case "discount_rate":
                let label = axis.display(value)
                if let label, let preset = DiscountPreset.named(label) {
                    s.apply(preset, at: scenario.discountRate.location)
                } else {
                    let rate = label.flatMap(Double.init) ?? value
                    s.discountRate = LocatedExpression(expression: .number(rate), text: "\(rate)", location: scenario.discountRate.location)
                    s.discountTerms = nil
                    s.discountPreset = nil
                }
            case "horizon":
                do { s.horizon = try YearCount(value, field: "--vary horizon").value }
                catch { throw ScenarioError([Diagnostic(.error, at: scenario.discountRate.location, field: error.field, error.message)]) }
            default: fixing[axis.name] = value
            }
        }
        if let (name, value) = extra { fixing[name] = value }
        return try ModelCompiler.compile(s, fixing: fixing)
    }

    /// Bisection on the input's range (its 0.1% to 99.9% quantiles, or its bounds) for the value
    /// where P(NPV > 0) crosses `level`; nil when the level is not crossed in that range.
    static func breakEven(_ scenario: Scenario, _ axes: [Axis], _ values: [Double], input: String, level: Double,
                          options: RunOptions) throws(ScenarioError) -> BreakEven {
        guard let d = scenario.input(named: input)?.distribution else { return BreakEven(input: input, level: level, value: nil) }
        var lo = d.support.lower.isFinite ? d.support.lower : d.quantile(0.001)
        var hi = d.support.upper.isFinite ? d.support.upper : d.quantile(0.999)
        // Only P(NPV > 0) is needed: the runs keep moments, not samples.
        func p(_ x: Double) throws(ScenarioError) -> Double {
            let model = try model(scenario, axes, values, extra: (input, x))
            return MonteCarloRunner.store(model, options: options, keeping: Keeping(outputQuantiles: false)).moments(of: model.outputIndex(.npv)!).probabilityPositive
        }
        var pLo = try p(lo), pHi = try p(hi)
        guard (pLo - level) * (pHi - level) <= 0, pLo != pHi else { return BreakEven(input: input, level: level, value: nil) }
        for _ in 0..<30 {
            let mid = (lo + hi) / 2
            let pMid = try p(mid)
            if (pMid - level) * (pLo - level) <= 0 { hi = mid; pHi = pMid } else { lo = mid; pLo = pMid }
            if hi - lo <= 1e-9 * max(1, abs(hi)) { break }
        }
        // Linear interpolation inside the last bracket.
        let value = pHi == pLo ? (lo + hi) / 2 : lo + (level - pLo) * (hi - lo) / (pHi - pLo)
        return BreakEven(input: input, level: level, value: value)
    }
}
