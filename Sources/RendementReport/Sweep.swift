import Dispatch
import RendementCore

/// A grid of full runs over inputs, the discount rate or the horizon, all with the same seed
/// (common random numbers, so bands are smooth across points), points run in parallel.
public struct Sweep {
    /// One axis: `name=start:stop:count` on the command line.
    public struct Axis: Sendable, Codable {
        public var name: String
        public var values: [Double]

        /// Parses `NAME=START:STOP:COUNT` (COUNT evenly spaced values, both ends included; COUNT
        /// from 1 to `Limits.sweepPoints`); throws naming `--vary` and the problem.
        public init(parsing text: String, field: String = "--vary") throws(LimitError) {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let range = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init) : []
            guard parts.count == 2, !parts[0].isEmpty, range.count == 3 else {
                throw LimitError(field: field, "expected NAME=START:STOP:COUNT, e.g. discount_rate=0:0.06:4, found '\(text.prefix(60))'")
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
    }

    /// Where P(NPV > 0) crosses `level` as `input` varies, at one grid point.
    public struct BreakEven: Sendable, Codable {
        public var input: String
        public var level: Double
        public var value: Double?
    }

    public struct Point {
        public var values: [(String, Double)]
        public var result: RunResult
        public var breakEven: BreakEven?
    }

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
                if axis.values.contains(where: { !($0 > -1) }) { throw LimitError(field: field, "discount rates must be greater than -1") }
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
                points range: Range<Int>? = nil) throws(ScenarioError) {
        self.axes = axes
        self.options = options
        let all = Self.grid(axes)
        let selected = range ?? 0..<all.count
        let grid = Array(all[selected])
        var models: [CompiledModel] = []
        for values in grid { models.append(try Self.model(scenario, axes.map(\.name), values, extra: nil)) }
        // Points in parallel, one thread each (results do not depend on the thread count).
        let parallel = grid.count >= 2 && options.threads >= 2
        var perPoint = options
        if parallel { perPoint.threads = 1 }
        let results = SharedBuffer<RunResult?>.allocate(grid.count, initialValue: nil)
        defer { results.deallocate() }
        let compiled = models, pointOptions = perPoint, count = grid.count
        DispatchQueue.concurrentPerform(iterations: parallel ? count : 1) { i in
            let range = parallel ? i..<(i + 1) : 0..<count
            for p in range { results[p] = MonteCarloRunner.run(compiled[p], options: pointOptions) }
        }
        var points: [Point] = []
        for (p, values) in grid.enumerated() {
            var point = Point(values: Array(zip(axes.map(\.name), values)), result: results[p]!)
            if let input = breakEvenInput {
                point.breakEven = try Self.breakEven(scenario, axes.map(\.name), values, input: input, level: level, options: options)
            }
            points.append(point)
        }
        self.points = points
    }

    /// A sweep assembled from points computed elsewhere (the merge of a sharded sweep).
    public init(axes: [Axis], options: RunOptions, points: [Point]) {
        self.axes = axes
        self.options = options
        self.points = points
    }

    /// The model of one grid point (for the merge, which reattaches stored results to it).
    public static func model(_ scenario: Scenario, axes: [Axis], values: [Double]) throws(ScenarioError) -> CompiledModel {
        try model(scenario, axes.map(\.name), values, extra: nil)
    }

    static func model(_ scenario: Scenario, _ names: [String], _ values: [Double], extra: (String, Double)?) throws(ScenarioError) -> CompiledModel {
        var s = scenario
        var fixing: [String: Double] = [:]
        for (name, value) in zip(names, values) {
            switch name {
            case "discount_rate": s.discountRate = LocatedExpression(expression: .number(value), text: "\(value)", location: scenario.discountRate.location)
            case "horizon":
                do { s.horizon = try YearCount(value, field: "--vary horizon").value }
                catch { throw ScenarioError([Diagnostic(.error, at: scenario.discountRate.location, field: error.field, error.message)]) }
            default: fixing[name] = value
            }
        }
        if let (name, value) = extra { fixing[name] = value }
        return try ModelCompiler.compile(s, fixing: fixing)
    }

