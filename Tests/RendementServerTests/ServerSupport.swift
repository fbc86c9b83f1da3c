import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import RendementServer

/// A server on a fresh data folder, for in-process route tests.
struct TestServer {
    static let token = "test-token-0123456789abcdef"
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `rendement` next to the test bundle (whatever the scratch path).
    static let executable: URL = {
        var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("rendement")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/rendement")
    }()

    static let scenarioName = "den-haag-casemanagement.yaml"
    static var scenarioText: String {
        get throws { try String(contentsOf: root.appendingPathComponent("Scenarios/\(scenarioName)"), encoding: .utf8) }
    }

    var config: ServerConfig

    init(_ adjust: (inout ServerConfig) -> Void = { _ in }) throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("rendement-server-test-\(UUID().uuidString)")
        config = ServerConfig(dataDirectory: data, tokens: [Self.token], executable: Self.executable)
        adjust(&config)
    }

    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = try RendementServerApp.make(config: config, logger: logger)
        return try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// A request with the test token (or `token`, or none for nil).
    func call(_ uri: String, _ method: HTTPRequest.Method = .get, json: Any? = nil, body: String? = nil,
              token: String? = TestServer.token, headers extra: HTTPFields = HTTPFields()) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var buffer: ByteBuffer?
        if let json {
            let data = try JSONSerialization.data(withJSONObject: json)
            buffer = ByteBuffer(bytes: data)
            headers[.contentType] = "application/json"
        } else if let body {
            buffer = ByteBuffer(string: body)
        }
        return try await execute(uri: uri, method: method, headers: headers, body: buffer)
    }

    /// Submits a job and returns its id (expecting 202).
    func submit(_ kind: String = "run", scenario: String, options: [String: Any] = [:]) async throws -> String {
        let response = try await call("/v1/jobs", .post, json: ["kind": kind, "scenario": scenario, "options": options])
        #expect(response.status == .accepted, "\(String(buffer: response.body))")
        return try #require(response.object["id"] as? String)
    }

    /// Polls a job until it has finished (or a minute has passed) and returns its last state.
    func waitForJob(_ id: String, limit: Duration = .seconds(120)) async throws -> [String: Any] {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while true {
            let job = try await call("/v1/jobs/\(id)").object
            let status = job["status"] as? String ?? ""
            if ["succeeded", "failed", "cancelled"].contains(status) || clock.now > deadline { return job }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Polls until the job reaches `status` (or the limit passes).
    func waitForStatus(_ id: String, _ status: String, limit: Duration = .seconds(60)) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            if try await call("/v1/jobs/\(id)").object["status"] as? String == status { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}

/// Runs the built CLI in `directory` and returns stdout, stderr and the exit status.
func runCLI(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = TestServer.executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = directory.appendingPathComponent(".cli-\(UUID().uuidString).out"), err = directory.appendingPathComponent(".cli-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
}

/// A folder holding `text` as `name`, for running the CLI on the same file the server writes.
func scenarioFolder(_ text: String, name: String = "scenario.yaml") throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rendement-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    return dir
}
