import RendementCore
import RendementSensitivity

/// Which sensitivity methods to run.
public enum SensitivityMethod: String, CaseIterable, Sendable {
    case tornado, spider, breakEven = "break-even", rank, sobol, voi
}

/// Runs the requested sensitivity analyses and renders them as one JSON document or as text.
public struct SensitivityAnalysis {
    public struct Settings: Sendable {
        public var samples: Int
        public var seed: UInt64
        public var threads: Int
        public var design: any SamplingDesign
        public var low = 0.1, high = 0.9
        public var resamples = 500

        public init(samples: Int, seed: UInt64, threads: Int, design: any SamplingDesign) {
            self.samples = samples
            self.seed = seed
            self.threads = threads
            self.design = design
        }
    }

    public let model: CompiledModel
    public let methods: [SensitivityMethod]
    public let settings: Settings
    public private(set) var tornado: [[OneWay.Bar]] = []
    public private(set) var spider: [(input: String, points: [OneWay.SpiderPoint])] = []
    public private(set) var breakEven: [(input: String, value: Double?)] = []
    public private(set) var effectScale: Double?
    public private(set) var rank: RankMeasures.Result?
    public private(set) var sobol: SobolIndices.Result?
    public private(set) var evpi: Double?
    public private(set) var evppi: [(String, Double)] = []

    /// Runs the analyses; `evaluations` are the model runs when they were computed elsewhere
    /// (the merged parts of a sharded analysis), else they are computed here.
    public init(model: CompiledModel, methods: [SensitivityMethod], settings: Settings, evaluations: SensitivityEvaluations? = nil,
                progress: RunProgress? = nil) {
        self.model = model
        self.methods = methods
        self.settings = settings
        let npv = model.outputIndex(.npv)!, bcr = model.outputIndex(.bcr)!
        if methods.contains(.tornado) { tornado = OneWay.tornado(model, low: settings.low, high: settings.high) }
        if methods.contains(.spider) { spider = OneWay.spider(model, output: npv) }
        if methods.contains(.breakEven) {
            breakEven = OneWay.breakEven(model, output: npv)
            effectScale = OneWay.effectScaleBreakEven(model)
        }
        let runs = evaluations ?? SensitivityEvaluations.compute(model, methods: methods, settings: settings, progress: progress)
        if SensitivityEvaluations.needsTable(model, methods) {
            let inputs = runs.tableInputs, y = runs.tableNPV
            if methods.contains(.rank) { rank = RankMeasures.analyse(inputs: inputs, output: y) }
            if methods.contains(.voi) {
                evpi = ValueOfInformation.evpi(y)
                evppi = model.inputs.enumerated().map { ($0.element.name, ValueOfInformation.evppi(input: inputs[$0.offset], npv: y)) }
            }
        }
        if SensitivityEvaluations.needsSobol(model, methods) {
            sobol = SobolIndices.estimate(model, outputs: [npv, bcr], evaluated: runs.sobolOutputs, baseSamples: settings.samples,
                                          seed: settings.seed, threads: settings.threads, resamples: settings.resamples)
        }
    }

    // MARK: JSON

    public func json() -> JSONValue {
        let base = model.evaluateBase()
        var doc: [(String, JSONValue)] = [
            ("scenario", .string(model.scenario.title)),
            ("file", .string(model.scenario.file)),
            ("engine", .object([("name", .string(Engine.name)), ("version", .string(Engine.version))])),
            ("methods", .array(methods.map { .string($0.rawValue) })),
            ("samples", .integer(settings.samples)),
            ("seed", .unsigned(settings.seed)),
            ("design", .string(settings.design.name)),
            ("base", .object([("npv", .finite(base[model.outputIndex(.npv)!])), ("bcr", .finite(base[model.outputIndex(.bcr)!]))])),
        ]
        if methods.contains(.tornado) {
            doc.append(("tornado_quantiles", .array([.number(settings.low), .number(settings.high)])))
            doc.append(("tornado", bars(tornado[model.outputIndex(.npv)!], key: "npv")))
            doc.append(("tornado_bcr", bars(tornado[model.outputIndex(.bcr)!], key: "bcr")))
            doc.append(("tornado_stakeholders", .object(model.stakeholderOutputs.map { (model.outputs[$0].name, bars(tornado[$0], key: "net")) })))
        }
        if methods.contains(.spider) {
            doc.append(("spider", .object(spider.map { line in
                (line.input, .array(line.points.map { .object([("p", .number($0.probability)), ("value", .finite($0.value)), ("npv", .finite($0.output))]) }))
            })))
        }
        if methods.contains(.breakEven) {
            doc.append(("break_even", .object(breakEven.map { ($0.input, $0.value.map { .finite($0) } ?? .null) })))
            doc.append(("effect_scale_break_even", effectScale.map { .finite($0) } ?? .null))
        }
        if let rank {
            doc.append(("rank", .object(model.inputs.indices.map { j in
                (model.inputs[j].name, .object([("spearman", .finite(rank.spearman[j])), ("prcc", .finite(rank.prcc[j])), ("src", .finite(rank.src[j]))]))
            })))
            doc.append(("src_r2", .finite(rank.rSquared)))
        }
        if let sobol {
            func indices(_ list: [SobolIndices.Index]) -> JSONValue {
                .object(list.map { i in
                    (i.input, .object([("S1", .finite(i.first)), ("S1_ci", .array([.finite(i.firstInterval.0), .finite(i.firstInterval.1)])),
                                       ("ST", .finite(i.total)), ("ST_ci", .array([.finite(i.totalInterval.0), .finite(i.totalInterval.1)]))]))
                })
            }
            doc.append(("sobol", indices(sobol.indices[0])))
            doc.append(("sobol_bcr", indices(sobol.indices[1])))
            doc.append(("sobol_base_samples", .integer(sobol.baseSamples)))
            doc.append(("sobol_model_runs", .integer(sobol.modelRuns)))
        }
        if let evpi {
            doc.append(("evpi", .finite(evpi)))
            doc.append(("evppi", .object(evppi.map { ($0.0, .finite($0.1)) })))
        }
        doc.append(("warnings", .array((model.warnings.map(\.description) + (sobol?.warnings ?? [])).map { .string($0) })))
        return .object(doc)
    }

