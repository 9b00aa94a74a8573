import Hummingbird

/// Headers on every answer: a Content-Security-Policy under which the board's pages load nothing
/// from elsewhere and run no script at all, no MIME sniffing (a guest log served as text stays
/// text), no framing by other sites, no referrer to other sites, and no caching of pages that show
/// decisions. The referrer policy is `same-origin`, not `no-referrer`: under `no-referrer` browsers
/// send `Origin: null` with the board's own forms, and the state-change guard would refuse them.
///
/// A handler that sets its own policy (packet files, which are sandboxed harder) keeps it.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = BoardContext

    static let pagePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// A packet's page, where a member signs a decision in the browser: the page policy, plus the
    /// decision script allowed by its sha256 (and nothing else, no inline script), and its requests
    /// to this origin only.
    static let decisionPagePolicy = pagePolicy + "; script-src \(DecisionScript.hashSource); connect-src 'self'"

    func handle(_ request: Request, context: BoardContext, next: (Request, BoardContext) async throws -> Response) async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // Anything else is the board's own failure: still an answer with these headers; what
            // failed, with its paths and system error text, goes to the log only.
            response = try FailureLog(logger: context.logger)
                .withhold(
                    .internalServerError, "the board could not answer this request",
                    cause: "\(request.method) \(request.uri.path) failed: \(error)"
                )
                .response(from: request, context: context)
        }
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.pagePolicy }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[BoardHeader.referrerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        response.headers[BoardHeader.frameOptions] = response.headers[BoardHeader.frameOptions] ?? "DENY"
        return response
    }
}
