import Foundation
import Hummingbird

/// Lets a request that could change anything through only when it comes from a signed-in member and
/// carries that session's CSRF token (header `X-CSRF-Token`, or the form field `csrf`), compared in
/// constant time. Sitting in front of every route, it leaves no state-changing handler unguarded by
/// forgetting; only the two sign-in routes are open, since they are how a session begins.
///
/// Any request whose `Origin` names another site is refused as well, sign-in included: a second
/// line behind SameSite=Strict cookies.
struct StateChangeGuard: RouterMiddleware {
    typealias Context = BoardContext

    static let header = BoardHeader.csrf
    static let formField = "csrf"
    static let openPaths: Set<String> = ["/sign-in", "/api/sign-in"]

    func handle(_ request: Request, context: BoardContext, next: (Request, BoardContext) async throws -> Response) async throws -> Response
    {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        try checkOrigin(request)
        if Self.openPaths.contains(request.uri.path) { return try await next(request, context) }
        guard let signedIn = context.identity else { throw BoardError.signInRequired }

        var request = request
        var presented = request.headers[Self.header]
        if presented == nil, BoardForm.isForm(request) {
            // The form is read here and kept on the request, so the handler reads the same bytes.
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            presented = BoardForm.fields(String(buffer: body))[Self.formField]
        }
        guard let presented, ConstantTime.equal(presented, signedIn.session.csrfToken) else { throw BoardError.csrf }
        return try await next(request, context)
    }

    private func checkOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin] else { return }
        guard let host = request.head.authority,
            let url = URL(string: origin), let originHost = url.host
        else { throw BoardError.crossOrigin }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        guard originAuthority.lowercased() == host.lowercased() else { throw BoardError.crossOrigin }
    }
}
