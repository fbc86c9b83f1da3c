import Testing
@testable import RendementCore

/// Every kind of bad input the format page lists gets an error naming the line and the field.
@Suite struct ValidationTests {
    static let header = """
        scenario: Bad
        stakeholders: [{id: city}]
        costs: [{name: C, payer: city, amount: 100}]

        """

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var line: Int
        var field: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown distribution", yaml: header + """
            inputs:
              x: {dist: weibull, shape: 2}
            benefits: [{name: B, beneficiary: city, amount: x}]
            """, line: 5, field: "inputs.x.dist", message: "unknown distribution 'weibull'"),
        Case(name: "min above mode", yaml: header + """
            inputs:
              x: {dist: triangular, min: 5, mode: 3, max: 10}
            benefits: [{name: B, beneficiary: city, amount: x}]
            """, line: 5, field: "inputs.x.mode", message: "mode (3) must lie between min (5) and max (10)"),
        Case(name: "probability outside [0, 1]", yaml: header + """
            inputs:
              x: {dist: bernoulli, p: 1.3}
            benefits: [{name: B, beneficiary: city, amount: x}]
            """, line: 5, field: "inputs.x.p", message: "must lie in [0, 1], found 1.3"),
        Case(name: "share outside [0, 1]", yaml: header + """
            benefits:
              - name: B
                beneficiary: city
                amount: 100
                attribution: 1.4
            """, line: 8, field: "benefits[0].attribution", message: "a share must be between 0 and 1"),
        Case(name: "share whose input can leave [0, 1]", yaml: header + """
            inputs:
              att: {dist: normal, mean: 0.5, sd: 0.2}
            benefits:
              - {name: B, beneficiary: city, amount: 100, attribution: att}
            """, line: 7, field: "benefits[0].attribution", message: "a share must be between 0 and 1"),
        Case(name: "undefined name", yaml: header + """
            inputs:
              households: 85
            benefits:
              - {name: B, beneficiary: city, amount: housholds * 2}
            """, line: 7, field: "benefits[0].amount", message: "'housholds' is not defined"),
        Case(name: "cycle among derived", yaml: header + """
            derived:
              a: b + 1
              b: c * 2
              c: a
            benefits: [{name: B, beneficiary: city, amount: a}]
            """, line: 5, field: "derived.a", message: "cycle: a → b → c → a"),
        Case(name: "unknown stakeholder", yaml: header + """
            benefits:
              - {name: B, beneficiary: citty, amount: 10}
            """, line: 5, field: "benefits[0].beneficiary", message: "unknown stakeholder 'citty'"),
        Case(name: "non-positive sample count", yaml: header + """
            samples: 0
            benefits: [{name: B, beneficiary: city, amount: 10}]
            """, line: 4, field: "samples", message: "positive sample count between 1 and 10,000,000,000, found 0"),
        Case(name: "correlation matrix not positive semi-definite", yaml: header + """
            inputs:
              a: {dist: uniform, min: 0, max: 1}
              b: {dist: uniform, min: 0, max: 1}
              c: {dist: uniform, min: 0, max: 1}
            correlations:
              - [a, b, 0.9]
              - [a, c, 0.9]
              - [b, c, -0.9]
            benefits: [{name: B, beneficiary: city, amount: a + b + c}]
            """, line: 9, field: "correlations", message: "not positive semi-definite"),
        Case(name: "syntax error in an expression", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 3 * (4 + }]
            """, line: 4, field: "benefits[0].amount", message: "cannot read the expression"),
        Case(name: "misspelt field", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 1, atribution: 0.5}]
            """, line: 4, field: "benefits[0].atribution", message: "unknown field 'atribution'"),
        Case(name: "not a number", yaml: header + """
            inputs:
              x: {dist: uniform, min: low, max: 3}
            benefits: [{name: B, beneficiary: city, amount: x}]
            """, line: 5, field: "inputs.x.min", message: "expected a number, found 'low'"),
        Case(name: "transfer without from", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 1, kind: transfer}]
            """, line: 4, field: "benefits[0].from", message: "is a transfer and needs 'from:'"),
        Case(name: "mapping as a key", yaml: header + """
            inputs:
              ? {x: {dist: uniform, min: 0, max: 1}}
              : {dist: uniform, min: 0, max: 1}
            benefits: [{name: B, beneficiary: city, amount: 1}]
            """, line: 5, field: "inputs", message: "expected a name as key, found a mapping"),
        Case(name: "invalid YAML", yaml: header + """
            benefits: [{name: B, beneficiary: city, amount: 1}
            """, line: 5, field: "", message: "not valid YAML"),
    ]

    @Test(arguments: cases)
    func reportsFileLineAndField(_ c: Case) {
        let found = diagnostics(c.yaml, file: "bad.yaml")
        #expect(!found.isEmpty, "expected an error")
        let match = found.first { $0.field == c.field && $0.message.contains(c.message) }
        #expect(match != nil, "no error at \(c.field) containing \"\(c.message)\"; got:\n\(found.map(\.description).joined(separator: "\n"))")
        if let match {
            #expect(match.location.file == "bad.yaml")
            #expect(match.location.line == c.line, "line")
            #expect(match.description.hasPrefix("bad.yaml:\(c.line):"))
        }
    }

    /// All problems are reported at once, in file order.
    @Test func reportsEveryProblemAtOnce() {
        let found = diagnostics(Self.header + """
            inputs:
              x: {dist: triangular, min: 5, mode: 3, max: 10}
              y: {dist: normal, mean: 1, sd: -2}
            benefits: [{name: B, beneficiary: nobody, amount: x + z}]
            """)
        #expect(found.count >= 3)
        #expect(found.map(\.location.line) == found.map(\.location.line).sorted())
    }

    /// Problems found while reading and while compiling come in one report, and a name whose
    /// definition is broken is not reported again where it is used.
    @Test func decodingAndCompilingProblemsTogether() {
        let found = diagnostics(Self.header + """
            inputs:
              p: {dist: beta, alpha: 2}
            derived:
              total: p * 2 + missing
            benefits:
              - {name: B, beneficiary: city, amount: total, drop_off: {dist: uniform, min: 0, max: 1.5}}
            """)
        #expect(found.contains { $0.field == "inputs.p" && $0.message.contains("needs 'beta'") })
        #expect(found.filter { $0.message.contains("'missing' is not defined") }.count == 1)
        #expect(!found.contains { $0.message.contains("'p' is not defined") })
        #expect(found.contains { $0.field == "benefits[0].drop_off" })
    }

    /// The error text users see, pinned.
    @Test func errorTextIsPinned() {
        let found = diagnostics(Self.header + """
            inputs:
              x: {dist: pret, min: 1, mode: 2, max: 3}
            benefits: [{name: B, beneficiary: city, amount: x}]
            """)
        #expect(found.first?.description == """
            bad.yaml:5:13: error: inputs.x.dist: unknown distribution 'pret'
                hint: did you mean 'pert'? the kinds are bernoulli, beta, discrete, elicited, fixed, gamma, lognormal, metalog, normal, pert, proportion, triangular, uniform
            """)
    }
}

/// PM items with their expected sign, and bad signs reported with their field.
@Suite struct UnpricedSignTests {
    static let base = """
        scenario: PM
        horizon: 1
        discount_rate: 0
        stakeholders: [city]
        costs: [{name: C, payer: city, amount: 1}]
        benefits: [{name: B, beneficiary: city, amount: 2}]

        """

    @Test func signsAreRead() throws {
        let model = try compile(Self.base + """
            unpriced:
              - Plain text
              - {name: Less stress, sign: +}
              - {name: Leisure given up, sign: negative}
              - {name: Allowances, sign: "?"}
            """)
        #expect(model.scenario.unpriced == ["Plain text", "Less stress", "Leisure given up", "Allowances"])
        #expect(model.scenario.unpricedSigns == [nil, "+", "−", "?"])
    }

    @Test func badSignsNameTheirField() {
        let found = diagnostics(Self.base + """
            unpriced:
              - {name: Less stress, sign: plus}
              - {sign: +}
              - {name: X, colour: red}
            """)
        #expect(found.contains { $0.field == "unpriced[0].sign" && $0.message.contains("unknown sign") && $0.location.line == 8 })
        #expect(found.contains { $0.field == "unpriced[1]" && $0.message.contains("needs 'name:'") })
        #expect(found.contains { $0.field == "unpriced[2].colour" })
    }
}
