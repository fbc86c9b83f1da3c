import Foundation
import RendementCore

/// A part file of a sharded sensitivity analysis (`rendement sensitivity --shard K/N --out
/// part-K.rdm`): a JSON header (scenario text and SHA-256, methods, samples, seed, design,
/// settings, shard, engine version), then the shard's model runs as little-endian doubles (see
/// `SensitivityEvaluations`). `rendement merge` turns the N parts into exactly the single
/// analysis.
public struct SensitivityShardFile {
    static let magic = "RENDEMENT-SENSITIVITY-PART\n"
    public static let formatVersion = 1

    public struct Header: Codable, Sendable {
        public var format = SensitivityShardFile.formatVersion
        public var engine = Engine.version
        public var scenarioFile: String
        public var scenarioSHA256: String
        public var scenarioText: String
        public var methods: [String]
        public var samples: Int
        public var seed: UInt64
        public var design: String
        public var tornadoLow: Double
        public var tornadoHigh: Double
        public var resamples: Int
        public var shardIndex: Int
        public var shardCount: Int
        public var inputs: Int
        public var tableStart: Int
        public var tableEnd: Int
        public var sobolStart: Int
        public var sobolEnd: Int
    }

    public var header: Header
    public var evaluations: SensitivityEvaluations

    /// The part of shard `index` of `count` of an analysis with these settings.
    public init(scenarioFile: String, scenarioText: String, methods: [SensitivityMethod], settings: SensitivityAnalysis.Settings,
                index: Int, count: Int, evaluations: SensitivityEvaluations) {
        header = Header(scenarioFile: scenarioFile, scenarioSHA256: ReportWriter.sha256(of: scenarioText), scenarioText: scenarioText,
                        methods: methods.map(\.rawValue), samples: settings.samples, seed: settings.seed, design: settings.design.name,
                        tornadoLow: settings.low, tornadoHigh: settings.high, resamples: settings.resamples, shardIndex: index, shardCount: count,
                        inputs: evaluations.tableInputs.count, tableStart: evaluations.tableRows.lowerBound, tableEnd: evaluations.tableRows.upperBound,
                        sobolStart: evaluations.sobolRows.lowerBound, sobolEnd: evaluations.sobolRows.upperBound)
        self.evaluations = evaluations
    }

    init(header: Header, evaluations: SensitivityEvaluations) {
        self.header = header
        self.evaluations = evaluations
    }

    /// The methods and settings the analysis was run with.
    public var methods: [SensitivityMethod] { header.methods.compactMap(SensitivityMethod.init(rawValue:)) }

    public var settings: SensitivityAnalysis.Settings {
        var s = SensitivityAnalysis.Settings(samples: header.samples, seed: header.seed, threads: RunOptions.defaultThreads,
                                             design: Designs.named(header.design) ?? MonteCarloDesign())
        (s.low, s.high, s.resamples) = (header.tornadoLow, header.tornadoHigh, header.resamples)
        return s
    }

    public static func isSensitivityPart(_ path: String) -> Bool { PartFraming.starts(path, with: magic) }

    public func encoded() throws -> Data {
        var payload = Data()
        for column in evaluations.tableInputs { PartFraming.append(column, to: &payload) }
        PartFraming.append(evaluations.tableNPV, to: &payload)
        for column in evaluations.sobolOutputs { PartFraming.append(column, to: &payload) }
        return try PartFraming.frame(magic: Self.magic, header: header, payload: payload)
    }

    /// Reads a part file; throws a message naming the file when it is not one.
    public static func read(_ path: String) throws -> SensitivityShardFile {
        let what = "sensitivity part file"
        let (h, payload) = try PartFraming.read(path, magic: magic, what: what, as: Header.self)
        guard h.format == formatVersion else { throw ExportError("\(path): \(what) format \(h.format); this engine reads format \(formatVersion)") }
        let tableRows = h.tableEnd - h.tableStart, sobolRows = h.sobolEnd - h.sobolStart
        guard tableRows >= 0, sobolRows >= 0, h.inputs >= 0, ((h.inputs + 1) * tableRows + 2 * sobolRows) * 8 == payload.count else {
            throw ExportError("\(path): the \(what) is truncated or damaged")
        }
        var offset = 0
        let inputs = (0..<h.inputs).map { _ in PartFraming.doubles(payload, count: tableRows, offset: &offset) }
        let npv = PartFraming.doubles(payload, count: tableRows, offset: &offset)
        let sobol = (0..<2).map { _ in PartFraming.doubles(payload, count: sobolRows, offset: &offset) }
        return SensitivityShardFile(header: h, evaluations: SensitivityEvaluations(tableRows: h.tableStart..<h.tableEnd, tableInputs: inputs, tableNPV: npv,
                                                                                   sobolRows: h.sobolStart..<h.sobolEnd, sobolOutputs: sobol))
    }

    /// Problems that keep `parts` from being one analysis (empty when they are).
    public static func problems(_ parts: [(path: String, file: SensitivityShardFile)]) -> [String] {
        PartSetCheck.problems(parts.map { path, p in
            let h = p.header
            return PartIdentity(path: path, fields: [PartSetCheck.scenario(h.scenarioSHA256), .init("methods", h.methods.joined(separator: ",")),
                                                     .init("seed", "\(h.seed)"), .init("samples", "\(h.samples)"), .init("design", h.design),
                                                     .init("engine version", h.engine), .init("--tornado", "\(h.tornadoLow):\(h.tornadoHigh)"),
                                                     .init("bootstrap resamples", "\(h.resamples)")],
                                shardIndex: h.shardIndex, shardCount: h.shardCount)
        }, kind: "analysis") { i in
            let h = parts[i].file.header
            let table = MonteCarloRunner.shardSamples(samples: h.samples, index: h.shardIndex, count: h.shardCount)
            guard h.tableStart..<h.tableEnd == table || h.tableStart == h.tableEnd else {
                return "shard \(h.shardIndex)/\(h.shardCount) holds samples \(h.tableStart)..<\(h.tableEnd), expected \(table)"
            }
            return nil
        }
    }

    /// The analysis the parts make up together: exactly the single analysis.
    public static func merge(_ parts: [SensitivityShardFile], threads: Int) throws -> SensitivityAnalysis {
        let ordered = parts.sorted { $0.header.shardIndex < $1.header.shardIndex }
        let first = ordered[0]
        let model = try ModelCompiler.compile(yaml: first.header.scenarioText, file: first.header.scenarioFile)
        guard let evaluations = SensitivityEvaluations.concatenate(ordered.map(\.evaluations)), evaluations.tableInputs.count == model.inputs.count,
              evaluations.tableRows == (SensitivityEvaluations.needsTable(model, first.methods) ? 0..<first.header.samples : 0..<0),
              evaluations.sobolRows == 0..<(SensitivityEvaluations.needsSobol(model, first.methods) ? SensitivityEvaluations.sobolRowCount(model, baseSamples: first.header.samples) : 0)
        else { throw ExportError("the part files do not hold every model run of the analysis exactly once") }
        var settings = first.settings
        settings.threads = threads
        return SensitivityAnalysis(model: model, methods: first.methods, settings: settings, evaluations: evaluations)
    }
}
