import Foundation
import RendementCore

/// The part files of sharded sweeps and sensitivity analyses, in the one part-file format
/// (`PartFile`): their settings in the header, their numbers in sections whose counts are checked
/// against what each shard must hold before anything is read.
public enum AnalysisParts {
    // MARK: Sweeps

    /// Numbers per point: the base case (NPV, BCR, PV benefits, PV costs), the NPV and BCR
    /// summaries, and the break-even value (NaN when none was asked for or it was not crossed).
    static var sweepPointCount: Int { 4 + 2 * Summary.partCount + 1 }

    /// The points of shard `index` of `count` among `total`.
    public static func pointRange(total: Int, shard: ShardSpec) -> Range<Int> {
        (total * shard.index / shard.count)..<(total * (shard.index + 1) / shard.count)
    }

    /// The part of a sweep shard (the sweep of its points).
    public static func sweepPart(_ sweep: Sweep, shard: ShardSpec, name: String, scenarioFile: String, scenarioText: String,
                                 variant: String?, breakEvenInput: String?, level: Double) throws -> PartFile {
        var numbers: [Double] = []
        for point in sweep.points {
            numbers += [point.base.npv, point.base.bcr, point.base.pvBenefits, point.base.pvCosts]
            numbers += point.npv.partValues + point.bcr.partValues + [point.breakEven?.value ?? .nan]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]   // the same settings give the same text in every shard
        let axes = String(decoding: try encoder.encode(sweep.axes), as: UTF8.self)
        let settings = ["axes": axes, "break_even": breakEvenInput ?? "", "level": "\(level)", "title": sweep.title]
        return PartFile(kind: .sweep, name: name, scenarioFile: scenarioFile, scenarioText: scenarioText, variant: variant,
                        seed: sweep.options.seed, samples: sweep.options.samples, design: sweep.options.design.name, shard: shard,
                        settings: settings, sections: [("points", .f64, PartFile.bytes(numbers))])
    }

    /// The sweep all the parts make up together: exactly the single sweep.
    public static func mergeSweep(_ parts: [PartFile], threads: Int) throws(PartFileError) -> Sweep {
        let problems = PartFile.setProblems(parts, kind: .sweep)
        guard problems.isEmpty, let first = parts.first else { throw PartFileError("", problems.joined(separator: "\n")) }
        let h = first.header
        let model = try first.compiledModel()
        guard let axesText = h.settings["axes"], let axes = try? JSONDecoder().decode([Sweep.Axis].self, from: Data(axesText.utf8)),
              let level = h.settings["level"].flatMap(Double.init), let design = Designs.named(h.design) else {
            throw PartFileError(first.name, "the sweep's settings are missing or damaged")
        }
        let breakEven = h.settings["break_even"].flatMap { $0.isEmpty ? nil : $0 }
        do { try Sweep.validate(axes, breakEvenInput: breakEven, scenario: model.scenario) }
        catch { throw PartFileError(first.name, error.description) }
        let grid = Sweep.grid(axes)
        var points: [Sweep.Point] = []
        for part in parts.sorted(by: { $0.header.shardIndex < $1.header.shardIndex }) {
            let range = pointRange(total: grid.count, shard: try shard(part))
            let x = try part.doubles("points", count: range.count * sweepPointCount)
            for (i, p) in range.enumerated() {
                let at = i * sweepPointCount, s = Summary.partCount
                do {
                    let npv = try Summary(part: x[(at + 4)..<(at + 4 + s)], samples: h.samples)
                    let bcr = try Summary(part: x[(at + 4 + s)..<(at + 4 + 2 * s)], samples: h.samples)
                    let crossing = x[at + 4 + 2 * s]
                    points.append(Sweep.Point(values: Array(zip(axes.map(\.name), grid[p])), base: (x[at], x[at + 1], x[at + 2], x[at + 3]),
                                              npv: npv, bcr: bcr,
                                              breakEven: breakEven.map { Sweep.BreakEven(input: $0, level: level, value: crossing.isNaN ? nil : crossing) }))
                } catch { throw PartFileError(part.name, "point \(p): \(error.message)") }
            }
        }
        let options = RunOptions(samples: h.samples, seed: h.seed, threads: threads, design: design)
        return Sweep(title: h.settings["title"] ?? model.scenario.title, axes: axes, options: options, points: points)
    }

    // MARK: Sensitivity analyses

    /// The settings a sensitivity part records (everything the merge needs to redo the estimates).
    static func settings(_ methods: [SensitivityMethod], _ s: SensitivityAnalysis.Settings, jointRows: Int) -> [String: String] {
        ["methods": methods.map(\.rawValue).joined(separator: ","), "tornado": "\(s.low):\(s.high)", "joint_rows": "\(jointRows)",
         "sobol_base_samples": "\(s.sobolBaseSamples)", "sobol_replicates": "\(s.sobolReplicates)", "sobol_bcr": "\(s.sobolBCR)",
         "sobol_design": s.sobolDesign.rawValue]
    }

