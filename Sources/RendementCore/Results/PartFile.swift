import Foundation

/// The one file format of a result store's parts (`--shard K/N --out part-K.rdm`, merged by
/// `rendement merge`): a magic line, the length of a JSON header (8 bytes, little endian), the
/// header, then the payload: named sections of little-endian numbers, in the header's order.
///
/// The header says what was computed (kind, scenario text and SHA-256, variant, seed, samples,
/// design, shard, engine version, settings) and lists every section with its element type and
/// count. `read` checks every length before anything is read: the magic, the header's length
/// against the file, the sections' sizes (without overflow) against the payload, the shard
/// against the limits; the kind's own reader then checks each section's count against the
/// scenario. A damaged or hostile file is refused with its name and what is wrong.
public struct PartFile: Sendable {
    public static let magic = "RENDEMENT-PART\n"
    public static let format = 3
    /// A header larger than this is not a part file's (the scenario text is its largest field).
    static let maxHeaderBytes = 64 << 20

    /// What the kind of part holds.
    public enum Kind: String, Codable, Sendable { case run, sensitivity, sweep }

    /// The numbers of one section: 64- or 32-bit IEEE floats.
    public enum Element: String, Codable, Sendable {
        case f64, f32
        var size: Int { self == .f64 ? 8 : 4 }
    }

    public struct Section: Codable, Sendable, Equatable {
        public var name: String
        public var element: Element
        public var count: Int
    }

    public struct Header: Codable, Sendable {
        public var format: Int
        public var kind: Kind
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
        /// Settings of the kind (sweep axes, sensitivity methods, …), as text.
        public var settings: [String: String]
        public var sections: [Section]
        /// The SHA-256 of the payload (every section's bytes in order): damage anywhere is found.
        public var payloadSHA256: String
    }

    public let header: Header
    /// Each section's bytes, by name.
    private let payloads: [String: Data]
    /// The file the part was read from (or will be written to), for messages.
    public let name: String

    /// A part of `kind` holding `sections` (name, element type, bytes).
    public init(kind: Kind, name: String, scenarioFile: String, scenarioText: String, variant: String?, seed: UInt64, samples: Int,
                design: String, shard: ShardSpec, settings: [String: String] = [:], sections: [(name: String, element: Element, data: Data)]) {
        header = Header(format: Self.format, kind: kind, engine: Engine.version, scenarioFile: scenarioFile,
                        scenarioSHA256: Digest.sha256Hex(scenarioText), scenarioText: scenarioText, variant: variant, seed: seed,
                        samples: samples, design: design, shardIndex: shard.index, shardCount: shard.count, settings: settings,
                        sections: sections.map { Section(name: $0.name, element: $0.element, count: $0.data.count / $0.element.size) },
                        payloadSHA256: Digest.sha256(sections.reduce(into: Data()) { $0.append($1.data) }).map { String(format: "%02x", $0) }.joined())
        payloads = Dictionary(sections.map { ($0.name, $0.data) }, uniquingKeysWith: { a, _ in a })
        self.name = name
    }

