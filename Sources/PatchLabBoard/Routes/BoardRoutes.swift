import Foundation
import Hummingbird

/// The board's router: the middleware every request passes (security headers, who is signed in,
/// the state-change guard), then the pages (``BoardRoutes+Pages``) and the API (``BoardRoutes+API``).
struct BoardRoutes: Sendable {
    let service: BoardService

    static func isAPI(_ path: String) -> Bool { path == "/api" || path.hasPrefix("/api/") }

    func router() -> Router<BoardContext> {
        let router = Router(context: BoardContext.self)
        router.middlewares.add(SecurityHeaders())
        router.middlewares.add(MemberAuthenticator(sessions: service.sessions, board: service.settings.board))
        router.middlewares.add(StateChangeGuard())
        addPages(to: router)
        addAPI(to: router)
        return router
    }

    func requireMember(_ context: BoardContext) throws -> SignedInMember {
        guard let signedIn = context.identity else { throw BoardError.signInRequired }
        return signedIn
    }

    func packetName(_ context: BoardContext) throws -> (change: String, run: String) {
        (try context.parameters.require("change"), try context.parameters.require("run"))
    }
}