    /// The part of a sensitivity shard: its rows of the joint sample and its blocks' sums.
    public static func sensitivityPart(_ model: CompiledModel, methods: [SensitivityMethod], settings: SensitivityAnalysis.Settings,
                                       shard: ShardSpec, evaluations: SensitivityEvaluations, name: String, scenarioFile: String,
                                       scenarioText: String, variant: String? = nil) -> PartFile {
        PartFile(kind: .sensitivity, name: name, scenarioFile: scenarioFile, scenarioText: scenarioText, variant: variant, seed: settings.seed,
                 samples: settings.samples, design: settings.design.name, shard: shard,
                 settings: Self.settings(methods, settings, jointRows: settings.jointRows(model)),
                 sections: [("inputs", .f64, PartFile.bytes(evaluations.inputs.flatMap { $0 })), ("npv", .f64, PartFile.bytes(evaluations.npv)),
                            ("sobol", .f64, PartFile.bytes(evaluations.sobolSums))])
    }

    /// The analysis all the parts make up together: exactly the single analysis.
    public static func mergeSensitivity(_ parts: [PartFile], threads: Int) throws(PartFileError) -> SensitivityAnalysis {
        let problems = PartFile.setProblems(parts, kind: .sensitivity)
        guard problems.isEmpty, let first = parts.first else { throw PartFileError("", problems.joined(separator: "\n")) }
        let h = first.header
        let model = try first.compiledModel()
        let methods = (h.settings["methods"] ?? "").split(separator: ",").compactMap { SensitivityMethod(rawValue: String($0)) }
        let tornado = (h.settings["tornado"] ?? "").split(separator: ":").compactMap { Double($0) }
        guard !methods.isEmpty, tornado.count == 2, let design = Designs.named(h.design),
              let base = h.settings["sobol_base_samples"].flatMap(Int.init), let replicates = h.settings["sobol_replicates"].flatMap(Int.init),
              let sobolDesign = h.settings["sobol_design"].flatMap(SobolIndices.Design.init(rawValue:)),
              let jointRows = h.settings["joint_rows"].flatMap(Int.init) else {
            throw PartFileError(first.name, "the analysis's settings are missing or damaged")
        }
        var settings = SensitivityAnalysis.Settings(samples: h.samples, seed: h.seed, threads: threads, design: design)
        (settings.low, settings.high) = (tornado[0], tornado[1])
        do {
            settings.sobolBaseSamples = try SampleCount(base, field: "sobol_base_samples").value
            settings.sobolReplicates = try Limits.whole(replicates, in: 2...Limits.resamples.upperBound, field: "sobol_replicates", what: "replicates")
            _ = try SampleCount(jointRows, field: "joint_rows")
        } catch { throw PartFileError(first.name, error.description) }
        settings.sobolBCR = h.settings["sobol_bcr"] == "true"
        settings.sobolDesign = sobolDesign
        // The joint sample's rows as the writer's settings made them.
        settings.rowLimit = jointRows
        settings.memoryBudget = jointRows.saturatingMultiply(JointSample.rowBytes(inputs: model.inputs.count))
        guard settings.jointRows(model) == jointRows || !SensitivityEvaluations.needsJointSample(model, methods) else {
            throw PartFileError(first.name, "the joint sample's rows (\(jointRows)) do not fit the analysis's samples (\(h.samples))")
        }
        let k = model.analysableInputs.count, outputs = settings.sobolSettings(model).outputs.count
        var pieces: [SensitivityEvaluations] = []
        for part in parts.sorted(by: { $0.header.shardIndex < $1.header.shardIndex }) {
            let spec = try shard(part)
            let rows = SensitivityEvaluations.rows(model, methods: methods, settings: settings, shard: spec)
            let blocks = SensitivityEvaluations.blocks(model, methods: methods, settings: settings, shard: spec)
            let inputs = try part.doubles("inputs", count: rows.count * k)
            let npv = try part.doubles("npv", count: rows.count)
            let sums = try part.doubles("sobol", count: blocks.count * outputs * SobolIndices.sumsPerOutput(inputs: k))
            pieces.append(SensitivityEvaluations(rows: rows, inputs: (0..<k).map { Array(inputs[($0 * rows.count)..<(($0 + 1) * rows.count)]) },
                                                 npv: npv, sobolBlocks: blocks, sobolSums: sums))
        }
        guard let whole = SensitivityEvaluations.concatenate(pieces) else {
            throw PartFileError(first.name, "the part files do not hold every model run of the analysis exactly once")
        }
        return SensitivityAnalysis(model: model, methods: methods, settings: settings, evaluations: whole)
    }

    static func shard(_ part: PartFile) throws(PartFileError) -> ShardSpec {
        do { return try ShardSpec(index: part.header.shardIndex, count: part.header.shardCount) }
        catch { throw PartFileError(part.name, error.description) }
    }
}