    private func bars(_ list: [OneWay.Bar], key: String) -> JSONValue {
        .array(list.map { b in
            .object([("input", .string(b.input)), ("low", .finite(b.low)), ("high", .finite(b.high)),
                     ("\(key)_low", .finite(b.outputLow)), ("\(key)_high", .finite(b.outputHigh)), ("swing", .finite(b.swing))])
        })
    }

    // MARK: Text

    public func text() -> String {
        var out: [String] = []
        let m = NumberFormat.money
        out.append("SENSITIVITY · \(model.scenario.title)")
        out.append("base NPV \(m(model.evaluateBase()[model.outputIndex(.npv)!])) · seed \(settings.seed) · \(settings.samples) samples for sampled methods")
        if methods.contains(.tornado) {
            out.append("")
            out.append("TORNADO: NPV with each input at its P\(Int(settings.low * 100)) and P\(Int(settings.high * 100)), others at base (largest swing first)")
            for b in tornado[model.outputIndex(.npv)!] {
                out.append("  \(pad(b.input, 28)) \(pad(m(b.outputLow), 14, right: true)) … \(pad(m(b.outputHigh), 14, right: true))   swing \(m(b.swing))")
            }
        }
        if let sobol {
            out.append("")
            out.append("SOBOL' INDICES of NPV (share of variance; \(sobol.baseSamples) base samples, \(sobol.modelRuns) model runs; total index first)")
            for i in sobol.indices[0].sorted(by: { $0.total > $1.total }) {
                out.append("  \(pad(i.input, 28)) ST \(fmt(i.total)) [\(fmt(i.totalInterval.0)), \(fmt(i.totalInterval.1))]   S1 \(fmt(i.first)) [\(fmt(i.firstInterval.0)), \(fmt(i.firstInterval.1))]")
            }
            for w in sobol.warnings { out.append("  warning: \(w)") }
        }
        if let evpi {
            out.append("")
            out.append("VALUE OF INFORMATION (decision: invest if NPV > 0): EVPI \(m(evpi))")
            out.append("  worth researching first (partial EVPI):")
            for (name, v) in evppi.sorted(by: { $0.1 > $1.1 }) { out.append("  \(pad(name, 28)) \(pad(m(v), 14, right: true))") }
        }
        if let rank {
            out.append("")
            out.append("RANK MEASURES of NPV (linear regression R² = \(fmt(rank.rSquared)))")
            out.append("  \(pad("input", 28)) \(pad("Spearman", 9, right: true)) \(pad("PRCC", 9, right: true)) \(pad("SRC", 9, right: true))")
            for j in model.inputs.indices.sorted(by: { abs(rank.prcc[$0]) > abs(rank.prcc[$1]) }) {
                out.append("  \(pad(model.inputs[j].name, 28)) \(pad(fmt(rank.spearman[j]), 9, right: true)) \(pad(fmt(rank.prcc[j]), 9, right: true)) \(pad(fmt(rank.src[j]), 9, right: true))")
            }
        }
        if methods.contains(.breakEven) {
            out.append("")
            out.append("BREAK-EVEN: the value of each input at which base-case NPV is zero (others at base)")
            for (name, value) in breakEven {
                out.append("  \(pad(name, 28)) \(value.map { NumberFormat.general($0) } ?? "none within its range")")
            }
            if let effectScale {
                out.append("  all benefits × \(fmt(effectScale)): every effect may shrink by \(NumberFormat.percent(1 - effectScale)) before NPV turns negative")
            }
        }
        if methods.contains(.spider) {
            out.append("")
            out.append("SPIDER: NPV at each input's P5, P25, P50, P75, P95 (others at base)")
            for line in spider {
                let picks = line.points.filter { point in [0.05, 0.25, 0.5, 0.75, 0.95].contains { abs($0 - point.probability) < 1e-9 } }
                out.append("  \(pad(line.input, 28)) " + picks.map { pad(m($0.output), 13, right: true) }.joined(separator: " "))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.3f", x) : "n/a" }

    private func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
        let clipped = s.count > n ? String(s.prefix(n - 1)) + "…" : s
        let fill = String(repeating: " ", count: max(0, n - clipped.count))
        return right ? fill + clipped : clipped + fill
    }
}

import Foundation
