import Foundation

/// A number a user gave (in a scenario file, on the command line or in a server request) that
/// the engine does not accept: which field or flag it came from, what was found, and the limit.
///
/// Every count that comes from a user is made through one of the validated types below
/// (`SampleCount`, `ThreadCount`, `YearCount`, `ShardSpec`, …), so that the CLI, the server,
/// sweeps, variants and merges apply the same checks, and no user number reaches an integer
/// conversion, an allocation, an index or a precondition unchecked.
public struct LimitError: Error, Sendable, CustomStringConvertible {
    /// The field (`inputs.p.trials`, `horizon`) or flag (`--samples`, `--vary`) the value came from.
    public var field: String
    public var message: String
    public var hint: String?

    public init(field: String, _ message: String, hint: String? = nil) {
        self.field = field
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(field): \(message)" + (hint.map { " (\($0))" } ?? "") }
}

extension LimitError: LocalizedError {
    /// ArgumentParser prints this after "The value '…' is invalid for '--samples <samples>': ".
    public var errorDescription: String? { message + (hint.map { " (\($0))" } ?? "") }
}

/// The engine's limits on user numbers, in one place (documented in docs/limits.md).
public enum Limits {
    /// Samples of one run: beyond 10^10, split the run into shards.
    public static let samples = 1...10_000_000_000
    /// Worker threads.
    public static let threads = 1...1024
    /// A horizon or a duration, in years.
    public static let years = 1...1000
    /// A first year (0 = the first year of the horizon).
    public static let startYear = 0...999
    /// A price year (`price_year:`), and the years of a price index.
    public static let priceYears = 1800...2200
    /// Cohorts of one cohort set (intake years).
    public static let cohorts = 1...1000
    /// (cohort, year) cells of all lines built year by year: bounds the compiled model's size.
    public static let lineYears = 1_000_000
    /// Entries of a profile or survival curve (one per year of a line).
    public static let profileYears = 1...1000
    /// Axes of one sweep, and grid points in all.
    public static let sweepAxes = 1...8
    public static let sweepPoints = 1...10_000
    /// Shards of one run.
    public static let shards = 1...100_000
    /// Trials of a `proportion` ("k of n cases"): whole numbers a double holds exactly.
    public static let trials = 1...(1 << 53)
    /// Bootstrap resamples and randomised replicates of a sensitivity analysis.
    public static let resamples = 0...100_000
    /// Inputs the Sobol' design can give a dimension each (Joe & Kuo's direction numbers).
    public static var sobolDimensions: Int { SobolSequence.maxDimensions }

    /// A whole number within `range`, from a double; throws naming `field` otherwise.
    public static func whole(_ value: Double, in range: ClosedRange<Int>, field: String, what: String) throws(LimitError) -> Int {
        guard value.isFinite else { throw LimitError(field: field, "\(what) must be a finite number, found \(format(value))") }
        guard value == value.rounded() else { throw LimitError(field: field, "\(what) must be a whole number, found \(format(value))") }
        guard let int = Int(exactly: value), range.contains(int) else {
            throw LimitError(field: field, "\(what) must be \(describe(range)), found \(format(value))")
        }
        return int
    }

    /// A whole number within `range`; throws naming `field` otherwise.
    public static func whole(_ value: Int, in range: ClosedRange<Int>, field: String, what: String) throws(LimitError) -> Int {
        guard range.contains(value) else { throw LimitError(field: field, "\(what) must be \(describe(range)), found \(value)") }
        return value
    }

