import Foundation
import HTTPTypes
import HummingbirdTesting
import RendementCore
import Testing
@testable import RendementServer

/// Bad and hostile requests are refused with clear messages, and the server keeps serving.
@Suite struct LimitTests {
    @Test func invalidScenarioGivesTheCLIsDiagnostics() async throws {
        let bad = """
            scenario: Bad
            stakeholders: [{id: city}]
            costs: [{name: C, payer: city, amount: 100}]
            inputs:
              x: {dist: pret, min: 1, mode: 2, max: 3}
            benefits: [{name: B, beneficiary: town, amount: x}]
            """
        try await TestServer().test { client in
            let response = try await client.call("/v1/jobs", .post, json: ["kind": "run", "scenario": bad])
            #expect(response.status == .unprocessableContent)
            let diagnostics = try #require(response.object["diagnostics"] as? [[String: Any]])
            #expect(diagnostics.contains { $0["field"] as? String == "inputs.x.dist" && $0["line"] as? Int == 5 && $0["file"] as? String == "scenario.yaml" })
            let cli = try runCLI(["check", "scenario.yaml"], in: try scenarioFolder(bad))
            #expect(cli.status == 1)
            #expect(response.object["text"] as? String == cli.stderr.trimmingCharacters(in: .newlines))
        }
    }

