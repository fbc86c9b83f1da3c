import Foundation
import HTTPTypes
import Hummingbird
import RendementCore

/// The HTTP API under `/v1`, plus `/health`, `/metrics`, the OpenAPI document and the web page.
struct Routes: Sendable {
    let store: JobStore
    let scheduler: Scheduler
    let config: ServerConfig
    let metrics: ServerMetrics
    /// The checks of `POST /v1/check` running now.
    let checks = CheckGate()

    func register(on router: Router<ServerContext>) {
        router.get("/health") { _, _ in JSONResponse.make(.ok, ["status": "ok"]) }
        router.get("/metrics") { _, _ in
            JSONResponse.raw(.ok, Data(metrics.render(store: store).utf8), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/") { _, _ in WebPage.response(status: .ok) }
        router.get("/v1/openapi.json") { _, _ in
            JSONResponse.raw(.ok, Data(OpenAPIDocument.text.utf8), contentType: "application/json; charset=utf-8")
        }
        router.post("/v1/jobs") { request, context in try await submit(request, context) }
        router.get("/v1/jobs") { request, _ in try list(request) }
        router.get("/v1/jobs/{id}") { _, context in try show(context.parameters.get("id") ?? "") }
        router.delete("/v1/jobs/{id}") { _, context in try await cancel(context.parameters.get("id") ?? "") }
        router.get("/v1/jobs/{id}/result") { _, context in try result(context.parameters.get("id") ?? "") }
        router.get("/v1/jobs/{id}/files/{name}") { _, context in
            try file(context.parameters.get("id") ?? "", name: context.parameters.get("name") ?? "")
        }
        registerViews(on: router)
    }

    /// The request body, read up to `--max-body` (an announced larger one is refused before any
    /// of it is read), or the `413` that refuses it.
    func collectBody(_ request: Request) async throws -> Result<Data, Refused> {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > config.maxBodyBytes {
            return .failure(Refused(response: tooLarge()))
        }
        do { return .success(Data(try await request.body.collect(upTo: config.maxBodyBytes).readableBytesView)) }
        catch let error as HTTPError where error.status == .contentTooLarge { return .failure(Refused(response: tooLarge())) }
    }

    /// A response that ends a request early (as the failure of a `Result`).
    struct Refused: Error { var response: Response }

    // MARK: POST /v1/jobs

    private func submit(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body: Data
        switch try await collectBody(request) {
        case let .success(data): body = data
        case let .failure(refused): return refused.response
        }
        let key = request.headers[HTTPField.Name("Idempotency-Key")!]
        if let key, key.isEmpty || key.count > 200 {
            return APIError.response(.badRequest, "the Idempotency-Key header must have 1 to 200 characters", field: "Idempotency-Key")
        }
        // Parsing the body is linear and bounded, but it runs off the cooperative pool all the same.
        let maxSamples = config.maxSamples
        let parsed = await OffPool.run { () -> Result<JobSpec, RequestProblem> in
            do throws(RequestProblem) { return .success(try JobSpec.parse(body, maxSamples: maxSamples)) } catch { return .failure(error) }
        }
        let spec: JobSpec
        switch parsed {
        case let .success(value): spec = value
        case let .failure(error):
            metrics.refused("invalid")
            return APIError.response(.unprocessableContent, error.message, field: error.field)
        }
        let options = spec.optionsJSON
        let hash = Digest.sha256Hex("\(spec.kind.rawValue)\u{0}\(spec.scenario)\u{0}\(options)")
        // A retry with its idempotency key gets its job back, even when the queue is full.
        if let key, let existing = try store.job(idempotencyKey: key) {
            return existing.requestHash == hash ? accepted(existing, status: .ok)
                : APIError.response(.conflict, "the Idempotency-Key '\(key)' was used for job \(existing.id) with a different request; use a new key for a new job",
                                    field: "Idempotency-Key", extra: ["id": existing.id])
        }
        // A full queue answers before the scenario is checked (the insert checks again, atomically).
        if try store.queuedCount() >= config.maxQueued { return queueFull(try store.queuedCount()) }
        switch await Planner(config: config).plan(spec) {
        case let .failure(failure):
            metrics.refused("invalid")
            return APIError.response(.unprocessableContent, "the scenario could not be checked: \(failure.message)", field: "scenario")
        case let .success(plan):
            if let refusal = refusal(plan, spec) {
                metrics.refused("invalid")
                return JSONResponse.make(.unprocessableContent, refusal)
            }
        }
        let insertion = try store.insert(kind: spec.kind, options: options, scenario: spec.scenario, idempotencyKey: key,
                                         requestHash: hash, tokenHash: context.tokenHash, maxQueued: config.maxQueued)
        switch insertion {
        case let .created(job):
            metrics.submitted(job.kind)
            scheduler.wake()
            return accepted(job, status: .accepted)
        case let .existing(job):
            return accepted(job, status: .ok)
        case let .conflict(job):
            return APIError.response(.conflict, "the Idempotency-Key '\(key ?? "")' was used for job \(job.id) with a different request; use a new key for a new job",
                                     field: "Idempotency-Key", extra: ["id": job.id])
        case let .full(queued):
            return queueFull(queued)
        }
    }

    private func accepted(_ job: Job, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.location] = "/v1/jobs/\(job.id)"
        return JSONResponse.make(status, ["id": job.id, "status": job.status.rawValue], headers: headers)
    }

    /// The body of the 422 for a plan that cannot run here: the scenario's diagnostics, a usage
    /// error, or work or memory beyond this server's limits. Nil when the job may be queued.
    /// (`POST /v1/check` answers the same body with `"valid": false`.)
    func refusal(_ plan: JobPlan, _ spec: JobSpec) -> [String: Any]? {
        switch plan.outcome {
        case .invalid:
            return ["error": "the scenario is not valid", "diagnostics": Self.diagnostics(plan.diagnostics), "text": plan.text ?? ""]
        case .usage:
            let field = plan.field.map { "options." + $0.replacingOccurrences(of: "--", with: "").split(separator: " ").first.map(String.init)! } ?? "options"
            return ["error": plan.message ?? "the options are not valid", "field": field]
        case .ok:
            let runs = plan.modelRuns ?? .max, memory = plan.memoryBytes ?? .max
            if runs > config.maxSamples {
                let field = spec.kind == .sweep ? "options.vary" : spec.option("samples") != nil ? "options.samples" : "scenario"
                return ["error": "this job makes \(Limits.grouped(runs)) model runs, more than this server's limit of \(Limits.grouped(config.maxSamples)) per job (--max-samples)",
                        "field": field, "model_runs": runs, "max_model_runs": config.maxSamples]
            }
            if memory > config.maxJobMemory {
                return ["error": "this job needs about \(memory >> 20) MiB of memory, more than this server's limit of \(config.maxJobMemory >> 20) MiB per job (--max-job-memory)",
                        "field": spec.option("samples") != nil ? "options.samples" : "scenario", "memory_bytes": memory]
            }
            return nil
        }
    }

    /// Diagnostics as the API shows them (file, line, column, field, message, hint).
    static func diagnostics(_ list: [DiagnosticRecord]?) -> [[String: Any]] {
        (list ?? []).map { d in
            var item: [String: Any] = ["severity": d.severity, "file": d.file, "line": d.line, "column": d.column, "field": d.field, "message": d.message]
            if let hint = d.hint { item["hint"] = hint }
            return item
        }
    }

    private func queueFull(_ queued: Int) -> Response {
        metrics.refused("queue_full")
        var headers = HTTPFields()
        headers[.retryAfter] = String(config.retryAfterSeconds)
        return APIError.response(.tooManyRequests, "the queue is full (\(queued) jobs waiting, --max-queued \(config.maxQueued)); retry later",
                                 headers: headers)
    }

    func tooLarge() -> Response {
        metrics.refused("too_large")
        return APIError.response(.contentTooLarge, "the request body is larger than this server's limit of \(config.maxBodyBytes) bytes (--max-body)")
    }

    // MARK: GET /v1/jobs

    private func list(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        var status: JobStatus?
        if let text = query["status"].map(String.init) {
            guard let s = JobStatus(rawValue: text) else {
                return APIError.response(.badRequest, "unknown status '\(text)'; one of \(JobStatus.allCases.map(\.rawValue).joined(separator: ", "))", field: "status")
            }
            status = s
        }
        var limit = 50
        if let text = query["limit"].map(String.init) {
            guard let n = Int(text), (1...500).contains(n) else {
                return APIError.response(.badRequest, "limit must be a whole number from 1 to 500", field: "limit")
            }
            limit = n
        }
        var cursor: Int64?
        if let text = query["cursor"].map(String.init) {
            guard let n = Int64(text) else { return APIError.response(.badRequest, "cursor must be the next_cursor of a previous page", field: "cursor") }
            cursor = n
        }
        let jobs = try store.list(status: status, before: cursor, limit: limit + 1)
        let page = jobs.prefix(limit)
        let next: Any = jobs.count > limit ? String(page.last!.seq) : NSNull()
        return JSONResponse.make(.ok, ["jobs": page.map { summary($0) }, "next_cursor": next])
    }

    private func summary(_ job: Job) -> [String: Any] {
        var object = job.json(progress: progress(job))
        object.removeValue(forKey: "files")
        return object
    }

    // MARK: GET and DELETE /v1/jobs/{id}

    private func progress(_ job: Job) -> Double? {
        switch job.status {
        case .queued: return 0
        case .succeeded: return 1
        case .running:
            // Sampling may be done while the summary is still being computed: 1 only once succeeded.
            return min(JobFiles(directory: config.jobDirectory(job.id)).progressFraction() ?? 0, 0.99)
        case .failed, .cancelled: return JobFiles(directory: config.jobDirectory(job.id)).progressFraction() ?? 0
        }
    }

    private func show(_ id: String) throws -> Response {
        guard let job = try store.job(id) else { return notFound(id) }
        return JSONResponse.make(.ok, job.json(progress: progress(job)))
    }

    func notFound(_ id: String) -> Response {
        APIError.response(.notFound, "there is no job '\(id)'")
    }

    private func cancel(_ id: String) async throws -> Response {
        switch try store.cancel(id) {
        case .notFound: return notFound(id)
        case let .cancelled(job): return JSONResponse.make(.ok, job.json(progress: progress(job)))
        case let .stopping(job):
            await scheduler.cancel(id)
            return JSONResponse.make(.accepted, job.json(progress: progress(job)))
        case let .finished(job):
            return APIError.response(.conflict, "job \(id) has already finished (\(job.status.rawValue)); there is nothing to cancel",
                                     extra: ["status": job.status.rawValue])
        }
    }

    // MARK: results and files

    private func result(_ id: String) throws -> Response {
        guard let job = try store.job(id) else { return notFound(id) }
        guard job.status == .succeeded else { return notReady(job) }
        let files = JobFiles(directory: config.jobDirectory(id))
        guard let data = try? Data(contentsOf: files.result) else {
            return APIError.response(.internalServerError, "the result of job \(id) is missing from \(files.result.path)")
        }
        return JSONResponse.raw(.ok, data, contentType: "application/json; charset=utf-8")
    }

    func notReady(_ job: Job) -> Response {
        let why = job.status == .failed ? "failed: \(job.error ?? "")" : "is \(job.status.rawValue)"
        return APIError.response(.conflict, "job \(job.id) has no result: it \(why)", extra: ["status": job.status.rawValue])
    }

    private func file(_ id: String, name: String) throws -> Response {
        guard let job = try store.job(id) else { return notFound(id) }
        guard job.status == .succeeded else { return notReady(job) }
        guard job.fileList.contains(name), let url = JobFiles(directory: config.jobDirectory(id)).reportFile(named: name),
              let data = try? Data(contentsOf: url) else {
            let names = job.fileList.isEmpty ? "this job wrote no files (only report jobs do)" : "its files are \(job.fileList.joined(separator: ", "))"
            return APIError.response(.notFound, "job \(id) has no file '\(name)'; \(names)")
        }
        return JSONResponse.raw(.ok, data, contentType: Self.contentType(name))
    }

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "svg": return "image/svg+xml"
        case "csv": return "text/csv; charset=utf-8"
        case "md": return "text/markdown; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
