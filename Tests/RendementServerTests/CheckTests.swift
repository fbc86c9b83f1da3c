import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import RendementServer

/// `POST /v1/check`: a scenario checked as a submission is, in a child, with nothing queued.
@Suite struct CheckTests {
    static let bad = """
        scenario: "<script>alert(1)</script>"
        stakeholders: [{id: city}]
        costs: [{name: C, payer: city, amount: 100}]
        inputs:
          x: {dist: pret, min: 1, mode: 2, max: 3}
        benefits: [{name: B, beneficiary: town, amount: x}]
        """

    @Test func invalidScenarioGivesLineColumnFieldMessageAndHint() async throws {
        try await TestServer().test { client in
            let response = try await client.call("/v1/check", .post, json: ["scenario": Self.bad])
            #expect(response.status == .ok)
            #expect(response.object["valid"] as? Bool == false)
            let diagnostics = try #require(response.object["diagnostics"] as? [[String: Any]])
            let dist = try #require(diagnostics.first { $0["field"] as? String == "inputs.x.dist" })
            #expect(dist["line"] as? Int == 5)
            #expect((dist["column"] as? Int ?? 0) > 0)
            #expect((dist["message"] as? String)?.contains("pret") == true)
            #expect((dist["hint"] as? String)?.contains("pert") == true)
            #expect(diagnostics.contains { ($0["line"] as? Int) == 6 }, "the unknown beneficiary on line 6")
            #expect((response.object["text"] as? String)?.contains("scenario.yaml:5:") == true)
            // Nothing was queued.
            #expect((try await client.call("/v1/jobs").object["jobs"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func validScenarioAndOptions() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer { $0.maxSamples = 1_000_000 }.test { client in
            let ok = try await client.call("/v1/check", .post, json: ["scenario": scenario])
            #expect(ok.status == .ok)
            #expect(ok.object["valid"] as? Bool == true, "\(ok.text)")
            #expect((ok.object["model_runs"] as? Int ?? 0) > 0)
            #expect(ok.object["diagnostics"] is [Any])
            // A kind's options are checked too, by the CLI's parser and the server's limits.
            let usage = try await client.call("/v1/check", .post, json: ["kind": "sweep", "scenario": scenario, "options": ["vary": ["nothing=0:1:3"]]])
            #expect(usage.status == .ok)
            #expect(usage.object["valid"] as? Bool == false)
            #expect((usage.object["field"] as? String)?.hasPrefix("options") == true, "\(usage.text)")
            let big = try await client.call("/v1/check", .post, json: ["kind": "sweep", "scenario": scenario, "options": ["samples": 900_000, "vary": ["discount_rate=0:0.06:5"]]])
            #expect(big.object["valid"] as? Bool == false)
            #expect(big.object["model_runs"] as? Int == 4_500_000, "\(big.text)")
        }
    }

    @Test func malformedTooLargeAndBusyRequests() async throws {
        try await TestServer { $0.maxBodyBytes = 4096 }.test { client in
            let notJSON = try await client.call("/v1/check", .post, body: "scenario: x")
            #expect(notJSON.status == .unprocessableContent)
            let unknown = try await client.call("/v1/check", .post, json: ["scenario": "x", "extra": 1])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.object["field"] as? String == "extra")
            let missing = try await client.call("/v1/check", .post, json: ["options": [:] as [String: Any]])
            #expect(missing.object["field"] as? String == "scenario")
            let badKind = try await client.call("/v1/check", .post, json: ["kind": "walk", "scenario": "x"])
            #expect(badKind.object["field"] as? String == "kind")
            let large = try await client.call("/v1/check", .post, json: ["scenario": String(repeating: "# padding\n", count: 1000)])
            #expect(large.status == .contentTooLarge)
        }
        try await TestServer { $0.maxChecking = 0 }.test { client in
            let busy = try await client.call("/v1/check", .post, json: ["scenario": Self.bad])
            #expect(busy.status == .tooManyRequests)
            #expect(busy.headers[.retryAfter] == "1")
        }
    }
}
