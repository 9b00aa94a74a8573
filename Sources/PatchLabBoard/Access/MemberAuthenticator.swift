import Hummingbird
import HummingbirdAuth
import PatchLabModel

/// Finds who a request comes from: a bearer token (the API) or else the session cookie (the
/// browser), each only as the kind of session it was issued for, and only while the session lives
/// and its member is still on the board.
struct MemberAuthenticator: AuthenticatorMiddleware {
    typealias Context = BoardContext

    let sessions: SessionStore
    let board: BoardConfiguration

    func authenticate(request: Request, context: BoardContext) async throws -> SignedInMember? {
        let found: BoardSession?
        if let bearer = request.headers.bearer {
            // A request that names a token stands or falls by it: no falling back to a cookie.
            found = await sessions.session(for: bearer.token, kind: .api)
        } else if let cookie = request.cookies[SessionCookie.name], !cookie.value.isEmpty {
            found = await sessions.session(for: cookie.value, kind: .browser)
        } else {
            found = nil
        }
        guard let found, let member = board.member(found.memberID) else { return nil }
        return SignedInMember(member: member, session: found)
    }
}
