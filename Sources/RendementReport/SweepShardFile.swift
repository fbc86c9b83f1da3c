import Foundation
import RendementCore

/// A part file of a sharded sweep (`rendement sweep --shard K/N --out part-K.rdm`): the sweep is
/// sharded by points, each shard running a contiguous range of the grid; the file holds those
/// points' results exactly. `rendement merge` assembles the shards into the single sweep's JSON.
public struct SweepShardFile: Codable {
    static let magic = "RENDEMENT-SWEEP-PART\n"

    public struct StoredPoint: Codable {
        public var index: Int
        public var record: RunResultRecord
        public var breakEven: Sweep.BreakEven?

        public init(index: Int, record: RunResultRecord, breakEven: Sweep.BreakEven?) {
            self.index = index
            self.record = record
            self.breakEven = breakEven
        }
    }

    public var format = 1
    public var engine = Engine.version
    public var scenarioFile: String
    public var scenarioSHA256: String
    public var scenarioText: String
    public var variant: String?
    public var seed: UInt64
    public var samples: Int
    public var design: String
    public var axes: [Sweep.Axis]
    public var breakEvenInput: String?
    public var level: Double
    public var shardIndex: Int
    public var shardCount: Int
    public var points: [StoredPoint]

    public init(scenarioFile: String, scenarioSHA256: String, scenarioText: String, variant: String?, seed: UInt64, samples: Int,
                design: String, axes: [Sweep.Axis], breakEvenInput: String?, level: Double, shardIndex: Int, shardCount: Int, points: [StoredPoint]) {
        (self.scenarioFile, self.scenarioSHA256, self.scenarioText, self.variant) = (scenarioFile, scenarioSHA256, scenarioText, variant)
        (self.seed, self.samples, self.design, self.axes) = (seed, samples, design, axes)
        (self.breakEvenInput, self.level, self.shardIndex, self.shardCount, self.points) = (breakEvenInput, level, shardIndex, shardCount, points)
    }

    /// The points of shard `index` of `count` among `total`.
    public static func pointRange(total: Int, index: Int, count: Int) -> Range<Int> {
        (total * index / count)..<(total * (index + 1) / count)
    }

    public static func isSweepPart(_ path: String) -> Bool { PartFraming.starts(path, with: magic) }

    public func encoded() throws -> Data {
        Data(Self.magic.utf8) + (try PartFraming.encoder.encode(self))
    }

    public static func read(_ path: String) throws -> SweepShardFile {
        guard let data = FileManager.default.contents(atPath: path), data.starts(with: Data(magic.utf8)) else {
            throw ExportError("\(path): not a Rendement sweep part file")
        }
        do { return try JSONDecoder().decode(SweepShardFile.self, from: data.dropFirst(magic.utf8.count)) }
        catch { throw ExportError("\(path): the sweep part file is damaged") }
    }

    /// Problems that keep `parts` from being one sweep (empty when they are).
    public static func problems(_ parts: [(path: String, file: SweepShardFile)]) -> [String] {
        PartSetCheck.problems(parts.map { path, p in
            PartIdentity(path: path, fields: [PartSetCheck.scenario(p.scenarioSHA256), .init("variant", p.variant ?? "none"),
                                              .init("seed", "\(p.seed)"), .init("samples", "\(p.samples)"), .init("design", p.design),
                                              .init("engine version", p.engine),
                                              .init("--vary grid", "\(p.axes.map(\.name)) \(p.axes.map(\.values))", shown: ""),
                                              .init("break-even settings", "\(p.breakEvenInput ?? "none") \(p.level)")],
                         shardIndex: p.shardIndex, shardCount: p.shardCount)
        }, kind: "sweep")
    }

    /// The merged sweep: every point's stored result reattached to its recompiled model.
    public static func merge(_ parts: [SweepShardFile], threads: Int) throws -> Sweep {
        let first = parts[0]
        var model = try ModelCompiler.compile(yaml: first.scenarioText, file: first.scenarioFile)
        if let variant = first.variant { model = try ModelCompiler.compile(model.scenario, variant: variant) }
        let grid = Sweep.grid(first.axes)
        let stored = parts.flatMap(\.points).sorted { $0.index < $1.index }
        guard stored.map(\.index) == Array(grid.indices) else { throw ExportError("the part files do not hold every point of the grid exactly once") }
        var points: [Sweep.Point] = []
        for (p, values) in zip(stored, grid) {
            let pointModel = try Sweep.model(model.scenario, axes: first.axes, values: values)
            guard let result = p.record.result(model: pointModel) else { throw ExportError("point \(p.index) does not match the scenario it carries") }
            points.append(Sweep.Point(values: Array(zip(first.axes.map(\.name), values)), result: result, breakEven: p.breakEven))
        }
        let options = RunOptions(samples: first.samples, seed: first.seed, threads: threads, design: Designs.named(first.design) ?? MonteCarloDesign())
        return Sweep(axes: first.axes, options: options, points: points)
    }
}
