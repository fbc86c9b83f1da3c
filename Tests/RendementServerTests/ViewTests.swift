import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import RendementServer

/// Each job kind's view (the HTML fragment its child wrote with `--view`), served escaped and
/// without script; a job's request, to reopen it in the editor.
@Suite struct ViewTests {
    /// A valid scenario whose title and names are hostile markup.
    static let hostile = """
        scenario: "<script>alert(1)</script>"
        stakeholders: [{id: city, label: "<img src=x onerror=alert(2)>"}]
        inputs:
          x: {dist: uniform, min: 50, max: 250}
        costs: [{name: "</td><script>alert(3)</script>", payer: city, amount: 100}]
        benefits: [{name: "B\\" onmouseover=\\"alert(4)", beneficiary: city, amount: x}]
        """

    /// The exact values (`data-value`) of the table row with `data-key="key"`.
    static func values(_ html: String, key: String) -> [Double] {
        guard let start = html.range(of: "data-key=\"\(key)\"") else { return [] }
        let row = html[start.upperBound...].prefix { $0 != "\n" }.components(separatedBy: "</tr>")[0]
        return row.components(separatedBy: "data-value=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
    }

    @Test func runViewIsEscapedAndCarriesTheCLIsNumbers() async throws {
        try await TestServer().test { client in
            let id = try await client.submit(scenario: Self.hostile, options: ["samples": 2000, "seed": 3])
            let job = try await client.waitForJob(id)
            #expect(job["status"] as? String == "succeeded", "\(job)")
            #expect((job["links"] as? [String: String])?["view"] == "/v1/jobs/\(id)/view")
            let view = try await client.call("/v1/jobs/\(id)/view")
            #expect(view.status == .ok)
            #expect(view.headers[.contentType] == "text/html; charset=utf-8")
            #expect(view.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            #expect(view.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let html = view.text
            #expect(html.contains("class=\"rv rv-run\""))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
            for bad in ["<script", "<img", "\" onmouseover", "</td><script"] {
                #expect(!html.contains(bad), "the view holds '\(bad)' unescaped")
            }
            // The numbers are the result's (the CLI's JSON), to the last digit.
            let result = try await client.call("/v1/jobs/\(id)/result").object
            let npv = try #require(result["npv"] as? [String: Any])
            let base = try #require(result["base"] as? [String: Any])
            #expect(Self.values(html, key: "npv") == [try #require(base["npv"] as? Double), try #require(npv["mean"] as? Double)])
            #expect(html.contains("data-key=\"probability_positive\" data-value=\""))
            #expect(html.contains("<svg"), "the stakeholder figure is inline")
            #expect(!html.contains("<?xml"))
        }
    }

    @Test func eachKindHasItsOwnView() async throws {
        let scenario = try String(contentsOf: TestServer.root.appendingPathComponent("Scenarios/vonl-amsterdam.yaml"), encoding: .utf8)
        try await TestServer().test { client in
            let jobs: [(String, [String: Any], [String])] = [
                ("sensitivity", ["samples": 500, "method": "tornado,sobol", "sobol-samples": 64], ["rv rv-sensitivity", "rv-tornado", "rv-sobol", "<svg"]),
                ("sweep", ["samples": 300, "vary": ["discount_rate=0:0.06:3"]], ["rv rv-sweep", "data-key=\"point\"", "<polyline"]),
                ("compare", ["samples": 500], ["rv rv-compare", "data-name=\"pessimistic\"", "P(beats base)"]),
                ("claim", ["samples": 500, "bcr": 1.2], ["rv rv-claim", "class=\"rv-verdict", "holds with probability"]),
            ]
            var ids: [(String, String, [String])] = []
            for (kind, options, marks) in jobs { ids.append((kind, try await client.submit(kind, scenario: scenario, options: options), marks)) }
            for (kind, id, marks) in ids {
                let job = try await client.waitForJob(id)
                #expect(job["status"] as? String == "succeeded", "\(kind): \(job)")
                let view = try await client.call("/v1/jobs/\(id)/view")
                #expect(view.status == .ok, "\(kind)")
                for mark in marks { #expect(view.text.contains(mark), "\(kind)'s view lacks \(mark)") }
                #expect(!view.text.contains("<script"))
            }
            let sweep = try #require(ids.first { $0.0 == "sweep" }).1
            #expect(try await client.call("/v1/jobs/\(sweep)/view").text.components(separatedBy: "data-key=\"point\"").count == 4, "every point in the table")
        }
    }

    @Test func viewAnswersForUnknownUnfinishedAndReportJobs() async throws {
        let scenario = try TestServer.scenarioText
        try await TestServer().test { client in
            let unknown = try await client.call("/v1/jobs/no-such-job/view")
            #expect(unknown.status == .notFound)
            #expect((unknown.object["error"] as? String)?.contains("no job") == true)
            let long = try await client.submit(scenario: scenario, options: ["samples": 100_000_000])
            #expect(try await client.call("/v1/jobs/\(long)/view").status == .conflict)
            _ = try await client.call("/v1/jobs/\(long)", .delete)
            _ = try await client.waitForJob(long)
            let report = try await client.submit("report", scenario: scenario, options: ["samples": 1000, "date": "2026-01-01"])
            #expect(try await client.waitForJob(report)["status"] as? String == "succeeded")
            // A report's view is its own self-contained report.html (in the scenario's language).
            let view = try await client.call("/v1/jobs/\(report)/view")
            #expect(view.status == .ok)
            #expect(view.text.contains("<section id=\"stress-test\""), "\(view.text.prefix(300))")
        }
    }

    @Test func requestReopensTheJob() async throws {
        try await TestServer().test { client in
            let id = try await client.submit("claim", scenario: Self.hostile, options: ["samples": 1000, "bcr": 1.1])
            let request = try await client.call("/v1/jobs/\(id)/request")
            #expect(request.status == .ok)
            #expect(request.object["kind"] as? String == "claim")
            #expect(request.object["scenario"] as? String == Self.hostile)
            #expect((request.object["options"] as? [String: Any])?["bcr"] as? String == "1.1")
            // The same body is accepted again, as a new job.
            let again = try await client.call("/v1/jobs", .post, json: request.object)
            #expect(again.status == .accepted, "\(again.text)")
            #expect(try await client.call("/v1/jobs/nothing/request").status == .notFound)
        }
    }
}
