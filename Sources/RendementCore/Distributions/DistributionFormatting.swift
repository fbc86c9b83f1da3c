/// Shared text helpers for the distributions' `description`s.
enum DistributionFormatting {
    /// A parameter as written in a scenario: integers without a decimal point ("1000", not
    /// "1000.0"), other values in Swift's shortest round-trip form ("0.05", "1e-07").
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// "name(key value, key value, …)".
    static func call(_ name: String, _ parameters: [(String, Double)]) -> String {
        name + "(" + parameters.map { "\($0.0) \(number($0.1))" }.joined(separator: ", ") + ")"
    }
}