    @Test func badRequestsAreNamed() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer { $0.maxSamples = 10_000 }.test { client in
            let cases: [(Any, String)] = [
                (["kind": "walk", "scenario": scenario], "kind"),
                (["scenario": scenario], "kind"),
                (["kind": "run"], "scenario"),
                (["kind": "run", "scenario": scenario, "options": ["out": "/etc/x"]], "options.out"),
                (["kind": "run", "scenario": scenario, "options": ["export": "x.csv"]], "options.export"),
                (["kind": "run", "scenario": scenario, "options": ["samples": 20_000]], "options.samples"),
                (["kind": "run", "scenario": scenario, "options": ["samples": "1e9"]], "options.samples"),
                (["kind": "run", "scenario": scenario, "options": ["seed": ["a": 1]]], "options.seed"),
                (["kind": "run", "scenario": scenario, "options": ["seed": true]], "options.seed"),
                (["kind": "run", "scenario": scenario, "extra": 1], "extra"),
            ]
            for (body, field) in cases {
                let response = try await client.call("/v1/jobs", .post, json: body)
                #expect(response.status == .unprocessableContent, "\(field)")
                #expect(response.object["field"] as? String == field, "\(response.text)")
            }
            let variant = try await client.call("/v1/jobs", .post, json: ["kind": "run", "scenario": scenario, "options": ["variant": "nope"]])
            #expect(variant.status == .unprocessableContent)
            #expect((variant.object["text"] as? String)?.contains("there is no variant 'nope'") == true, "\(variant.text)")
            let notJSON = try await client.call("/v1/jobs", .post, body: "kind=run")
            #expect(notJSON.status == .unprocessableContent)
        }
    }

    /// The CLI's own parser checks option values, in the checker child.
    @Test func optionValuesAreCheckedByTheCLIParser() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer().test { client in
            let response = try await client.call("/v1/jobs", .post, json: ["kind": "run", "scenario": scenario, "options": ["design": "nope"]])
            #expect(response.status == .unprocessableContent)
            #expect(response.object["field"] as? String == "options")
            #expect((response.object["error"] as? String)?.contains("Unknown design 'nope'") == true, "\(response.text)")
            let threads = try await client.call("/v1/jobs", .post, json: ["kind": "run", "scenario": scenario, "options": ["threads": 5000]])
            #expect(threads.status == .unprocessableContent)
            #expect((threads.object["error"] as? String)?.contains("a thread count must be between 1 and 1,024") == true, "\(threads.text)")
        }
    }

    /// Numbers no core type accepts are refused with the field and the limit, and the server
    /// stays up: the submission is checked in a child process.
    @Test func hostileNumbersAreRefusedAndTheServerStaysUp() async throws {
        let trials = """
            scenario: Trials
            inputs:
              p: {dist: proportion, successes: 0, trials: 1e19}
            costs: [{name: C, amount: 100}]
            benefits: [{name: B, amount: 200 * p}]
            """
        try await TestServer().test { client in
            let response = try await client.call("/v1/jobs", .post, json: ["kind": "run", "scenario": trials])
            #expect(response.status == .unprocessableContent)
            let diagnostics = try #require(response.object["diagnostics"] as? [[String: Any]])
            #expect(diagnostics.contains { $0["field"] as? String == "inputs.p.trials" && ($0["message"] as? String)?.contains("9,007,199,254,740,992") == true },
                    "\(response.text)")
            let horizon = try await client.call("/v1/jobs", .post, json: ["kind": "sweep", "scenario": try TestServer.scenarioText,
                                                                          "options": ["vary": ["horizon=1:1e20:2"]]])
            #expect(horizon.status == .unprocessableContent)
            #expect((horizon.object["error"] as? String)?.contains("a number of years must be between 1 and 1,000") == true, "\(horizon.text)")
            #expect(try await client.call("/health", token: nil).status == .ok)
        }
    }

    /// `--max-samples` bounds the work a job makes, however it asks for it.
    @Test func effectiveWorkIsBounded() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer { $0.maxSamples = 1_000_000 }.test { client in
            let ownSamples = scenario.replacingOccurrences(of: "samples: 100000", with: "samples: 2000000000")
            #expect(ownSamples != scenario)
            let cases: [([String: Any], String)] = [
                (["kind": "run", "scenario": ownSamples], "scenario"),
                (["kind": "sweep", "scenario": scenario, "options": ["samples": 100_000, "vary": ["discount_rate=0:0.1:11"]]], "options.vary"),
                (["kind": "sensitivity", "scenario": scenario, "options": ["method": "sobol", "samples": 100_000]], "options.samples"),
                (["kind": "run", "scenario": scenario, "options": ["target-se": 1, "max-samples": 2_000_000, "samples": 1000]], "options.max-samples"),
                (["kind": "compare", "scenario": QueueTests.scenario + "\nvariants: {low: {inputs: {}}}", "options": ["samples": 600_000]], "options.samples"),
            ]
            for (body, field) in cases {
                let response = try await client.call("/v1/jobs", .post, json: body)
                #expect(response.status == .unprocessableContent, "\(body["kind"]!): \(response.text)")
                #expect(response.object["field"] as? String == field, "\(response.text)")
                #expect((response.object["error"] as? String)?.contains(field == "options.max-samples" ? "limit of 1000000 samples" : "model runs") == true, "\(response.text)")
            }
            let axes = try await client.call("/v1/jobs", .post, json: ["kind": "sweep", "scenario": scenario,
                                                                       "options": ["vary": Array(repeating: "discount_rate=0:0.1:2", count: 9)]])
            #expect(axes.status == .unprocessableContent)
            #expect(axes.object["field"] as? String == "options.vary")
        }
    }

    /// A long `vary` list is refused at once, not parsed for minutes, and /health answers meanwhile.
    @Test func longVaryListIsRefusedQuickly() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer().test { client in
            let started = ContinuousClock.now
            let response = try await client.call("/v1/jobs", .post, json: ["kind": "sweep", "scenario": scenario,
                                                                           "options": ["vary": Array(repeating: "discount_rate=0:0.1:2", count: 100_000)]])
            #expect(response.status == .unprocessableContent || response.status == .contentTooLarge)
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test func oversizedBodyIs413() async throws {
        try await TestServer { $0.maxBodyBytes = 64 * 1024 }.test { client in
            let big = "scenario: x\n# " + String(repeating: "a", count: 100_000)
            let response = try await client.call("/v1/jobs", .post, json: ["kind": "run", "scenario": big])
            #expect(response.status == .contentTooLarge)
            #expect(try await client.call("/health", token: nil).status == .ok)
        }
    }

    @Test func aliasBombAndDeepNestingAre422() async throws {
        var lines = ["scenario: Bomb", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 { lines.append("a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]") }
        let bomb = lines.joined(separator: "\n")
        let deep = "scenario: Deep\nx: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let deepJSON = "{\"scenario\": \"Deep\", \"x\": " + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + "}"
        let deepExpression = "scenario: Deep\nstakeholders: [{id: c}]\nbenefits: [{name: B, beneficiary: c, amount: \"" + String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000) + "\"}]"
        try await TestServer().test { client in
            for (text, message) in [(bomb, "aliases expand to more than"), (deep, "nests deeper than"), (deepJSON, "nests deeper than"), (deepExpression, "nests deeper than")] {
                let response = try await client.call("/v1/jobs", .post, json: ["kind": "run", "scenario": text])
                #expect(response.status == .unprocessableContent)
                #expect((response.object["text"] as? String)?.contains(message) == true, "\(response.text.prefix(500))")
            }
            #expect(try await client.call("/health", token: nil).status == .ok)
        }
    }
}