    /// A whole number written as text: digits with optional `_` or `,` separators, or a
    /// decimal/exponent form that is a whole number (`1e6`).
    public static func whole(parsing text: String, in range: ClosedRange<Int>, field: String, what: String) throws(LimitError) -> Int {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        if let int = Int(cleaned) { return try whole(int, in: range, field: field, what: what) }
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }), let value = Double(cleaned) else {
            throw LimitError(field: field, "\(what) must be a whole number (e.g. 100000 or 1e6), found '\(text.prefix(40))'")
        }
        return try whole(value, in: range, field: field, what: what)
    }

    /// "between 1 and 1000", "at least 1", for messages.
    public static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "at least \(grouped(range.lowerBound))" }
        return "between \(grouped(range.lowerBound)) and \(grouped(range.upperBound))"
    }

    /// An integer with thousands separators (10,000,000,000), for messages.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

/// The number of samples of a run: 1 … 10^10.
public struct SampleCount: Sendable, Hashable, Comparable {
    public let value: Int

    public init(_ value: Int, field: String = "samples") throws(LimitError) {
        self.value = try Limits.whole(value, in: Limits.samples, field: field, what: "a sample count")
    }

    public init(_ value: Double, field: String = "samples") throws(LimitError) {
        self.value = try Limits.whole(value, in: Limits.samples, field: field, what: "a sample count")
    }

    /// `100000`, `1e6`, `1_000_000` or `1,000,000`.
    public init(parsing text: String, field: String = "--samples") throws(LimitError) {
        value = try Limits.whole(parsing: text, in: Limits.samples, field: field, what: "a sample count")
    }

    public static func < (a: SampleCount, b: SampleCount) -> Bool { a.value < b.value }
}

/// Worker threads: 1 … 1024.
public struct ThreadCount: Sendable, Hashable {
    public let value: Int

    public init(_ value: Int, field: String = "--threads") throws(LimitError) {
        self.value = try Limits.whole(value, in: Limits.threads, field: field, what: "a thread count")
    }
}

/// A horizon or a duration in years: 1 … 1000.
public struct YearCount: Sendable, Hashable {
    public let value: Int

    public init(_ value: Double, field: String) throws(LimitError) {
        self.value = try Limits.whole(value, in: Limits.years, field: field, what: "a number of years")
    }

    public init(_ value: Int, field: String) throws(LimitError) {
        self.value = try Limits.whole(value, in: Limits.years, field: field, what: "a number of years")
    }
}

/// Shard K of N (`--shard K/N`, 0 ≤ K < N ≤ 100,000).
public struct ShardSpec: Sendable, Hashable {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int, field: String = "--shard") throws(LimitError) {
        guard Limits.shards.contains(count) else {
            throw LimitError(field: field, "the number of shards must be \(Limits.describe(Limits.shards)), found \(count)")
        }
        guard index >= 0, index < count else {
            throw LimitError(field: field, "the shard index must lie in 0 … \(count - 1), found \(index)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`, e.g. `0/4` or `$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT`.
    public init(parsing text: String, field: String = "--shard") throws(LimitError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw LimitError(field: field, "expected K/N with 0 ≤ K < N, e.g. 0/4, found '\(text.prefix(40))'")
        }
        try self.init(index: k, count: n, field: field)
    }
}

/// An amount of memory: `4G`, `512M`, `1048576` (bytes), at least 64 MiB.
public struct ByteCount: Sendable, Hashable {
    public let value: Int

    public init(parsing text: String, field: String) throws(LimitError) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = text.trimmingCharacters(in: .whitespaces).uppercased()
        if digits.hasSuffix("IB") { digits.removeLast(2) } else if digits.hasSuffix("B") { digits.removeLast() }
        var scale = 1
        if let last = digits.last, let unit = units[last] { scale = unit; digits.removeLast() }
        guard let number = Double(digits), number.isFinite, number > 0 else {
            throw LimitError(field: field, "expected an amount of memory such as 4G or 512M, found '\(text.prefix(40))'")
        }
        let bytes = number * Double(scale)
        guard bytes >= Double(64 << 20), let value = Int(exactly: bytes.rounded()) else {
            throw LimitError(field: field, "an amount of memory must be between 64M and 8E, found '\(text.prefix(40))'")
        }
        self.value = value
    }
}
