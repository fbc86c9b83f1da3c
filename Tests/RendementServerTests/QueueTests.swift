import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import RendementServer

/// The queue: limits, idempotent retries, listing, cancelling, and recovery after a crash.
/// With `maxRunning = 0` nothing runs, so jobs stay queued for as long as a test needs.
@Suite struct QueueTests {
    static let scenario = """
        scenario: Small
        stakeholders: [{id: city}]
        costs: [{name: C, payer: city, amount: 100}]
        benefits: [{name: B, beneficiary: city, amount: {dist: uniform, min: 50, max: 250}}]
        """

    @Test func fullQueueIs429WithRetryAfter() async throws {
        try await TestServer { $0.maxRunning = 0; $0.maxQueued = 2; $0.retryAfterSeconds = 7 }.test { client in
            _ = try await client.submit(scenario: Self.scenario)
            _ = try await client.submit(scenario: Self.scenario)
            let refused = try await client.call("/v1/jobs", .post, json: ["kind": "run", "scenario": Self.scenario])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "7")
            #expect(try await client.call("/v1/jobs?status=queued").object["jobs"].map { ($0 as? [Any])?.count } == 2)
        }
    }

    @Test func idempotencyKeyMakesRetriesSafe() async throws {
        try await TestServer { $0.maxRunning = 0 }.test { client in
            var headers = HTTPFields()
            headers[HTTPField.Name("Idempotency-Key")!] = "retry-1"
            let body: [String: Any] = ["kind": "run", "scenario": Self.scenario, "options": ["samples": 100]]
            let first = try await client.call("/v1/jobs", .post, json: body, headers: headers)
            #expect(first.status == .accepted)
            let again = try await client.call("/v1/jobs", .post, json: body, headers: headers)
            #expect(again.status == .ok)
            #expect(again.object["id"] as? String == first.object["id"] as? String)
            let other = try await client.call("/v1/jobs", .post, json: ["kind": "run", "scenario": Self.scenario, "options": ["samples": 200]], headers: headers)
            #expect(other.status == .conflict)
            #expect(other.object["field"] as? String == "Idempotency-Key")
            let all = try await client.call("/v1/jobs").object["jobs"] as? [Any]
            #expect(all?.count == 1)
        }
    }

    /// A retry must find its job even when the queue has filled up since.
    @Test func idempotentRetryReturnsItsJobWhenTheQueueIsFull() async throws {
        try await TestServer { $0.maxRunning = 0; $0.maxQueued = 1 }.test { client in
            var headers = HTTPFields()
            headers[HTTPField.Name("Idempotency-Key")!] = "retry-full"
            let body: [String: Any] = ["kind": "run", "scenario": Self.scenario, "options": ["samples": 100]]
            let first = try await client.call("/v1/jobs", .post, json: body, headers: headers)
            #expect(first.status == .accepted)
            let again = try await client.call("/v1/jobs", .post, json: body, headers: headers)
            #expect(again.status == .ok, "\(again.text)")
            #expect(again.object["id"] as? String == first.object["id"] as? String)
            let other = try await client.call("/v1/jobs", .post, json: body)
            #expect(other.status == .tooManyRequests)
        }
    }

    /// The data folder is the server's alone.
    @Test func dataFolderIsPrivate() async throws {
        let server = try TestServer()
        try await server.test { client in
            _ = try await client.call("/health", token: nil)
            func mode(_ url: URL) throws -> Int {
                (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int ?? 0) & 0o777
            }
            #expect(try mode(server.config.dataDirectory) == 0o700)
            #expect(try mode(server.config.jobsDirectory) == 0o700)
            #expect(try mode(URL(fileURLWithPath: server.config.databasePath)) & 0o077 == 0)
        }
    }

    @Test func listIsPaginatedAndFiltered() async throws {
        try await TestServer { $0.maxRunning = 0 }.test { client in
            var ids: [String] = []
            for seed in 1...5 { ids.append(try await client.submit(scenario: Self.scenario, options: ["seed": seed])) }
            #expect(try await client.call("/v1/jobs/\(ids[1])", .delete).status == .ok)
            var seen: [String] = []
            var uri = "/v1/jobs?limit=2"
            var pages = 0
            while pages < 10 {
                let page = try await client.call(uri).object
                seen += (page["jobs"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                pages += 1
                guard let next = page["next_cursor"] as? String else { break }
                uri = "/v1/jobs?limit=2&cursor=\(next)"
            }
            #expect(pages == 3)
            #expect(seen == ids.reversed(), "newest first, each once")
            let queued = try await client.call("/v1/jobs?status=queued").object["jobs"] as? [[String: Any]]
            #expect(queued?.count == 4)
            let cancelled = try await client.call("/v1/jobs?status=cancelled").object["jobs"] as? [[String: Any]]
            #expect(cancelled?.map { $0["id"] as? String } == [ids[1]])
            #expect(try await client.call("/v1/jobs?status=done").status == .badRequest)
            #expect(try await client.call("/v1/jobs?limit=0").status == .badRequest)
            let job = try await client.call("/v1/jobs/\(ids[0])").object
            #expect(job["status"] as? String == "queued")
            #expect(job["progress"] as? Double == 0)
            #expect(try await client.call("/v1/jobs/\(ids[0])/result").status == .conflict)
        }
    }

    /// A crash leaves a job `running`: the next start runs it again (same id, one more attempt).
    @Test func jobsLeftRunningRunAgainAfterACrash() async throws {
        let server = try TestServer()
        try FileManager.default.createDirectory(at: server.config.jobsDirectory, withIntermediateDirectories: true)
        let id: String
        do {
            let store = try JobStore(path: server.config.databasePath)
            guard case let .created(job) = try store.insert(kind: .run, options: "{\"samples\":\"500\"}", scenario: Self.scenario, idempotencyKey: nil,
                                                            requestHash: "h", tokenHash: nil, maxQueued: 10) else {
                Issue.record("not inserted"); return
            }
            id = job.id
            // Claimed as if a server had started it, then "crashed".
            #expect(try store.claimNext()?.id == id)
            // Its folder holds a half-written output of the lost attempt.
            try FileManager.default.createDirectory(at: server.config.jobDirectory(id), withIntermediateDirectories: true)
            try Data("{\"half".utf8).write(to: server.config.jobDirectory(id).appendingPathComponent("attempt-1.out"))
        }
        try await server.test { client in
            let job = try await client.waitForJob(id)
            #expect(job["status"] as? String == "succeeded")
            #expect(job["attempts"] as? Int == 2)
            // The lost attempt's files were cleaned up when it was queued again.
            #expect(!FileManager.default.fileExists(atPath: server.config.jobDirectory(id).appendingPathComponent("attempt-1.out").path))
            let result = try await client.call("/v1/jobs/\(id)/result")
            let cli = try runCLI(["run", "scenario.yaml", "--samples", "500", "--format", "json", "--quiet"], in: try scenarioFolder(Self.scenario))
            #expect(result.text == cli.stdout)
        }
    }

    @Test func secondServerOnTheSameDataIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rendement-lock-\(UUID().uuidString)")
        try RendementServerApp.lockDataDirectory(dir)
        // flock locks belong to the open file description: a second open in this process conflicts too.
        #expect(throws: RendementServerApp.LockError.self) { try RendementServerApp.lockDataDirectory(dir) }
    }
}