    /// The file's bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]   // the same part gives the same bytes
        let json = try encoder.encode(header)
        var data = Data(Self.magic.utf8)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for section in header.sections { data.append(payloads[section.name] ?? Data()) }
        return data
    }

    /// Whether `data` starts like a part file.
    public static func isPart(_ data: Data) -> Bool { data.starts(with: Data(magic.utf8)) }

    /// Reads the part file at `path`.
    public static func read(path: String) throws(PartFileError) -> PartFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PartFileError(path, FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        return try read(data, name: path)
    }

    /// Reads a part file's bytes, checking every length; `name` is used in messages.
    /// `verifyingChecksum: false` is for the fuzz target only, so that mutated files reach the
    /// checks behind the checksum.
    public static func read(_ data: Data, name: String, verifyingChecksum: Bool = true) throws(PartFileError) -> PartFile {
        let magicBytes = Data(magic.utf8)
        guard data.starts(with: magicBytes) else {
            throw PartFileError(name, "not a Rendement part file (it does not start with \"RENDEMENT-PART\")")
        }
        var offset = data.startIndex + magicBytes.count
        guard data.endIndex - offset >= 8 else { throw PartFileError(name, "the part file ends before its header") }
        let declared = data[offset..<offset + 8].withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        offset += 8
        guard let length = Int(exactly: declared), length > 0, length <= min(maxHeaderBytes, data.endIndex - offset) else {
            throw PartFileError(name, "the header length (\(declared) bytes) does not fit the file (\(data.count) bytes): the file is truncated or damaged")
        }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data[offset..<offset + length]) }
        catch { throw PartFileError(name, "the header is damaged (not the JSON a part file carries)") }
        offset += length
        guard header.format == format else {
            throw PartFileError(name, "part file format \(header.format); this engine (\(Engine.version)) reads format \(format): merge with the version that wrote it")
        }
        do {
            _ = try ShardSpec(index: header.shardIndex, count: header.shardCount, field: "shard")
            _ = try SampleCount(header.samples, field: "samples")
        } catch { throw PartFileError(name, error.description) }
        guard Designs.named(header.design) != nil else { throw PartFileError(name, "unknown design '\(header.design.prefix(40))'") }
        var payloads: [String: Data] = [:]
        for section in header.sections {
            guard section.count >= 0, payloads[section.name] == nil else {
                throw PartFileError(name, "section '\(section.name.prefix(40))' is listed twice or has a negative count")
            }
            let (bytes, overflow) = section.count.multipliedReportingOverflow(by: section.element.size)
            guard !overflow, bytes <= data.endIndex - offset else {
                throw PartFileError(name, "section '\(section.name.prefix(40))' claims \(section.count) values, more than the file holds: the file is truncated or damaged")
            }
            payloads[section.name] = Data(data[offset..<offset + bytes])
            offset += bytes
        }
        guard offset == data.endIndex else {
            throw PartFileError(name, "\(data.endIndex - offset) bytes follow the last section: the file is damaged")
        }
        let payload = Digest.sha256(Data(data[(data.startIndex + magicBytes.count + 8 + length)...])).map { String(format: "%02x", $0) }.joined()
        guard payload == header.payloadSHA256 || !verifyingChecksum else {
            throw PartFileError(name, "the data does not match the checksum in its header: the file is damaged")
        }
        return PartFile(header: header, payloads: payloads, name: name)
    }

    private init(header: Header, payloads: [String: Data], name: String) {
        self.header = header
        self.payloads = payloads
        self.name = name
    }

    /// The bytes of section `name`, which must hold `count` values of `element`.
    public func section(_ sectionName: String, element: Element, count: Int) throws(PartFileError) -> Data {
        guard let section = header.sections.first(where: { $0.name == sectionName }), let data = payloads[sectionName] else {
            throw PartFileError(name, "the section '\(sectionName)' is missing")
        }
        guard section.element == element, section.count == count else {
            throw PartFileError(name, "the section '\(sectionName)' holds \(section.count) \(section.element.rawValue) values where \(count) \(element.rawValue) were expected")
        }
        return data
    }

    /// Section `name` as doubles (it must hold `count`).
    public func doubles(_ sectionName: String, count: Int) throws(PartFileError) -> [Double] {
        let data = try section(sectionName, element: .f64, count: count)
        return data.withUnsafeBytes { raw in
            (0..<count).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
    }

    /// Doubles as a section's bytes (little endian).
    public static func bytes(_ values: [Double]) -> Data {
        values.map(\.bitPattern.littleEndian).withUnsafeBytes { Data($0) }
    }
}

/// A part file that cannot be used: its name and what is wrong.
public struct PartFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(_ file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    /// `file: message`, or the message alone for a problem of a set of files (it names them).
    public var description: String { file.isEmpty ? message : "\(file): \(message)" }
}
