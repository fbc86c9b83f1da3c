import Testing
@testable import RendementCore

/// Bad input in every section the economics extensions add: an error naming the file, the line
/// and the field, with a hint.
@Suite struct EconomicsValidationTests {
    static let header = """
        scenario: Bad
        stakeholders: [city, rijk, households]
        costs: [{name: C, payer: city, amount: 100}]

        """

    static let cases: [ValidationTests.Case] = [
        .init(name: "unknown cohort set", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 1, cohort: intakes}]
            """, line: 4, field: "benefits[0].cohort", message: "unknown cohort set 'intakes'"),
        .init(name: "intakes not one per cohort", yaml: header + """
            cohorts:
              c: {intake: [10, 20], years: 3}
            benefits: [{name: B, beneficiary: city, amount: 1, cohort: c}]
            """, line: 5, field: "cohorts.c.intake", message: "has 3 cohorts but 2 intakes"),
        .init(name: "cohort set without years", yaml: header + """
            cohorts:
              c: {intake: 10}
            benefits: [{name: B, beneficiary: city, amount: 1}]
            """, line: 5, field: "cohorts.c.years", message: "needs 'years:'"),
        .init(name: "profile and duration disagree", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 1, duration: 3, profile: [1, 1]}]
            """, line: 4, field: "benefits[0].profile", message: "lasts 3 years but its profile has 2 values"),
        .init(name: "shares that do not add up", yaml: header + """
            benefits: [{name: B, beneficiary: {city: 0.5, rijk: 0.4}, amount: 1}]
            """, line: 4, field: "benefits[0].beneficiary", message: "add up to 0.9, not 1"),
        .init(name: "uncertain shares without rest", yaml: header + """
            inputs:
              s: {dist: uniform, min: 0.2, max: 0.8}
            benefits: [{name: B, beneficiary: {city: s, rijk: 0.2}, amount: 1}]
            """, line: 6, field: "benefits[0].beneficiary", message: "are uncertain"),
        .init(name: "share outside [0, 1]", yaml: header + """
            benefits: [{name: B, beneficiary: {city: 1.5, rijk: rest}, amount: 1}]
            """, line: 4, field: "benefits[0].beneficiary.city", message: "a share must be between 0 and 1"),
        .init(name: "unknown stakeholder in shares", yaml: header + """
            benefits: [{name: B, beneficiary: {cty: 0.5, rijk: rest}, amount: 1}]
            """, line: 4, field: "benefits[0].beneficiary.cty", message: "unknown stakeholder 'cty'"),
        .init(name: "transfer without a receiver", yaml: header + """
            benefits:
              - name: Work
                beneficiary: households
                amount: 1000
                transfers: [{from: households, amount: 10}]
            """, line: 8, field: "benefits[0].transfers[0].to", message: "needs 'to:'"),
        .init(name: "unknown factor", yaml: header + """
            factors:
              effectiveness: {dist: uniform, min: 0.5, max: 1}
            benefits: [{name: B, beneficiary: city, amount: 1, factor: efectiveness}]
            """, line: 6, field: "benefits[0].factor", message: "unknown factor 'efectiveness'"),
        .init(name: "unknown discount preset", yaml: header + """
            discount_rate: nl-2022
            benefits: [{name: B, beneficiary: city, amount: 1}]
            """, line: 4, field: "discount_rate", message: "unknown discount-rate preset 'nl-2022'"),
        .init(name: "term structure not from year 0", yaml: header + """
            discount_rate: {terms: [{from: 1, rate: 0.03}]}
            benefits: [{name: B, beneficiary: city, amount: 1}]
            """, line: 4, field: "discount_rate.terms[0].from", message: "must start in year 0"),
        .init(name: "price year without the scenario's", yaml: header + """
            inputs:
              x: {dist: fixed, value: 10, price_year: 2015}
            benefits: [{name: B, beneficiary: city, amount: x}]
            """, line: 5, field: "inputs.x.price_year", message: "the scenario has none"),
        .init(name: "price year outside the index", yaml: header + """
            price_year: 2011
            price_index: cpi-nl
            benefits: [{name: B, beneficiary: city, amount: 1, price_year: 1980}]
            """, line: 6, field: "benefits[0].price_year", message: "no value for 1980"),
        .init(name: "unknown evidence status", yaml: header + """
            inputs:
              x: {dist: fixed, value: 10, evidence: pubished}
            benefits: [{name: B, beneficiary: city, amount: x}]
            """, line: 5, field: "inputs.x.evidence", message: "unknown evidence status 'pubished'"),
        .init(name: "group correlation too negative", yaml: header + """
            inputs:
              a: {dist: uniform, min: 0, max: 1}
              b: {dist: uniform, min: 0, max: 1}
              c: {dist: uniform, min: 0, max: 1}
            correlations: [{group: [a, b, c], rho: -0.8}]
            benefits: [{name: B, beneficiary: city, amount: a + b + c}]
            """, line: 8, field: "correlations[0].rho", message: "between -0.5 and 1"),
        .init(name: "variant changes an unknown derived value", yaml: header + """
            derived: {d: 2}
            variants:
              v: {derived: {e: 3}}
            benefits: [{name: B, beneficiary: city, amount: d}]
            """, line: 6, field: "variants.v.derived.e", message: "not a derived value of the scenario"),
        .init(name: "transfer event without a receiver", yaml: header + """
            cases:
              population: 10
              list:
                - id: a
                  cost: 1
                  without: [{event: grant, amount: 100, kind: transfer, from: city}]
            """, line: 9, field: "cases.list[0].without[0].to", message: "needs 'from:' (who pays) and 'to:'"),
        .init(name: "year variable outside a line", yaml: header + """
            discount_rate: 0.01 * t
            benefits: [{name: B, beneficiary: city, amount: 1}]
            """, line: 4, field: "discount_rate", message: "'t' is the year of a line"),
        .init(name: "published figure of an unknown variant", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 1}]
            published:
              - {figure: Pessimistic, value: 1.2, of: bcr, variant: pesimistic}
            """, line: 6, field: "published[0].variant", message: "unknown variant 'pesimistic'"),
        .init(name: "published figure of nothing known", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 1}]
            published:
              - {figure: Net, value: 1.2, of: netto}
            """, line: 6, field: "published[0].of", message: "cannot read 'netto'"),
        .init(name: "published figure without a value", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 1}]
            published:
              - {figure: Net, of: npv}
            """, line: 6, field: "published[0].value", message: "needs 'value:'"),
        .init(name: "published figure of an unknown stakeholder", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 1}]
            published:
              - {figure: Net, value: 3, of: "stakeholder:gemeente"}
            """, line: 6, field: "published[0].of", message: "unknown stakeholder 'gemeente'"),
        .init(name: "two kinds of persistence", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 1, duration: 2, relapse: 0.1, drop_off: 0.2}]
            """, line: 4, field: "benefits[0].relapse", message: "gives both 'drop_off' and 'relapse'"),
    ]

    @Test(arguments: cases)
    func reportsFileLineFieldAndHint(_ c: ValidationTests.Case) {
        let found = diagnostics(c.yaml, file: "bad.yaml")
        let match = found.first { $0.field == c.field && $0.message.contains(c.message) }
        #expect(match != nil, "no error at \(c.field) containing \"\(c.message)\"; got:\n\(found.map(\.description).joined(separator: "\n"))")
        if let match {
            #expect(match.severity == .error)
            #expect(match.location.file == "bad.yaml")
            #expect(match.location.line == c.line, "line \(match.location.line), expected \(c.line)")
            #expect(match.hint != nil, "no hint for \(match.description)")
        }
    }

    @Test func aPublishedFigureWithoutSourceIsWarnedAbout() throws {
        let model = try compile(Self.header + """
            inputs:
              x: {dist: fixed, value: 10, evidence: published}
            benefits: [{name: B, beneficiary: city, amount: x}]
            """)
        #expect(model.warnings.contains { $0.field == "inputs.x.evidence" && $0.message.contains("needs its 'source:'") })
    }

    @Test func aProvisionalIndexYearIsWarnedAboutOnce() throws {
        let model = try compile(Self.header + """
            price_year: 2024
            price_index: cpi-nl
            inputs:
              x: {dist: fixed, value: 10, price_year: 2015}
              y: {dist: fixed, value: 10, price_year: 2016}
            benefits: [{name: B, beneficiary: city, amount: x + y}]
            """)
        #expect(model.warnings.filter { $0.message.contains("2024 is provisional") }.count == 1)
    }
}
