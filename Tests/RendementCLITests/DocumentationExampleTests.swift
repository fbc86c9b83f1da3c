import Foundation
import RendementCore
import RendementReport
import Testing

/// Every whole scenario in docs/scenario-format.md (a ```yaml block with `scenario:`) compiles
/// without errors, and each of its `# expect: NAME = VALUE` lines holds for the base case to
/// 10⁻⁹ (relative). NAME is an output (`npv`, `pv_benefits`, a stakeholder id, `benefit:Line`),
/// `OUTPUT@variant` for a variant's, or `evidence:STATUS` for the share of PV(benefits).
@Suite struct DocumentationExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var title: String
        var yaml: String
        var expectations: [(name: String, value: Double)]
        var testDescription: String { title }
    }

    static let examples: [Example] = {
        let url = CLI.root.appendingPathComponent("docs/scenario-format.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var result: [Example] = []
        for block in text.components(separatedBy: "```yaml\n").dropFirst() {
            guard let body = block.components(separatedBy: "\n```").first, body.contains("\nscenario:") || body.hasPrefix("scenario:") else { continue }
            let title = body.split(separator: "\n").first { $0.hasPrefix("scenario:") }.map { String($0.dropFirst("scenario:".count)).trimmingCharacters(in: .whitespaces) } ?? "?"
            let expectations = body.split(separator: "\n").compactMap { line -> (String, Double)? in
                guard line.hasPrefix("# expect: ") else { return nil }
                let parts = line.dropFirst("# expect: ".count).split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let value = Double(parts[1]) else { return nil }
                return (parts[0], value)
            }
            result.append(Example(title: title, yaml: body, expectations: expectations))
        }
        return result
    }()

    @Test func thePageHasItsExamples() {
        // The economics section alone has twelve; the count guards against a broken extraction.
        #expect(Self.examples.count >= 12)
        #expect(Self.examples.filter { !$0.expectations.isEmpty }.count >= 12)
    }

    @Test(arguments: examples)
    func exampleRunsAndGivesItsNumbers(_ example: Example) throws {
        let model: CompiledModel
        do { model = try ModelCompiler.compile(yaml: example.yaml, file: "example.yaml") } catch {
            Issue.record("the example does not compile:\n\(error)")
            return
        }
        let result = MonteCarloRunner.run(model, options: RunOptions(samples: 2_000, seed: 1, threads: 1))
        for (name, expected) in example.expectations {
            let actual: Double?
            if name.hasPrefix("evidence:") {
                let status = String(name.dropFirst("evidence:".count))
                actual = RunReport.evidenceShares(result).first { $0.status == status }?.share
            } else if let at = name.firstIndex(of: "@") {
                let variant = try ModelCompiler.compile(model.scenario, variant: String(name[name.index(after: at)...]))
                actual = variant.outputs.firstIndex { $0.name == String(name[..<at]) }.map { variant.evaluateBase()[$0] }
            } else {
                actual = model.outputs.firstIndex { $0.name == name }.map { model.evaluateBase()[$0] }
            }
            guard let actual else { Issue.record("\(example.title): no output '\(name)'"); continue }
            #expect(abs(actual - expected) <= 1e-9 * max(1, abs(expected)), "\(example.title): \(name) = \(actual), expected \(expected)")
        }
    }
}
