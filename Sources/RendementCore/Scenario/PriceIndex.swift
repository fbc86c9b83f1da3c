/// A price index by year, to bring euros of different years to one price level
/// (`price_index: cpi-nl`, or a mapping of years to index values in the scenario).
public struct PriceIndex: Sendable {
    /// `cpi-nl` for the bundled series, `scenario` for one given in the file.
    public var name: String
    /// Where the figures come from, for reports.
    public var source: String
    public var values: [Int: Double]
    /// Years whose values are estimates (chained from yearly inflation), not published levels.
    public var provisional: Set<Int> = []

    /// The factor that converts euros of `year` to euros of `target`: index(target) / index(year).
    public func factor(from year: Int, to target: Int) -> Double? {
        guard let a = values[year], let b = values[target] else { return nil }
        return b / a
    }

    /// The years the series covers, for messages.
    public var coverage: String {
        guard let first = values.keys.min(), let last = values.keys.max() else { return "no years" }
        return "\(first)–\(last)"
    }

    /// The series Rendement ships, by name.
    public static func bundled(_ name: String) -> PriceIndex? { name == cpiNL.name ? cpiNL : nil }

    public static let bundledNames = [cpiNL.name]
}
