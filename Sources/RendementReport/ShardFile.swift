import Foundation
import RendementCore

/// A partial result file (`rendement run --shard K/N --out part-K.rdm`): versioned and
/// self-describing (a JSON header with the scenario text and its SHA-256, seed, samples, design,
/// shard and engine version), then the shard's chunk moments and kept output values in binary.
/// `rendement merge` turns the N parts into exactly the single run's result.
public struct ShardFile {
    static let magic = Data("RENDEMENT-PART\n".utf8)
    public static let formatVersion = 1

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
        var data = Self.magic
        let json = try JSONEncoder().encode(header)
        var length = UInt64(json.count).littleEndian
        data.append(Data(bytes: &length, count: 8))
        data.append(json)
        for m in shard.moments {
            for x in [Double(m.count), m.mean, m.m2, m.min, m.max, Double(m.positive), Double(m.nonFinite)] {
                var bits = x.bitPattern.littleEndian
                data.append(Data(bytes: &bits, count: 8))
            }
        }
        for v in shard.values { data.append(v) }
        return data
    }

    /// Reads a part file; throws a message naming the file when it is not one.
    public static func read(_ path: String) throws -> ShardFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw ExportError("\(path): cannot be read") }
        guard data.starts(with: magic), data.count >= magic.count + 8 else { throw ExportError("\(path): not a Rendement part file") }
        var offset = magic.count
        let length = data[offset..<offset + 8].withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
        offset += 8
        guard length > 0, offset + length <= data.count, let header = try? JSONDecoder().decode(Header.self, from: data[offset..<offset + length]) else {
            throw ExportError("\(path): the part file's header is damaged")
        }
        guard header.format == formatVersion else { throw ExportError("\(path): part file format \(header.format); this engine reads format \(formatVersion)") }
        offset += length
        let chunks = header.chunkEnd - header.chunkStart
        let momentBytes = chunks * header.outputs * 7 * 8
        guard chunks >= 0, offset + momentBytes + header.valueBytes.reduce(0, +) == data.count else {
            throw ExportError("\(path): the part file is truncated or damaged")
        }
        var moments: [Moments] = []
        data[offset..<offset + momentBytes].withUnsafeBytes { raw in
            for i in 0..<(chunks * header.outputs) {
                var x = [Double](repeating: 0, count: 7)
                for j in 0..<7 { x[j] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: (i * 7 + j) * 8, as: UInt64.self))) }
                moments.append(Moments(count: Int(x[0]), mean: x[1], m2: x[2], min: x[3], max: x[4], positive: Int(x[5]), nonFinite: Int(x[6])))
            }
        }
        offset += momentBytes
        var values: [Data] = []
        for n in header.valueBytes { values.append(data[offset..<offset + n]); offset += n }
        let shard = ShardResult(index: header.shardIndex, count: header.shardCount, chunks: header.chunkStart..<header.chunkEnd,
                                moments: moments, values: values)
        return ShardFile(header: header, shard: shard)
    }

    /// Checks that `parts` are all the shards of one run; returns the problem otherwise.
    public static func problems(_ parts: [(path: String, file: ShardFile)]) -> [String] {
        guard let first = parts.first?.file.header else { return ["no part files given"] }
        var problems: [String] = []
        for (path, part) in parts.dropFirst() {
            let h = part.header
            var differs: [String] = []
            if h.scenarioSHA256 != first.scenarioSHA256 { differs.append("scenario (sha256 \(h.scenarioSHA256.prefix(12))… vs \(first.scenarioSHA256.prefix(12))…)") }
            if h.variant != first.variant { differs.append("variant (\(h.variant ?? "none") vs \(first.variant ?? "none"))") }
            if h.seed != first.seed { differs.append("seed (\(h.seed) vs \(first.seed))") }
            if h.samples != first.samples { differs.append("samples (\(h.samples) vs \(first.samples))") }
            if h.design != first.design { differs.append("design (\(h.design) vs \(first.design))") }
            if h.engine != first.engine { differs.append("engine version (\(h.engine) vs \(first.engine))") }
            if h.shardCount != first.shardCount { differs.append("shard count (\(h.shardCount) vs \(first.shardCount))") }
            if !differs.isEmpty { problems.append("\(path) is from another run than \(parts[0].path): \(differs.joined(separator: ", "))") }
        }
        guard problems.isEmpty else { return problems }
        var seen: [Int: String] = [:]
        for (path, part) in parts {
            let h = part.header
            if let other = seen[h.shardIndex] { problems.append("\(path) and \(other) are both shard \(h.shardIndex)/\(h.shardCount)") }
            seen[h.shardIndex] = path
            let expected = MonteCarloRunner.shardChunks(samples: h.samples, index: h.shardIndex, count: h.shardCount)
            if expected != h.chunkStart..<h.chunkEnd || h.shardIndex < 0 || h.shardIndex >= h.shardCount {
                problems.append("\(path): shard \(h.shardIndex)/\(h.shardCount) holds chunks \(h.chunkStart)..<\(h.chunkEnd), expected \(expected)")
            }
        }
        let missing = (0..<first.shardCount).filter { seen[$0] == nil }
        if !missing.isEmpty {
            problems.append("missing shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(first.shardCount)" }.joined(separator: ", ")) of the run (seed \(first.seed), \(first.samples) samples)")
        }
        return problems
    }
}
