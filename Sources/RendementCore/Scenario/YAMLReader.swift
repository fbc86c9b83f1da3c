import Foundation
import Yams
// libyaml as vendored by Yams, for the limits' event-level scan (Yams exposes no event API).
internal import CYaml

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
        return m.compactMap { pair in
            // A key is a name; a mapping or list used as a key (YAML's "? " form) names nothing.
            guard case .scalar = pair.key else {
                log.error(location(pair.key), field, "expected a name as key, found \(describe(pair.key))",
                          hint: "keys are plain names such as 'dist' or 'value'")
                return nil
            }
            return (key: pair.key.string ?? "", keyNode: pair.key, value: pair.value)
        }
    }

    func sequence(_ node: Node, _ field: String, expected: String = "a list") -> [Node]? {
        if case let .sequence(s) = node { return Array(s) }
        log.error(location(node), field, "expected \(expected), found \(describe(node))")
        return nil
    }

    /// Reports keys that are not in `allowed`, suggesting the closest allowed one.
    func checkKeys(_ pairs: [(key: String, keyNode: Node, value: Node)], allowed: [String], _ field: String, what: String) {
        for pair in pairs where !allowed.contains(pair.key) {
            let shown = pair.key.count > 40 ? String(pair.key.prefix(37)) + "..." : pair.key
            let path = field.isEmpty ? shown : "\(field).\(shown)"
            let suggestion = Suggest.closest(to: pair.key, in: allowed).map { "did you mean '\($0)'? " } ?? ""
            log.error(location(pair.keyNode), path, "unknown field '\(shown)' in \(what)",
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
            log.error(location(node), field, "expected \(what) \(Limits.describe(range)), found \(int)")
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

/// Limits on a YAML (or JSON) document, checked on libyaml's event stream before Yams builds the
/// tree: Yams resolves an alias to the anchored node itself, so a "billion laughs" document costs
/// nothing to compose but explodes in every later walk (decoding, hashing duplicate keys).
/// Counting here is cheap: an alias adds the anchored node's size as a number.
public enum YAMLLimits {
    /// The deepest nesting of mappings and sequences allowed (a scenario needs fewer than 10).
    public static let maxDepth = 64
    /// How many nodes aliases may add to the document when expanded.
    public static let maxAliasExpansion = 100_000

    /// The first limit `text` breaks, as a diagnostic, or nil. A document libyaml cannot parse
    /// passes here so that Yams reports its syntax error as usual.
    static func check(_ text: String, file: String) -> Diagnostic? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return scan(&parser, file: file)
        }
    }

    /// An open mapping or sequence: its expanded size and height so far, and its anchor.
    private struct Frame { var size = 1, height = 1, anchor: String? }

    private static func scan(_ parser: inout yaml_parser_t, file: String) -> Diagnostic? {
        var stack: [Frame] = []
        var anchors: [String: (size: Int, height: Int)] = [:]
        var expansion = 0
        func add(size: Int, height: Int) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].size += size
            stack[stack.count - 1].height = max(stack[stack.count - 1].height, height + 1)
        }
        func at(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                // libyaml's own nesting limit (1000) can strike first: its scanner reads ahead
                // through a run of '[' before the parser hands over the first of them.
                if let problem = parser.problem.map({ String(cString: $0) }), problem.contains("nesting level") {
                    return Diagnostic(.error, at: at(parser.problem_mark), field: "", "the document nests deeper than \(maxDepth) levels",
                                      hint: "a scenario needs only a few levels of mappings and lists")
                }
                return nil
            }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                if let anchor = string(event.data.scalar.anchor) { anchors[anchor] = (1, 1) }
                add(size: 1, height: 1)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                stack.append(Frame(anchor: string(anchor)))
                if stack.count > maxDepth {
                    return Diagnostic(.error, at: at(event.start_mark), field: "", "the document nests deeper than \(maxDepth) levels",
                                      hint: "a scenario needs only a few levels of mappings and lists")
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return nil }
                if let anchor = frame.anchor { anchors[anchor] = (frame.size, frame.height) }
                add(size: frame.size, height: frame.height)
            case YAML_ALIAS_EVENT:
                // An undefined alias is left to Yams, which reports it.
                guard let name = string(event.data.alias.anchor), let target = anchors[name] else { continue }
                expansion += target.size
                if expansion > maxAliasExpansion {
                    return Diagnostic(.error, at: at(event.start_mark), field: "", "aliases expand to more than \(maxAliasExpansion) nodes",
                                      hint: "write the repeated parts out, or use fewer and smaller aliases (*name)")
                }
                if stack.count + target.height > maxDepth {
                    return Diagnostic(.error, at: at(event.start_mark), field: "",
                                      "the document nests deeper than \(maxDepth) levels once its aliases are expanded",
                                      hint: "a scenario needs only a few levels of mappings and lists")
                }
                add(size: target.size, height: target.height)
            default:
                continue
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
