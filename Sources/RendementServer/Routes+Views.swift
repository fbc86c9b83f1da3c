import Foundation
import HTTPTypes
import Hummingbird
import RendementCore
import Synchronization

/// The routes behind the web page's views and editor: a job's view (the HTML fragment its child
/// wrote), its request (to reopen it in the editor), and `POST /v1/check`.
extension Routes {
    func registerViews(on router: Router<ServerContext>) {
        router.post("/v1/check") { request, _ in try await check(request) }
        router.get("/v1/jobs/{id}/view") { _, context in try view(context.parameters.get("id") ?? "") }
        router.get("/v1/jobs/{id}/request") { _, context in try jobRequest(context.parameters.get("id") ?? "") }
    }

    // MARK: POST /v1/check

    /// Checks a scenario (and, if given, a job's kind and options) the way a submission is
    /// checked, in a `rendement plan` child, without queueing anything. `200` with `valid` and the
    /// diagnostics (errors, or a valid scenario's warnings) whenever the check ran; `422` for a
    /// malformed request or a checker that failed, `413` for a body beyond `--max-body`, `429`
    /// when `ServerConfig.maxChecking` checks are already running.
    func check(_ request: Request) async throws -> Response {
        let body: Data
        switch try await collectBody(request) {
        case let .success(data): body = data
        case let .failure(refused): return refused.response
        }
        let maxSamples = config.maxSamples
        let parsed = await OffPool.run { () -> Result<JobSpec, RequestProblem> in
            do throws(RequestProblem) { return .success(try JobSpec.parseCheck(body, maxSamples: maxSamples)) } catch { return .failure(error) }
        }
        let spec: JobSpec
        switch parsed {
        case let .success(value): spec = value
        case let .failure(error): return APIError.response(.unprocessableContent, error.message, field: error.field)
        }
        guard checks.enter(limit: config.maxChecking) else {
            var headers = HTTPFields()
            headers[.retryAfter] = "1"
            return APIError.response(.tooManyRequests, "\(config.maxChecking) checks are already running; retry in a second", headers: headers)
        }
        defer { checks.leave() }
        switch await Planner(config: config).plan(spec) {
        case let .failure(failure):
            return APIError.response(.unprocessableContent, "the scenario could not be checked: \(failure.message)", field: "scenario")
        case let .success(plan):
            if var refusal = refusal(plan, spec) {
                refusal["valid"] = false
                if refusal["diagnostics"] == nil { refusal["diagnostics"] = [[String: Any]]() }
                return JSONResponse.make(.ok, refusal)
            }
            return JSONResponse.make(.ok, ["valid": true, "diagnostics": Self.diagnostics(plan.warnings),
                                           "model_runs": plan.modelRuns ?? 0, "memory_bytes": plan.memoryBytes ?? 0])
        }
    }

    // MARK: GET /v1/jobs/{id}/view and /request

    /// The job's view: the HTML fragment its child wrote with `--view`. It is served with a
    /// policy that forbids scripts and every load (the page shows it in a sandboxed frame too).
    func view(_ id: String) throws -> Response {
        guard let job = try store.job(id) else { return notFound(id) }
        guard job.status == .succeeded else { return notReady(job) }
        let files = JobFiles(directory: config.jobDirectory(id))
        guard let data = try? Data(contentsOf: files.view) else {
            let why = "it ran before the server kept views"
            return APIError.response(.notFound, "job \(id) has no view: \(why); its result is at /v1/jobs/\(id)/result")
        }
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[.cacheControl] = "no-store"
        return JSONResponse.raw(.ok, data, contentType: "text/html; charset=utf-8", headers: headers)
    }

    /// The request that made the job (kind, scenario, options): what the page reopens in its
    /// editor, and a body `POST /v1/jobs` accepts again.
    func jobRequest(_ id: String) throws -> Response {
        guard let job = try store.job(id) else { return notFound(id) }
        let options = (try? JSONSerialization.jsonObject(with: Data(job.options.utf8))) ?? [String: Any]()
        return JSONResponse.make(.ok, ["kind": job.kind.rawValue, "scenario": job.scenario, "options": options])
    }
}

extension JobSpec {
    /// A check's body: a job request whose `kind` may be left out (then `run`).
    static func parseCheck(_ body: Data, maxSamples: Int) throws(RequestProblem) -> JobSpec {
        guard case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            throw RequestProblem(message: "the body must be a JSON object: {\"scenario\": \"…\"}, optionally with \"kind\" and \"options\" as for POST /v1/jobs")
        }
        if object["kind"] != nil { return try parse(body, maxSamples: maxSamples) }
        for key in object.keys.sorted() where !["scenario", "options"].contains(key) {
            throw RequestProblem(message: "unknown field '\(key)'; the fields are kind, scenario, options", field: key)
        }
        guard case let .string(scenario)? = object["scenario"] else {
            throw RequestProblem(message: "'scenario' must hold the scenario's YAML or JSON text", field: "scenario")
        }
        return try parse(kind: JobKind.run.rawValue, scenario: scenario, options: object["options"] ?? .null, maxSamples: maxSamples)
    }
}

/// Counts the checks running at once, so that a burst of `POST /v1/check` cannot start more
/// checker processes than `ServerConfig.maxChecking`.
final class CheckGate: Sendable {
    private let running = Mutex(0)

    /// Takes a place if fewer than `limit` are taken.
    func enter(limit: Int) -> Bool {
        running.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func leave() { running.withLock { $0 -= 1 } }
}
