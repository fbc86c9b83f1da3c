import Foundation

/// The language of a report: its words (one catalogue per language, `ReportTerms`) and its
/// number format (Dutch: € 1.800.000 and 1,47; English: EUR 1,800,000 and 1.47).
public enum ReportLanguage: String, Sendable, CaseIterable {
    case nl, en

    public var terms: ReportTerms { self == .nl ? .dutch : .english }

    var thousands: Character { self == .nl ? "." : "," }
    var decimal: Character { self == .nl ? "," : "." }

    /// A whole amount with the currency sign: € 1.800.000 (nl, a no-break space), €1,800,000 (en); negative
    /// amounts with a minus sign.
    public func money(_ x: Double, currency: String = "EUR") -> String {
        guard x.isFinite else { return terms.notAvailable }
        let sign = currency == "EUR" ? "€" : currency
        let text = grouped(abs(x).rounded())
        // A no-break space keeps the sign with its digits when a table cell wraps.
        let body = self == .nl ? "\(sign)\u{00A0}\(text)" : "\(sign)\(text)"
        // A word joiner keeps the minus sign on the amount's line.
        return x.rounded() < 0 ? "−\u{2060}" + body : body
    }

    /// A number with `decimals` decimals and grouped thousands, in this language's format.
    public func number(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return terms.notAvailable }
        let d = max(0, min(decimals, 12))
        let text = String(format: "%.\(d)f", abs(x))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var out = grouped(Double(parts[0]) ?? 0)
        if parts.count > 1 { out += String(decimal) + parts[1] }
        let isZero = (Double(text) ?? 0) == 0
        return x < 0 && !isZero ? "−" + out : out
    }

    /// A percentage with `decimals` decimals: 32% (nl and en), 32,5% (nl).
    public func percent(_ share: Double, decimals: Int = 0) -> String {
        guard share.isFinite else { return terms.notAvailable }
        return number(share * 100, decimals: decimals) + "%"
    }

    /// Digits of an integer part, grouped by three.
    func grouped(_ whole: Double) -> String {
        guard whole < 1e18 else { return String(format: "%.3g", whole) }
        let digits = String(Int64(whole))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(thousands) }
            out.append(c)
        }
        return out
    }
}

/// How many decimals a Monte Carlo estimate supports: the last digit shown is the first that
/// its standard error leaves uncertain (one significant digit of the error), so that no digit
/// printed is noise. Exact values (standard error 0) keep `exact` decimals.
public enum Precision {
    /// Decimals for a value with standard error `se` (0 to `maximum`).
    public static func decimals(standardError se: Double, exact: Int = 2, maximum: Int = 4) -> Int {
        guard se.isFinite, se > 0 else { return exact }
        return max(0, min(maximum, Int((-log10(se)).rounded(.up))))
    }

    /// An amount rounded to the power of ten of its standard error (never finer than 1), but
    /// always to at least one significant digit of its own: a mean smaller than its error is
    /// shown as that digit, not as 0.
    public static func rounded(_ x: Double, standardError se: Double) -> Double {
        guard se.isFinite, se > 0, x.isFinite, x != 0 else { return x }
        let step = min(pow(10, max(0, floor(log10(se)))), pow(10, max(0, floor(log10(abs(x))))))
        return (x / step).rounded() * step
    }

    /// An amount rounded to `digits` significant digits (intervals and other values whose own
    /// error is not estimated: three digits are more than their Monte Carlo error supports).
    public static func significant(_ x: Double, digits: Int = 3) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let step = pow(10, floor(log10(abs(x))) - Double(digits - 1))
        return step >= 1 ? (x / step).rounded() * step : x.rounded()
    }
}
