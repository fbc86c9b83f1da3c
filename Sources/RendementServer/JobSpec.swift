import Foundation
import RendementCore

/// What a job runs: one of the CLI's commands on the submitted scenario.
public enum JobKind: String, Sendable, CaseIterable, Codable {
    case run, sensitivity, sweep, compare, claim, report

    /// The CLI long options a client may set for this kind (no paths, no `--out`, `--export`,
    /// `--force`, `--format`, `--shard`: the server chooses those).
    var allowedOptions: [String] {
        let sampling = ["samples", "seed", "threads", "design"]
        switch self {
        case .run: return sampling + ["target-se", "max-samples", "variant", "by-year"]
        case .sensitivity: return sampling + ["method", "tornado", "variant", "rows", "sobol-samples", "replicates", "sobol-outputs", "sobol-design"]
        case .sweep: return sampling + ["vary", "break-even", "level", "variant"]
        case .compare: return sampling + ["variants"]
        case .claim: return sampling + ["bcr", "npv", "bcr-range", "variant"]
        case .report: return sampling + ["variant", "date"]
        }
    }

    /// Options that may be given several times (as a JSON list).
    static let repeatable: Set<String> = ["vary"]
    /// Options that are flags: `true` passes the flag, `false` leaves it out.
    static let flags: Set<String> = ["by-year"]
}

/// A validated job request: the kind, the scenario text and the options as CLI arguments.
struct JobSpec: Sendable {
    var kind: JobKind
    var scenario: String
    /// Option name → values, in a canonical order (sorted by name).
    var options: [(name: String, values: [String])]

    /// The scenario's file name in the job folder: the CLI's JSON names it, so it is fixed.
    var scenarioFileName: String { Self.scenarioFileName(for: scenario) }

    /// `scenario.json` for text starting with `{` (after blanks), else `scenario.yaml`.
    static func scenarioFileName(for text: String) -> String {
        text.drop(while: { $0.isWhitespace }).first == "{" ? "scenario.json" : "scenario.yaml"
    }

    /// The child's arguments, relative to the job folder (`reportFolder` is where `report` writes;
    /// `viewFile` where the other kinds write their view, the page's HTML fragment).
    func arguments(reportFolder: String, viewFile: String) -> [String] {
        var args = [kind.rawValue, scenarioFileName]
        for (name, values) in options {
            if JobKind.flags.contains(name) { if values == ["true"] { args.append("--\(name)") }; continue }
            for value in values { args.append("--\(name)=\(value)") }
        }
        switch kind {
        case .report: args += ["--out=\(reportFolder)", "--quiet"]
        default: args += ["--format=json", "--view=\(viewFile)", "--quiet"]
        }
        return args
    }

    /// The value of a single-valued option, if given.
    func option(_ name: String) -> String? { options.first { $0.name == name }?.values.first }

