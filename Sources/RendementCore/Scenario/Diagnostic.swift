/// A place in a scenario file: 1-based line and column (column 0 when unknown).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and terminals turn into links.
    public var description: String {
        if line <= 0 { return file }
        return column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }

    /// The same place moved `count` characters to the right (for a position inside a scalar).
    public func advanced(by count: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column > 0 ? column + count : column)
    }
}

/// One problem found in a scenario: where, which field, what was expected and found, and how to fix it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    /// The field's path in the document, e.g. `benefits[2].attribution` or `inputs.staff_cost.min`.
    public var field: String
    /// What was expected and what was found.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?

    public init(_ severity: Severity, at location: SourceLocation, field: String, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.field = field
        self.message = message
        self.hint = hint
    }

    /// `file:line:col: error: field: message`, then the hint on its own line.
    public var description: String {
        var text = "\(location): \(severity.rawValue): "
        if !field.isEmpty { text += "\(field): " }
        text += message
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// A scenario that cannot be run. Carries every problem found, not just the first.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        let errors = errors.count
        let lines = diagnostics.map(\.description)
        return (lines + ["\(errors) error\(errors == 1 ? "" : "s") in \(diagnostics.first?.location.file ?? "scenario")"])
            .joined(separator: "\n")
    }
}

/// Collects diagnostics while a scenario is decoded and compiled.
final class DiagnosticLog {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func error(_ location: SourceLocation, _ field: String, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, at: location, field: field, message, hint: hint))
    }

    func warning(_ location: SourceLocation, _ field: String, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, at: location, field: field, message, hint: hint))
    }

    /// Sorted by position so the output reads top to bottom like the file.
    var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (la, lb) = (a.element.location, b.element.location)
            if la.line != lb.line { return la.line < lb.line }
            if la.column != lb.column { return la.column < lb.column }
            return a.offset < b.offset
        }.map(\.element)
    }
}

/// Suggests the closest known word for a misspelt one ("did you mean …?").
public enum Suggest {
    /// The candidate within a few edits of `word`, if any.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lower = word.lowercased()
        var best: (String, Int)?
        // Only a few edits are ever suggested, so lengths further apart cannot match; skipping
        // them keeps a long misspelt key from costing length × length work per candidate.
        for candidate in candidates where abs(candidate.count - lower.count) <= 3 {
            let d = distance(lower, candidate.lowercased())
            if d <= max(1, min(3, candidate.count / 3)), d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    static func didYouMean(_ word: String, _ candidates: [String]) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// Edit distance counting an adjacent transposition as one edit (optimal string alignment),
    /// so that "pret" is one step from "pert".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
