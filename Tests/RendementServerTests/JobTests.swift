import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import RendementServer

/// Jobs run to the CLI's exact result; reports expose their files; cancel and time limits stop children.
@Suite struct JobTests {
    /// The acceptance test: a run over HTTP returns the same JSON as `rendement run` on a file of
    /// the same name (scenario.yaml), seed and samples, byte for byte.
    @Test func runResultIsTheCLIsJSON() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer().test { client in
            let id = try await client.submit(scenario: scenario, options: ["samples": 3000, "seed": 7])
            let job = try await client.waitForJob(id)
            #expect(job["status"] as? String == "succeeded", "\(job)")
            #expect(job["progress"] as? Double == 1)
            #expect(job["attempts"] as? Int == 1)
            let served = try await client.call("/v1/jobs/\(id)/result")
            #expect(served.status == .ok)
            let cli = try runCLI(["run", "scenario.yaml", "--samples", "3000", "--seed", "7", "--format", "json", "--quiet"],
                                 in: try scenarioFolder(scenario))
            #expect(cli.status == 0)
            #expect(served.text == cli.stdout)
            #expect(served.object["samples"] as? Int == 3000)
        }
    }

    @Test func jsonScenarioIsNamedScenarioJSON() async throws {
        let yaml = try TestServer.scenarioText
        // The same scenario as JSON text, as a notebook might send it.
        let json = try #require(String(data: try JSONSerialization.data(withJSONObject: ["scenario": "J", "stakeholders": [["id": "city"]],
            "costs": [["name": "C", "payer": "city", "amount": 100]], "benefits": [["name": "B", "beneficiary": "city", "amount": 150]]]), encoding: .utf8))
        _ = yaml
        try await TestServer().test { client in
            let id = try await client.submit(scenario: json, options: ["samples": 1000])
            #expect(try await client.waitForJob(id)["status"] as? String == "succeeded")
            let served = try await client.call("/v1/jobs/\(id)/result")
            let cli = try runCLI(["run", "scenario.json", "--samples", "1000", "--format", "json", "--quiet"], in: try scenarioFolder(json, name: "scenario.json"))
            #expect(served.text == cli.stdout)
            #expect(served.object["file"] as? String == "scenario.json")
        }
    }

    @Test func reportJobServesItsFilesAndNothingElse() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer().test { client in
            let id = try await client.submit("report", scenario: scenario, options: ["samples": 2000, "date": "2026-01-01"])
            let job = try await client.waitForJob(id)
            #expect(job["status"] as? String == "succeeded", "\(job)")
            let names = (job["files"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.contains("kassabon.svg") && names.contains("report.md") && names.contains("result.json"))
            let svg = try await client.call("/v1/jobs/\(id)/files/kassabon.svg")
            #expect(svg.status == .ok)
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(svg.text.contains("<svg"))
            #expect(try await client.call("/v1/jobs/\(id)/result").object["provenance"] != nil)
            // Nothing outside the job's files folder, however the name is spelt.
            for name in ["..%2Fscenario.yaml", "..%2F..%2F..%2Frendement.sqlite", "%2Fetc%2Fpasswd", ".hidden", "..", "%2E%2E%2Fresult.json", "nothing.svg"] {
                let response = try await client.call("/v1/jobs/\(id)/files/\(name)")
                #expect(response.status == .notFound, "\(name): \(response.status)")
            }
            #expect(try await client.call("/v1/jobs/\(id)/files/../result.json").status != .ok)
            #expect(try await client.call("/v1/jobs/\(id)/files/a/../../scenario.yaml").status != .ok)
        }
    }

    @Test func otherKindsRun() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer().test { client in
            let sensitivity = try await client.submit("sensitivity", scenario: scenario, options: ["samples": 1000, "method": "tornado"])
            let sweep = try await client.submit("sweep", scenario: scenario, options: ["samples": 500, "vary": ["discount_rate=0:0.06:3"]])
            let claim = try await client.submit("claim", scenario: scenario, options: ["samples": 1000, "bcr": 1.2])
            for id in [sensitivity, sweep, claim] {
                let job = try await client.waitForJob(id)
                #expect(job["status"] as? String == "succeeded", "\(job)")
                #expect(try await client.call("/v1/jobs/\(id)/result").status == .ok)
            }
            let cli = try runCLI(["claim", "scenario.yaml", "--samples=1000", "--bcr=1.2", "--format=json", "--quiet"], in: try scenarioFolder(scenario))
            #expect(try await client.call("/v1/jobs/\(claim)/result").text == cli.stdout)
        }
    }

    /// What only the run itself can find out fails the job with the CLI's error text; what the
    /// checker can find out is refused at submission.
    @Test func failedJobCarriesTheCLIsError() async throws {
        let scenario = try String(contentsOf: TestServer.root.appendingPathComponent("Scenarios/reference-model.yaml"), encoding: .utf8)
        try await TestServer().test { client in
            // compare needs variants; this scenario has none: the checker says so at once.
            let refused = try await client.call("/v1/jobs", .post, json: ["kind": "compare", "scenario": scenario, "options": ["samples": 100]])
            #expect(refused.status == .unprocessableContent)
            #expect((refused.object["error"] as? String)?.contains("variants") == true, "\(refused.text)")
        }
    }

    /// A child that dies by a signal fails its job with the signal and the end of its stderr.
    @Test func jobKilledByASignalKeepsItsStderr() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rendement-fake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fake = folder.appendingPathComponent("rendement")
        try Data("""
            #!/bin/sh
            if [ "$1" = plan ]; then echo '{"outcome":"ok","model_runs":1,"memory_bytes":1}'; exit 0; fi
            i=0; while [ $i -lt 2000 ]; do echo "noise line $i" >&2; i=$((i+1)); done
            echo "Fatal error: the last words of the child" >&2
            kill -SEGV $$
            """.utf8).write(to: fake)
        chmod(fake.path, 0o755)
        try await TestServer { $0.executable = fake }.test { client in
            let id = try await client.submit(scenario: QueueTests.scenario)
            let job = try await client.waitForJob(id)
            #expect(job["status"] as? String == "failed")
            let error = try #require(job["error"] as? String)
            #expect(error.contains("signal 11"), "\(error)")
            #expect(error.contains("the last words of the child"), "\(error)")
            #expect(error.utf8.count < 5000, "only the last few KiB")
        }
    }

    @Test func cancelStopsARunningJob() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer().test { client in
            let id = try await client.submit(scenario: scenario, options: ["samples": 100_000_000])
            #expect(try await client.waitForStatus(id, "running"))
            let response = try await client.call("/v1/jobs/\(id)", .delete)
            #expect(response.status == .accepted)
            let job = try await client.waitForJob(id)
            #expect(job["status"] as? String == "cancelled")
            #expect(try await client.call("/v1/jobs/\(id)", .delete).status == .conflict)
        }
    }

    @Test func timeLimitFailsAJob() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer { $0.jobTimeout = .seconds(1) }.test { client in
            let id = try await client.submit(scenario: scenario, options: ["samples": 100_000_000])
            let job = try await client.waitForJob(id)
            #expect(job["status"] as? String == "failed")
            #expect((job["error"] as? String)?.contains("time limit") == true, "\(job)")
        }
    }
}