    /// Bisection on the input's range (its 0.1% to 99.9% quantiles, or its bounds) for the value
    /// where P(NPV > 0) crosses `level`; nil when the level is not crossed in that range.
    static func breakEven(_ scenario: Scenario, _ names: [String], _ values: [Double], input: String, level: Double,
                          options: RunOptions) throws(ScenarioError) -> BreakEven {
        let d = scenario.input(named: input)!.distribution
        var lo = d.support.lower.isFinite ? d.support.lower : d.quantile(0.001)
        var hi = d.support.upper.isFinite ? d.support.upper : d.quantile(0.999)
        func p(_ x: Double) throws(ScenarioError) -> Double {
            MonteCarloRunner.run(try model(scenario, names, values, extra: (input, x)), options: options).summary(.npv).probabilityPositive
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

    public func json() -> JSONValue {
        let first = points[0].result
        return .object(RunReport.commonRandomNumbersHeader(first) + [
            ("vary", .array(axes.map { .object([("name", .string($0.name)), ("values", .array($0.values.map { .number($0) }))]) })),
            ("points", .array(points.map { point in
                var pairs: [(String, JSONValue)] = [
                    ("values", .object(point.values.map { ($0.0, .number($0.1)) })),
                    ("base", .object([("npv", .finite(point.result.base(.npv))), ("bcr", .finite(point.result.base(.bcr))),
                                      ("pv_benefits", .finite(point.result.base(.pvBenefits))), ("pv_costs", .finite(point.result.base(.pvCosts)))])),
                    ("npv", RunReport.summary(point.result.summary(.npv))),
                    ("bcr", RunReport.summary(point.result.summary(.bcr))),
                    ("probability_positive", .number(point.result.summary(.npv).probabilityPositive)),
                ]
                if let b = point.breakEven {
                    pairs.append(("break_even", .object([("input", .string(b.input)), ("level", .number(b.level)), ("value", b.value.map { .finite($0) } ?? .null)])))
                }
                return .object(pairs)
            })),
        ])
    }

    /// One row per point: the varied values, base NPV and BCR, the NPV and BCR summaries, P(NPV > 0).
    public func csv() -> String {
        var header = axes.map(\.name) + ["base_npv", "base_bcr"]
        for output in ["npv", "bcr"] { header += ["\(output)_mean", "\(output)_se"] + Quantiles.standard.map { "\(output)_\($0.key)" } }
        header.append("probability_positive")
        if points.first?.breakEven != nil { header.append("break_even_\(points[0].breakEven!.input)") }
        var lines = [header.joined(separator: ",")]
        for point in points {
            var row = point.values.map { JSONValue.format($0.1) } + [point.result.base(.npv), point.result.base(.bcr)].map(SampleExport.number)
            for role in [ModelOutput.Role.npv, .bcr] {
                let s = point.result.summary(role)
                row += ([s.mean, s.se] + s.quantiles).map(SampleExport.number)
            }
            row.append(SampleExport.number(point.result.summary(.npv).probabilityPositive))
            if let b = point.breakEven { row.append(b.value.map(SampleExport.number) ?? "") }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func text() -> String {
        let m = NumberFormat.money
        var out = ["SWEEP · \(points[0].result.model.scenario.title)",
                   "\(NumberFormat.grouped(Int64(options.samples))) samples per point · seed \(options.seed) · common random numbers", ""]
        func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        var header = axes.map { pad($0.name, 16) }.joined() + pad("base NPV", 14) + pad("mean NPV", 14) + pad("P5", 14) + pad("P95", 14) + pad("base BCR", 10) + pad("P(NPV>0)", 10)
        if let b = points.first?.breakEven { header += "  " + pad("\(b.input) at P=\(b.level)", 24) }
        out.append(header)
        for point in points {
            let npv = point.result.summary(.npv)
            var row = point.values.map { pad(NumberFormat.general($0.1), 16) }.joined() + pad(m(point.result.base(.npv)), 14) + pad(m(npv.mean), 14)
                + pad(m(npv.quantile("p05")!), 14) + pad(m(npv.quantile("p95")!), 14) + pad(NumberFormat.ratio(point.result.base(.bcr)), 10)
                + pad(NumberFormat.probability(npv.probabilityPositive), 10)
            if let b = point.breakEven { row += "  " + pad(b.value.map(NumberFormat.general) ?? "not crossed", max(24, b.input.count + 8 + String(b.level).count)) }
            out.append(row)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
