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

    public static func isSweepPart(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return handle.readData(ofLength: magic.utf8.count) == Data(magic.utf8)
    }

    public func encoded() throws -> Data {
        Data(Self.magic.utf8) + (try JSONEncoder().encode(self))
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
        guard let first = parts.first?.file else { return ["no part files given"] }
        var problems: [String] = []
        for (path, p) in parts.dropFirst() {
            var differs: [String] = []
            if p.scenarioSHA256 != first.scenarioSHA256 { differs.append("scenario") }
            if p.variant != first.variant { differs.append("variant") }
            if p.seed != first.seed { differs.append("seed (\(p.seed) vs \(first.seed))") }
            if p.samples != first.samples { differs.append("samples (\(p.samples) vs \(first.samples))") }
            if p.design != first.design { differs.append("design") }
            if p.engine != first.engine { differs.append("engine version") }
            if p.shardCount != first.shardCount { differs.append("shard count") }
            if p.axes.map(\.name) != first.axes.map(\.name) || p.axes.map(\.values) != first.axes.map(\.values) { differs.append("--vary grid") }
            if p.breakEvenInput != first.breakEvenInput || p.level != first.level { differs.append("break-even settings") }
            if !differs.isEmpty { problems.append("\(path) is from another sweep than \(parts[0].path): \(differs.joined(separator: ", "))") }
        }
        guard problems.isEmpty else { return problems }
        var seen: [Int: String] = [:]
        for (path, p) in parts {
            if let other = seen[p.shardIndex] { problems.append("\(path) and \(other) are both shard \(p.shardIndex)/\(p.shardCount)") }
            seen[p.shardIndex] = path
        }
        let missing = (0..<first.shardCount).filter { seen[$0] == nil }
        if !missing.isEmpty { problems.append("missing shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(first.shardCount)" }.joined(separator: ", ")) of the sweep") }
        return problems
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
