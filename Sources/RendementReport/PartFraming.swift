import Foundation

/// The framing of binary part files: a magic line, the length of a JSON header (8 bytes, little
/// endian), the header, then a binary payload of little-endian doubles.
enum PartFraming {
    /// Sorted keys: the same shard gives the same bytes on every run (a plain encoder's key order
    /// changes from process to process).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    static func frame<Header: Encodable>(magic: String, header: Header, payload: Data) throws -> Data {
        var data = Data(magic.utf8)
        let json = try encoder.encode(header)
        var length = UInt64(json.count).littleEndian
        data.append(Data(bytes: &length, count: 8))
        data.append(json)
        data.append(payload)
        return data
    }

    /// Whether the file at `path` starts with `magic`.
    static func starts(_ path: String, with magic: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return handle.readData(ofLength: magic.utf8.count) == Data(magic.utf8)
    }

    /// The header and the payload of the part file at `path`; throws a message naming the file.
    static func read<Header: Decodable>(_ path: String, magic: String, what: String, as: Header.Type) throws -> (Header, Data) {
        guard let data = FileManager.default.contents(atPath: path) else { throw ExportError("\(path): cannot be read") }
        let magicBytes = Data(magic.utf8)
        guard data.starts(with: magicBytes), data.count >= magicBytes.count + 8 else { throw ExportError("\(path): not a Rendement \(what)") }
        var offset = data.startIndex + magicBytes.count
        let length = data[offset..<offset + 8].withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
        offset += 8
        guard length > 0, length <= data.endIndex - offset, let header = try? JSONDecoder().decode(Header.self, from: data[offset..<offset + length]) else {
            throw ExportError("\(path): the \(what)'s header is damaged")
        }
        return (header, Data(data[(offset + length)...]))
    }

    /// Appends `values` as little-endian doubles.
    static func append(_ values: [Double], to data: inout Data) {
        values.map(\.bitPattern.littleEndian).withUnsafeBytes { data.append(contentsOf: $0) }
    }

    /// `count` little-endian doubles from `payload` at byte `offset`, which advances past them.
    static func doubles(_ payload: Data, count: Int, offset: inout Int) -> [Double] {
        let start = payload.startIndex + offset
        let values = payload[start..<start + count * 8].withUnsafeBytes { raw in
            (0..<count).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
        offset += count * 8
        return values
    }
}
