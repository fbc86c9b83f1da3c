/// The names a line's expressions may use for its timing (unless the scenario defines them).
enum YearVariable: String, CaseIterable {
    /// Years since the line started for the participant (0 in its first year).
    case t
    /// The project year (0 = the first year of the horizon).
    case year
    /// The cohort (0 = the first intake), in lines and intakes of a cohort set.
    case cohort

    var meaning: String {
        switch self {
        case .t: return "is the year of a line, counted from its start (0 in its first year)"
        case .year: return "is the project year of a line's flow (0 = the first year of the horizon)"
        case .cohort: return "is the number of a cohort (0 = the first intake)"
        }
    }

    var scope: String {
        switch self {
        case .t, .year: return "in a line's amount, shares, persistence, profile and transfers (and derived values they use)"
        case .cohort: return "in a cohort set's intake and in lines with 'cohort:'"
        }
    }
}

/// The year a line's expressions are built for.
struct YearContext: Hashable {
    var t: Int
    var year: Int
    var cohort: Int?

    func value(of variable: YearVariable) -> Int? {
        switch variable {
        case .t: return t
        case .year: return year
        case .cohort: return cohort
        }
    }
}

extension CompilerState {
    /// Whether `expression` uses a year variable, directly or through derived values. A name the
    /// scenario defines is the scenario's, not a year variable.
    mutating func usesYear(_ expression: Expression) -> Bool {
        expression.names.contains { usesYear(name: $0.name) }
    }

    mutating func usesYear(_ e: LocatedExpression?) -> Bool { e.map { usesYear($0.expression) } ?? false }

    private mutating func usesYear(name: String) -> Bool {
        if fixedValue[name] != nil || inputIndex[name] != nil { return false }
        if derivedByName[name] != nil { return derivedUsesYear(name) }
        return YearVariable(rawValue: name) != nil
    }

    /// Whether a derived value uses a year variable (a cycle counts as not: it is reported elsewhere).
    mutating func derivedUsesYear(_ name: String) -> Bool {
        if let known = yearDependence[name] { return known }
        guard let d = derivedByName[name] else { return false }
        yearDependence[name] = false
        let result = usesYear(d.value.expression)
        yearDependence[name] = result
        return result
    }

    /// Builds `e` for the given year (nil: outside any line's timeline).
    mutating func build(_ e: LocatedExpression, field: String, at context: YearContext?) -> Int? {
        let saved = self.context
        self.context = context
        defer { self.context = saved }
        return build(e, field: field)
    }
}
