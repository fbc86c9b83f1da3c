import Foundation
import RendementCore

/// A partial result file (`rendement run --shard K/N --out part-K.rdm`): versioned and
/// self-describing (a JSON header with the scenario text and its SHA-256, seed, samples, design,
/// shard and engine version), then the shard's chunk moments and kept output values in binary.
/// `rendement merge` turns the N parts into exactly the single run's result.
public struct ShardFile {
    static let magic = "RENDEMENT-PART\n"
    public static let formatVersion = 2

    public struct Header: Codable, Sendable {
        public var format: Int
        public var engine: String
        public var scenarioFile: String
        public var scenarioSHA256: String
        public var scenarioText: String
        public var variant: String?
        public var seed: UInt64
        public var samples: Int
        public var design: String
        public var shardIndex: Int
        public var shardCount: Int
        public var chunkStart: Int
        public var chunkEnd: Int
        public var outputs: Int
        public var valueBytes: [Int]

        public init(format: Int, engine: String, scenarioFile: String, scenarioSHA256: String, scenarioText: String, variant: String?,
                    seed: UInt64, samples: Int, design: String, shardIndex: Int, shardCount: Int, chunkStart: Int, chunkEnd: Int,
                    outputs: Int, valueBytes: [Int]) {
            (self.format, self.engine, self.scenarioFile, self.scenarioSHA256, self.scenarioText, self.variant) =
                (format, engine, scenarioFile, scenarioSHA256, scenarioText, variant)
            (self.seed, self.samples, self.design, self.shardIndex, self.shardCount) = (seed, samples, design, shardIndex, shardCount)
            (self.chunkStart, self.chunkEnd, self.outputs, self.valueBytes) = (chunkStart, chunkEnd, outputs, valueBytes)
        }
    }

    public var header: Header
    public var shard: ShardResult

    public init(header: Header, shard: ShardResult) {
        self.header = header
        self.shard = shard
    }

    public func encoded() throws -> Data {
        var payload = Data()
        PartFraming.append(shard.moments.flatMap { m in [Double(m.count), m.mean, m.m2, m.min, m.max, Double(m.positive), Double(m.nonFinite)] },
                           to: &payload)
        for v in shard.values { payload.append(v) }
        return try PartFraming.frame(magic: Self.magic, header: header, payload: payload)
    }

    /// Whether the file at `path` is a run's part file.
    public static func isRunPart(_ path: String) -> Bool { PartFraming.starts(path, with: magic) }

    /// Reads a part file; throws a message naming the file when it is not one.
    public static func read(_ path: String) throws -> ShardFile {
        let (header, payload) = try PartFraming.read(path, magic: magic, what: "part file", as: Header.self)
        guard header.format == formatVersion else { throw ExportError("\(path): part file format \(header.format); this engine reads format \(formatVersion)") }
        let chunks = header.chunkEnd - header.chunkStart
        let momentValues = chunks * header.outputs * 7
        guard chunks >= 0, header.outputs >= 0, header.valueBytes.allSatisfy({ $0 >= 0 }),
              momentValues * 8 + header.valueBytes.reduce(0, +) == payload.count else {
            throw ExportError("\(path): the part file is truncated or damaged")
        }
        var offset = 0
        let x = PartFraming.doubles(payload, count: momentValues, offset: &offset)
        let moments = (0..<(chunks * header.outputs)).map { i in
            Moments(count: Int(x[i * 7]), mean: x[i * 7 + 1], m2: x[i * 7 + 2], min: x[i * 7 + 3], max: x[i * 7 + 4],
                    positive: Int(x[i * 7 + 5]), nonFinite: Int(x[i * 7 + 6]))
        }
        var values: [Data] = []
        for n in header.valueBytes { values.append(payload[payload.startIndex + offset..<payload.startIndex + offset + n]); offset += n }
        let shard = ShardResult(index: header.shardIndex, count: header.shardCount, chunks: header.chunkStart..<header.chunkEnd,
                                moments: moments, values: values)
        return ShardFile(header: header, shard: shard)
    }

    /// Checks that `parts` are all the shards of one run; returns the problems otherwise.
    public static func problems(_ parts: [(path: String, file: ShardFile)]) -> [String] {
        let identities = parts.map { path, part in
            let h = part.header
            return PartIdentity(path: path, fields: [PartSetCheck.scenario(h.scenarioSHA256), .init("variant", h.variant ?? "none"),
                                                     .init("seed", "\(h.seed)"), .init("samples", "\(h.samples)"), .init("design", h.design),
                                                     .init("engine version", h.engine)],
                                shardIndex: h.shardIndex, shardCount: h.shardCount)
        }
        let first = parts.first?.file.header
        return PartSetCheck.problems(identities, kind: "run", missingContext: first.map { " (seed \($0.seed), \($0.samples) samples)" } ?? "") { i in
            let h = parts[i].file.header
            let expected = MonteCarloRunner.shardChunks(samples: h.samples, index: h.shardIndex, count: h.shardCount)
            return expected == h.chunkStart..<h.chunkEnd ? nil : "shard \(h.shardIndex)/\(h.shardCount) holds chunks \(h.chunkStart)..<\(h.chunkEnd), expected \(expected)"
        }
    }
}
