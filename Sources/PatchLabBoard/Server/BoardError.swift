import Foundation
import Hummingbird

/// A refusal with its HTTP status and a reason a person can act on, answered as a JSON problem on
/// `/api/` and as a page elsewhere. Browsers asking for a page without a session are sent to sign in.
struct BoardError: Error, HTTPResponseError, CustomStringConvertible {
    var status: HTTPResponse.Status
    var message: String
    /// Sent as `Retry-After` (seconds), with 429.
    var retryAfter: Int?

    init(_ status: HTTPResponse.Status, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }

    /// Too many wrong secrets for one member id, or from one address.
    static func signInThrottled(retryAfter seconds: Int, scope: SignInThrottle.Scope) -> BoardError {
        let whose = scope == .member ? "for this member id" : "from this address"
        return BoardError(
            .tooManyRequests, "too many wrong secrets \(whose): try again in \((seconds + 59) / 60) minute(s)",
            retryAfter: seconds)
    }

    var description: String { "\(status.code) \(message)" }

    static let signInRequired = BoardError(.unauthorized, "sign in first: this board is for its members only")
    static let csrf = BoardError(.forbidden, "missing or wrong CSRF token: reload the page and try again")
    static let crossOrigin = BoardError(.forbidden, "request from another origin refused")
    static let notFound = BoardError(.notFound, "no such page or packet")

    /// The answer, as a JSON problem or a page. A message that would still say something of the
    /// server (a path, a system error) is logged and answered with a reference instead: the last net
    /// under every error the board answers.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        let shown =
            PublicText.leaks(message)
            ? FailureLog(logger: context.logger).note("the board could not answer this request", cause: message) : message
        if BoardRoutes.isAPI(request.uri.path) {
            var response = try APIJSON.response(APIProblem(status: Int(status.code), error: shown), status: status)
            if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"patchlab-board\"" }
            if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        }
        if status == .unauthorized, request.method == .get || request.method == .head {
            return Response(status: .seeOther, headers: [.location: "/sign-in"])
        }
        let page = MessagePage(title: "\(status.code) \(status.reasonPhrase)", message: shown, signedIn: nil).html
        return BoardResponse.html(page, status: status)
    }
}
