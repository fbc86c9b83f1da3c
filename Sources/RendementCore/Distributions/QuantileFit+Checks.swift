import Foundation

/// The rules elicited quantiles must follow, in one place for the scenario reader and for
/// `rendement elicit`: 2–10 pairs, probabilities strictly inside (0, 1) and distinct, values
/// increasing with them and strictly inside the bounds.
extension QuantileFit {
    /// The most quantiles one elicited input may give (a metalog has one term per quantile).
    public static let maxQuantiles = 10

    /// Why a set of quantiles is refused: the message, and a hint for the user.
    public struct PairError: Error, Sendable {
        public var message: String
        public var hint: String?
        /// Which bound the problem is about, if any (`lower` or `upper`), for the field it names.
        public var bound: String?
    }

    /// A value as a scenario reads it (digit separators `_` allowed; no hexadecimal, no infinities).
    public static func value(parsing text: String) -> Double? { YAMLReader.parseNumber(text) }

    /// A probability as written: `0.1`, or a percentile `p10` (`P10`).
    public static func probability(parsing text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("p") || trimmed.hasPrefix("P") { return YAMLReader.parseNumber(String(trimmed.dropFirst())).map { $0 / 100 } }
        return YAMLReader.parseNumber(trimmed)
    }

    /// The pairs sorted by probability, or why they cannot be fitted.
    public static func checked(_ pairs: [(p: Double, x: Double)], lower: Double?, upper: Double?) -> Result<[(p: Double, x: Double)], PairError> {
        guard pairs.count >= 2, pairs.count <= maxQuantiles else {
            return .failure(PairError(message: "give between 2 and \(maxQuantiles) quantiles, found \(pairs.count)",
                                      hint: "3 to 5 is usual: e.g. the 10th, 50th and 90th percentiles"))
        }
        if let pair = pairs.first(where: { !($0.p > 0 && $0.p < 1) }) {
            return .failure(PairError(message: "a quantile's probability must lie strictly between 0 and 1, found \(format(pair.p))",
                                      hint: "the 10th percentile is 0.1 (or p10); for a bound give the lower or upper bound"))
        }
        for (name, bound) in [("lower", lower), ("upper", upper)] {
            if let bound, !bound.isFinite { return .failure(PairError(message: "\(name) must be a finite number, found \(format(bound))", bound: name)) }
        }
        if let lower, let upper, !(lower < upper) {
            return .failure(PairError(message: "lower (\(format(lower))) must be less than upper (\(format(upper)))", bound: "lower"))
        }
        for pair in pairs {
            if let lower, !(pair.x > lower) {
                return .failure(PairError(message: "the value \(format(pair.x)) at \(format(pair.p)) must lie above lower (\(format(lower)))", bound: "lower"))
            }
            if let upper, !(pair.x < upper) {
                return .failure(PairError(message: "the value \(format(pair.x)) at \(format(pair.p)) must lie below upper (\(format(upper)))", bound: "upper"))
            }
        }
        let sorted = pairs.sorted { $0.p < $1.p }
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            if a.p == b.p { return .failure(PairError(message: "the probability \(format(a.p)) is given twice")) }
            if !(a.x < b.x) {
                return .failure(PairError(message: "the values must increase with the probability: \(format(b.x)) at \(format(b.p)) is not above \(format(a.x)) at \(format(a.p))"))
            }
        }
        return .success(sorted)
    }
}
