import RendementCore
import Foundation
import HTTPTypes
import Hummingbird

/// Bearer-token authentication. Tokens are compared by their SHA-256 digests, byte by byte over
/// every configured token without stopping early, so the time taken reveals nothing about a token.
struct TokenAuth: Sendable {
    private let digests: [[UInt8]]

    init(tokens: [String]) {
        digests = tokens.map { Digest.sha256(Data($0.utf8)) }
    }

    /// The short hash of the matching token (recorded with each job), or nil.
    func authenticate(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let prefix = "bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix else { return nil }
        let token = header.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        let digest = Digest.sha256(Data(token.utf8))
        var match: Int?
        for (index, known) in digests.enumerated() {
            var difference: UInt8 = 0
            for i in 0..<known.count { difference |= known[i] ^ digest[i] }
            if difference == 0 { match = index }
        }
        guard match != nil else { return nil }
        return digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}

/// The request context: Hummingbird's, plus who sent the request.
struct ServerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The short hash of the caller's token, set by `AuthMiddleware`.
    var tokenHash: String?

    init(source: Source) {
        coreContext = .init(source: source)
    }
}

/// Answers 401 to every request without a valid token, except `GET /health`. `GET /` answers
/// 401 too, but with the web page as its body: the page holds no data and asks for the token.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let auth: TokenAuth
    let metrics: ServerMetrics

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        if request.uri.path == "/health" { return try await next(request, context) }
        guard let hash = auth.authenticate(request) else {
            metrics.refused("unauthorized")
            if request.method == .get, request.uri.path == "/" {
                return WebPage.response(status: .unauthorized)
            }
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Bearer realm=\"rendement\""
            return APIError.response(.unauthorized, "a valid bearer token is needed: send 'Authorization: Bearer <token>'", headers: headers)
        }
        var context = context
        context.tokenHash = hash
        return try await next(request, context)
    }
}
