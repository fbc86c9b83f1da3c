import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import RendementServer

/// No token or a wrong token: 401 on every route but /health.
@Suite struct AuthTests {
    static let routes: [(String, HTTPRequest.Method)] = [
        ("/", .get), ("/metrics", .get), ("/v1/openapi.json", .get), ("/v1/jobs", .post), ("/v1/jobs", .get),
        ("/v1/jobs?status=queued", .get), ("/v1/jobs/x", .get), ("/v1/jobs/x", .delete), ("/v1/jobs/x/result", .get),
        ("/v1/jobs/x/files/report.md", .get), ("/v1/jobs/x/view", .get), ("/v1/jobs/x/request", .get), ("/v1/check", .post),
        ("/no/such/route", .get),
    ]

    @Test func everyRouteButHealthNeedsAToken() async throws {
        try await TestServer().test { client in
            for (uri, method) in Self.routes {
                for token in [nil, "wrong-token-0123456789", TestServer.token + "x", ""] as [String?] {
                    let response = try await client.call(uri, method, body: "{}", token: token)
                    #expect(response.status == .unauthorized, "\(method) \(uri) with token \(token ?? "none")")
                }
            }
            let health = try await client.call("/health", token: nil)
            #expect(health.status == .ok)
            #expect(health.object["status"] as? String == "ok")
        }
    }

    @Test func aValidTokenIsLetThrough() async throws {
        try await TestServer { $0.tokens = ["another-token-abcdefghij", TestServer.token] }.test { client in
            #expect(try await client.call("/v1/jobs").status == .ok)
            #expect(try await client.call("/v1/jobs", token: "another-token-abcdefghij").status == .ok)
            #expect(try await client.call("/v1/jobs/nothing").status == .notFound)
            let metrics = try await client.call("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("rendement_jobs_queued"))
        }
    }

    /// The page is the body of the 401 too: it holds no data and asks for the token.
    @Test func webPageAsksForTheToken() async throws {
        try await TestServer().test { client in
            let anonymous = try await client.call("/", token: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.text.contains("id=\"token\""))
            let signedIn = try await client.call("/")
            #expect(signedIn.status == .ok)
            #expect(!signedIn.text.contains("http://") && !signedIn.text.contains("https://"), "the page loads nothing from elsewhere")
        }
    }

    @Test func tokenFileRules() throws {
        let dir = try scenarioFolder("# comment\n\n  token-one-0123456789  \ntoken-two-0123456789\n", name: "tokens")
        #expect(try TokenFile.read(dir.appendingPathComponent("tokens").path) == ["token-one-0123456789", "token-two-0123456789"])
        try Data("short\n".utf8).write(to: dir.appendingPathComponent("bad"))
        #expect(throws: TokenFile.Failure.self) { try TokenFile.read(dir.appendingPathComponent("bad").path) }
        try Data("# nothing\n".utf8).write(to: dir.appendingPathComponent("empty"))
        #expect(throws: TokenFile.Failure.self) { try TokenFile.read(dir.appendingPathComponent("empty").path) }
        let created = dir.appendingPathComponent("new-tokens").path
        #expect(try TokenFile.createIfMissing(created))
        #expect(try TokenFile.read(created).first?.count == 48)
        #expect(try !TokenFile.createIfMissing(created))
    }
}

/// The OpenAPI document served is the one in the repository, and lists every route.
@Suite struct OpenAPITests {
    @Test func servedDocumentIsTheRepositoryFile() async throws {
        let file = try String(contentsOf: TestServer.root.appendingPathComponent("docs/openapi.json"), encoding: .utf8)
        try await TestServer().test { client in
            let served = try await client.call("/v1/openapi.json")
            #expect(served.status == .ok)
            #expect(served.text + "\n" == file, "docs/openapi.json and OpenAPIDocument.swift differ: run scripts/server/embed-openapi.sh")
        }
    }

    @Test func everyRouteIsDocumented() throws {
        let data = Data(OpenAPIDocument.text.utf8)
        let paths = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["paths"] as? [String: [String: Any]])
        let routes: [(String, String)] = [
            ("/health", "get"), ("/metrics", "get"), ("/", "get"), ("/v1/openapi.json", "get"), ("/v1/jobs", "post"), ("/v1/jobs", "get"),
            ("/v1/jobs/{id}", "get"), ("/v1/jobs/{id}", "delete"), ("/v1/jobs/{id}/result", "get"), ("/v1/jobs/{id}/files/{name}", "get"),
            ("/v1/jobs/{id}/view", "get"), ("/v1/jobs/{id}/request", "get"), ("/v1/check", "post"),
        ]
        for (path, method) in routes { #expect(paths[path]?[method] != nil, "\(method) \(path) is not in docs/openapi.json") }
        // And nothing documented that the server does not serve.
        #expect(paths.values.map(\.count).reduce(0, +) == routes.count)
    }
}
