import Foundation
import Hummingbird

/// JSON responses and the API's error shape: `{"error": "…", "field": "…"}` plus details.
enum APIError {
    static func response(_ status: HTTPResponse.Status, _ message: String, field: String? = nil,
                         extra: [String: Any] = [:], headers: HTTPFields = HTTPFields()) -> Response {
        var body = extra
        body["error"] = message
        if let field { body["field"] = field }
        return JSONResponse.make(status, body, headers: headers)
    }
}

enum JSONResponse {
    static func make(_ status: HTTPResponse.Status, _ object: Any, headers: HTTPFields = HTTPFields()) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return raw(status, data + Data("\n".utf8), contentType: "application/json; charset=utf-8", headers: headers)
    }

    static func raw(_ status: HTTPResponse.Status, _ data: Data, contentType: String, headers: HTTPFields = HTTPFields()) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Job {
    /// Where the job's parts are: itself, its result, its request (to resubmit it) and, for
    /// its view.
    var links: [String: String] {
        var links = ["self": "/v1/jobs/\(id)", "result": "/v1/jobs/\(id)/result", "request": "/v1/jobs/\(id)/request"]
        links["view"] = "/v1/jobs/\(id)/view"
        return links
    }

    /// The job as the API shows it.
    func json(progress: Double?) -> [String: Any] {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var object: [String: Any] = [
            "id": id, "kind": kind.rawValue, "status": status.rawValue, "attempts": attempts,
            "created_at": iso.string(from: createdAt),
            "options": (try? JSONSerialization.jsonObject(with: Data(options.utf8))) ?? [:],
            "links": links,
        ]
        object["progress"] = progress ?? NSNull()
        object["started_at"] = startedAt.map { iso.string(from: $0) } ?? NSNull()
        object["finished_at"] = finishedAt.map { iso.string(from: $0) } ?? NSNull()
        if let startedAt {
            object["run_seconds"] = (finishedAt ?? Date()).timeIntervalSince(startedAt)
        } else {
            object["run_seconds"] = NSNull()
        }
        object["queued_seconds"] = (startedAt ?? Date()).timeIntervalSince(createdAt)
        object["error"] = error ?? NSNull()
        object["files"] = fileList.map { ["name": $0, "url": "/v1/jobs/\(id)/files/\($0)"] }
        return object
    }
}
