/// What a command would do, answered by `rendement plan` before a server accepts it as a job:
/// either the work it makes (model runs, memory), or why it cannot run (a usage error, a limit,
/// or the scenario's diagnostics). The server runs `plan` in a child process, so that nothing a
/// submission holds is parsed or compiled in the server's own process.
public struct JobPlan: Codable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        /// The command would run: `modelRuns` and `memoryBytes` say how much work it is.
        case ok
        /// The command line is not valid (`message`, and `field` when a flag is to blame).
        case usage
        /// The scenario has errors (`diagnostics`, and `text` as `rendement check` prints them).
        case invalid
    }

    public var outcome: Outcome
    /// Model evaluations in all (samples × points of a sweep, × runs per base sample of Sobol'
    /// indices, …), saturating at `Int.max`.
    public var modelRuns: Int?
    /// An upper estimate of the memory the command allocates.
    public var memoryBytes: Int?
    public var message: String?
    public var field: String?
    public var diagnostics: [DiagnosticRecord]?
    public var text: String?
    /// The warnings of a scenario that compiled (its line, column and field, like errors).
    public var warnings: [DiagnosticRecord]?

    public init(modelRuns: Int, memoryBytes: Int) {
        outcome = .ok
        self.modelRuns = modelRuns
        self.memoryBytes = memoryBytes
    }

    public init(usage message: String, field: String? = nil) {
        outcome = .usage
        self.message = message
        self.field = field
    }

    public init(invalid error: ScenarioError) {
        outcome = .invalid
        diagnostics = error.diagnostics.map(DiagnosticRecord.init)
        text = error.description
    }
}

/// A diagnostic as JSON (the 422 body of the server, the `check --format json` output).
public struct DiagnosticRecord: Codable, Sendable, Equatable {
    public var severity: String
    public var file: String
    public var line: Int
    public var column: Int
    public var field: String
    public var message: String
    public var hint: String?

    public init(_ d: Diagnostic) {
        severity = d.severity.rawValue
        file = d.location.file
        line = d.location.line
        column = d.location.column
        field = d.field
        message = d.message
        hint = d.hint
    }
}

extension Int {
    /// a × b, or `Int.max` when that overflows (work estimates saturate rather than trap).
    public func saturatingMultiply(_ other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }

    /// a + b, or `Int.max` when that overflows.
    public func saturatingAdd(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
