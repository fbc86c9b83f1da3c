import Foundation

/// Number formatting for receipts and figures: thousands separators, fixed decimals.
public enum NumberFormat {
    /// An amount of money: whole units with thousands separators (`-2,200,000`); small
    /// amounts keep two decimals.
    public static func money(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "-∞") }
        if abs(x) < 100, x != x.rounded() { return String(format: "%.2f", x) }
        guard let whole = Int64(exactly: x.rounded()) else { return String(format: "%.4g", x) }   // beyond ±9.2·10^18
        return grouped(whole)
    }

    /// A ratio such as a BCR: two decimals.
    public static func ratio(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "-∞") }
        return String(format: "%.2f", x)
    }

    /// A probability: three decimals.
    public static func probability(_ x: Double) -> String { String(format: "%.3f", x) }

    /// A percentage with no decimals (`47%`).
    public static func percent(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        return String(format: "%.0f%%", x * 100)
    }

    /// Whole number with comma thousands separators.
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// Any value with six significant digits (input values of any scale).
    public static func general(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        return abs(x) >= 1000 ? money(x) : String(format: "%.6g", x)
    }
}
