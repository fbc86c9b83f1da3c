import Testing
@testable import RendementCore

/// Hostile documents (alias bombs, deep nesting, huge expressions) are refused with a normal
/// diagnostic instead of exhausting memory, time or the stack.
@Suite struct LimitsTests {
    static let valid = """
        scenario: Limits
        stakeholders: [{id: city}]
        costs: [{name: C, payer: city, amount: 100}]
        benefits: [{name: B, beneficiary: city, amount: 150}]

        """

    /// The classic "billion laughs": 9 levels of 10 aliases each, 10^9 nodes once expanded.
    static let billionLaughs: String = {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        return valid + lines.joined(separator: "\n") + "\n"
    }()

    @Test func billionLaughsIsRefused() {
        let found = diagnostics(Self.billionLaughs, file: "bomb.yaml")
        #expect(found.count == 1)
        #expect(found.first?.message == "aliases expand to more than \(YAMLLimits.maxAliasExpansion) nodes")
        #expect(found.first?.location.file == "bomb.yaml")
        // The budget runs out among the aliases of a4 (each *a3 adds 11,111 nodes), on line 9.
        #expect(found.first?.location.line == 9)
    }

    /// Aliases used as mapping keys would make Yams hash the whole expansion: refused before that.
    @Test func aliasKeysAreRefusedBeforeComposing() {
        let found = diagnostics(Self.billionLaughs + "keys: {? *a9 : 1, ? *a8 : 2}\n", file: "keys.yaml")
        #expect(found.first?.message.hasPrefix("aliases expand to more than") == true)
    }

    @Test func fewAliasesAreFine() throws {
        let model = try compile(Self.valid.replacingOccurrences(of: "amount: 150}]", with: "amount: &a 150}, {name: B2, beneficiary: city, amount: *a}]"))
        #expect(model.scenario.benefits.count == 2)
    }

    @Test func deepNestingIsRefused() {
        let depth = YAMLLimits.maxDepth + 1
        let yaml = Self.valid + "deep: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let found = diagnostics(yaml)
        #expect(found.count == 1)
        #expect(found.first?.message == "the document nests deeper than \(YAMLLimits.maxDepth) levels")
        #expect(found.first?.location.line == 5)
    }

    /// So deep that libyaml's own limit (1000 levels) strikes first: the same message.
    @Test func veryDeepNestingIsRefused() {
        let depth = 5000
        let found = diagnostics(Self.valid + "deep: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
        #expect(found.count == 1)
        #expect(found.first?.message == "the document nests deeper than \(YAMLLimits.maxDepth) levels")
    }

    @Test func deepNestingInJSONIsRefused() {
        let depth = 10_000
        let json = "{\"scenario\": \"x\", \"deep\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        let found = diagnostics(json, file: "deep.json")
        #expect(found.first?.message == "the document nests deeper than \(YAMLLimits.maxDepth) levels")
    }

    /// Nesting reached only through an alias counts too.
    @Test func nestingThroughAliasesIsRefused() {
        let half = YAMLLimits.maxDepth / 2 + 1
        let nested = String(repeating: "[", count: half) + String(repeating: "]", count: half)
        let yaml = Self.valid + "a: &a \(nested)\nb: \(String(repeating: "[", count: half))*a\(String(repeating: "]", count: half))\n"
        let found = diagnostics(yaml)
        #expect(found.first?.message.contains("once its aliases are expanded") == true)
    }

    @Test func nestingAtTheLimitIsAccepted() {
        // The top-level mapping is one level; the list adds the rest.
        let depth = YAMLLimits.maxDepth - 1
        let yaml = Self.valid + "notes: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        #expect(!diagnostics(yaml).contains { $0.message.contains("nests deeper") })
    }

    @Test func deepExpressionIsRefused() {
        let depth = ExpressionParser.maxDepth + 1
        let expression = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        let found = diagnostics(Self.valid.replacingOccurrences(of: "amount: 150", with: "amount: \"\(expression) + 2\""))
        #expect(found.first?.field == "benefits[0].amount")
        #expect(found.first?.message.contains("nests deeper than \(ExpressionParser.maxDepth) levels") == true)
    }

    @Test func deepSignsAndPowersAreRefused() {
        #expect(throws: ExpressionParser.SyntaxError.self) { try ExpressionParser.parse(String(repeating: "-", count: 100) + "1") }
        #expect(throws: ExpressionParser.SyntaxError.self) { try ExpressionParser.parse(Array(repeating: "2", count: 100).joined(separator: "^")) }
        #expect(throws: ExpressionParser.SyntaxError.self) {
            try ExpressionParser.parse(String(repeating: "max(1, ", count: 100) + "1" + String(repeating: ")", count: 100))
        }
    }

    @Test func expressionAtTheLimitParses() throws {
        let depth = ExpressionParser.maxDepth - 1
        let expression = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        _ = try ExpressionParser.parse(expression)
        _ = try ExpressionParser.parse(String(repeating: "-", count: ExpressionParser.maxDepth - 1) + "1")
    }

    @Test func longExpressionIsRefused() {
        let long = Array(repeating: "1", count: ExpressionParser.maxTokens).joined(separator: " + ")
        do {
            _ = try ExpressionParser.parse(long)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.message.contains("more than \(ExpressionParser.maxTokens)"))
        }
    }
}