    /// The options as a JSON object (for the job's record and the API).
    var optionsJSON: String {
        var object: [String: Any] = [:]
        for (name, values) in options {
            object[name] = JobKind.repeatable.contains(name) ? values : JobKind.flags.contains(name) ? (values[0] == "true") as Any : values[0]
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Why a request cannot become a job (answered with 422).
struct RequestProblem: Error, Sendable {
    var message: String
    var field: String?
}

/// Any JSON value, for reading a request whose shape is checked by hand (to name the bad field).
indirect enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), int(Int64), unsigned(UInt64), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var object: [String: JSONValue] = [:]
            for key in keyed.allKeys { object[key.stringValue] = try keyed.decode(JSONValue.self, forKey: key) }
            self = .object(object)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let b = try? single.decode(Bool.self) { self = .bool(b) }
        else if let i = try? single.decode(Int64.self) { self = .int(i) }
        else if let u = try? single.decode(UInt64.self) { self = .unsigned(u) }
        else if let d = try? single.decode(Double.self) { self = .double(d) }
        else { self = .string(try single.decode(String.self)) }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension JobSpec {
    /// Reads `{"kind": …, "scenario": …, "options": {…}}`, checking kinds, option names and value types.
    static func parse(_ body: Data, maxSamples: Int) throws(RequestProblem) -> JobSpec {
        guard case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            throw RequestProblem(message: "the body must be a JSON object: {\"kind\": \"run\", \"scenario\": \"…\", \"options\": {…}}")
        }
        for key in object.keys.sorted() where !["kind", "scenario", "options"].contains(key) {
            throw RequestProblem(message: "unknown field '\(key)'; the fields are kind, scenario, options", field: key)
        }
        let kinds = JobKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard case let .string(kindName)? = object["kind"] else {
            throw RequestProblem(message: "'kind' is missing; one of \(kinds)", field: "kind")
        }
        guard case let .string(scenario)? = object["scenario"] else {
            throw RequestProblem(message: "'scenario' must hold the scenario's YAML or JSON text", field: "scenario")
        }
        return try parse(kind: kindName, scenario: scenario, options: object["options"] ?? .null, maxSamples: maxSamples)
    }

    static func parse(kind kindName: String, scenario: String, options rawOptions: JSONValue, maxSamples: Int) throws(RequestProblem) -> JobSpec {
        let kinds = JobKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let kind = JobKind(rawValue: kindName) else {
            throw RequestProblem(message: "unknown kind '\(kindName)'; one of \(kinds)", field: "kind")
        }
        guard !scenario.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RequestProblem(message: "'scenario' must hold the scenario's YAML or JSON text", field: "scenario")
        }
        var options: [(String, [String])] = []
        switch rawOptions {
        case .null: break
        case let .object(dict):
            for name in dict.keys.sorted() {
                let field = "options.\(name)"
                guard kind.allowedOptions.contains(name) else {
                    throw RequestProblem(message: "'\(name)' is not an option of \(kind.rawValue) jobs; the options are \(kind.allowedOptions.joined(separator: ", "))", field: field)
                }
                let values: [String]
                if JobKind.repeatable.contains(name), case let .array(list)? = dict[name] {
                    // Checked before anything else reads the list: a sweep has at most a few axes.
                    guard (1...Limits.sweepAxes.upperBound).contains(list.count) else {
                        throw RequestProblem(message: "\(field) must list 1 to \(Limits.sweepAxes.upperBound) values, found \(list.count)", field: field)
                    }
                    values = try list.map { (v: JSONValue) throws(RequestProblem) -> String in try scalar(v, field) }
                } else if JobKind.flags.contains(name) {
                    guard case let .bool(on)? = dict[name] else { throw RequestProblem(message: "\(field) must be true or false", field: field) }
                    values = [on ? "true" : "false"]
                } else {
                    values = [try scalar(dict[name] ?? .null, field)]
                }
                if name == "samples" || name == "max-samples" { try checkSamples(values[0], field: field, max: maxSamples) }
                options.append((name, values))
            }
        default:
            throw RequestProblem(message: "'options' must be an object, e.g. {\"samples\": 100000, \"seed\": 7}", field: "options")
        }
        return JobSpec(kind: kind, scenario: scenario, options: options)
    }

    /// The spec of a stored job (its options were checked when it was submitted).
    init(stored job: Job) throws(RequestProblem) {
        guard let options = try? JSONDecoder().decode(JSONValue.self, from: Data(job.options.utf8)) else {
            throw RequestProblem(message: "the stored options of job \(job.id) are not JSON")
        }
        self = try Self.parse(kind: job.kind.rawValue, scenario: job.scenario, options: options, maxSamples: .max)
    }

    /// A number or one line of text, rendered as the CLI reads it.
    private static func scalar(_ value: JSONValue, _ field: String) throws(RequestProblem) -> String {
        switch value {
        case let .int(i): return String(i)
        case let .unsigned(u): return String(u)
        case let .double(d) where d.isFinite: return "\(d)"
        case let .string(text):
            guard !text.isEmpty, text.count <= 1000, !text.contains(where: { $0.isNewline || $0 == "\0" }) else {
                throw RequestProblem(message: "\(field) must be one line of text (at most 1000 characters)", field: field)
            }
            return text
        default:
            throw RequestProblem(message: "\(field) must be a number or text", field: field)
        }
    }

    private static func checkSamples(_ text: String, field: String, max: Int) throws(RequestProblem) {
        let cleaned = text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        guard let value = Double(cleaned), value.isFinite else { return }  // the CLI's parser reports it
        if value > Double(max) {
            throw RequestProblem(message: "\(field) is \(text), more than this server's limit of \(max) samples per job", field: field)
        }
    }
}
