import Foundation
import Yams

/// Typed access to a Yams node tree that records a diagnostic (file, line, field) for every
/// mismatch instead of stopping at the first one.
struct YAMLReader {
    let log: DiagnosticLog

    var file: String { log.file }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 0, column: 0) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// A short rendering of what was found, for "expected X, found Y".
    func describe(_ node: Node) -> String {
        switch node {
        case let .scalar(s):
            if isNull(node) { return "nothing" }
            let text = s.string.count > 40 ? String(s.string.prefix(37)) + "..." : s.string
            return "'\(text)'"
        case .mapping: return "a mapping (key: value pairs)"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    func isNull(_ node: Node) -> Bool {
        guard case let .scalar(s) = node else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// The key/value pairs of a mapping, keys as strings, or nil (with an error) for anything else.
    func mapping(_ node: Node, _ field: String, expected: String = "a mapping (key: value pairs)") -> [(key: String, keyNode: Node, value: Node)]? {
        guard case let .mapping(m) = node else {
            log.error(location(node), field, "expected \(expected), found \(describe(node))")
            return nil
        }
        return m.map { (key: $0.key.string ?? "\($0.key)", keyNode: $0.key, value: $0.value) }
    }

    func sequence(_ node: Node, _ field: String, expected: String = "a list") -> [Node]? {
        if case let .sequence(s) = node { return Array(s) }
        log.error(location(node), field, "expected \(expected), found \(describe(node))")
        return nil
    }

    /// Reports keys that are not in `allowed`, suggesting the closest allowed one.
    func checkKeys(_ pairs: [(key: String, keyNode: Node, value: Node)], allowed: [String], _ field: String, what: String) {
        for pair in pairs where !allowed.contains(pair.key) {
            let path = field.isEmpty ? pair.key : "\(field).\(pair.key)"
            let suggestion = Suggest.closest(to: pair.key, in: allowed).map { "did you mean '\($0)'? " } ?? ""
            log.error(location(pair.keyNode), path, "unknown field '\(pair.key)' in \(what)",
                      hint: "\(suggestion)the fields of \(what) are: \(allowed.joined(separator: ", "))")
        }
    }

    /// A number: a plain or quoted numeric scalar (underscores allowed as digit separators).
    func number(_ node: Node, _ field: String, what: String = "a number") -> Double? {
        if case let .scalar(s) = node, let value = Self.parseNumber(s.string) { return value }
        log.error(location(node), field, "expected \(what), found \(describe(node))")
        return nil
    }

    static func parseNumber(_ text: String) -> Double? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        guard !cleaned.isEmpty, let value = Double(cleaned), value.isFinite else { return nil }
        // Reject hexadecimal and other forms Double accepts that a reader would not expect.
        guard cleaned.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) else { return nil }
        return value
    }

    /// A whole number within `range`.
    func integer(_ node: Node, _ field: String, range: ClosedRange<Int>, what: String) -> Int? {
        guard let value = number(node, field, what: what) else { return nil }
        guard value == value.rounded(), let int = Int(exactly: value) else {
            log.error(location(node), field, "expected \(what), found \(describe(node))")
            return nil
        }
        guard range.contains(int) else {
            let bound = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            log.error(location(node), field, "expected \(what) \(bound), found \(int)")
            return nil
        }
        return int
    }

    /// A text scalar (numbers are accepted as text).
    func string(_ node: Node, _ field: String, what: String = "text") -> String? {
        if case let .scalar(s) = node, !isNull(node) { return s.string }
        log.error(location(node), field, "expected \(what), found \(describe(node))")
        return nil
    }
}
