import Foundation
import Hummingbird

/// The server-rendered pages and their forms.
extension BoardRoutes {
    func addPages(to router: Router<BoardContext>) {
        router.get("/") { _, context in
            BoardResponse.redirect(to: context.identity == nil ? "/sign-in" : "/packets")
        }
        router.get("/board.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"],
                body: .init(byteBuffer: ByteBuffer(string: BoardStyle.css)))
        }
        router.get("/sign-in") { _, context in
            if context.identity != nil { return BoardResponse.redirect(to: "/packets") }
            return BoardResponse.html(SignInPage(boardName: service.settings.board.name).html)
        }
        router.post("/sign-in") { request, context in try await signIn(request, context) }
        router.post("/sign-out") { request, context in
            if let cookie = request.cookies[SessionCookie.name] { await service.sessions.close(token: cookie.value) }
            var response = BoardResponse.redirect(to: "/sign-in")
            response.setCookie(SessionCookie.clear(secure: service.settings.secureCookies))
            return response
        }
        router.get("/packets") { _, context in
            let signedIn = try requireMember(context)
            let page = PacketListPage(boardName: service.settings.board.name, entries: await service.entries(), signedIn: signedIn)
            return BoardResponse.html(page.html)
        }
        router.get("/packets/{change}/{run}") { _, context in
            let signedIn = try requireMember(context)
            let (change, run) = try packetName(context)
            var response = BoardResponse.html(
                PacketPage(detail: try await service.detail(change: change, run: run), signedIn: signedIn).html)
            // The one page that runs a script: exactly the decision script, and requests to this origin only.
            response.headers[.contentSecurityPolicy] = SecurityHeaders.decisionPagePolicy
            return response
        }
        router.get(.init(DecisionScript.path)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=300"],
                body: .init(byteBuffer: ByteBuffer(string: DecisionScript.source)))
        }
        router.get("/packets/{change}/{run}/files/**") { _, context in
            _ = try requireMember(context)
            let (change, run) = try packetName(context)
            let components = context.parameters.getCatchAll().map { String($0).removingPercentEncoding ?? "" }
            return try PacketFile.response(for: try await service.file(change: change, run: run, components: components))
        }
    }

    private func signIn(_ request: Request, _ context: BoardContext) async throws -> Response {
        var request = request
        let form = try await BoardForm.read(&request, context: context)
        let member = form["member"] ?? ""
        let token: String, session: BoardSession
        switch await service.signIn(member: member, secret: form["secret"] ?? "", kind: .browser, client: context.clientAddress) {
        case let .signedIn(signedToken, signedSession, _): (token, session) = (signedToken, signedSession)
        case .refused:
            let page = SignInPage(
                boardName: service.settings.board.name, member: member,
                problem: "Member id or secret is wrong, or this member has no board secret.")
            return BoardResponse.html(page.html, status: .unauthorized)
        case let .throttled(seconds, scope):
            let error = BoardError.signInThrottled(retryAfter: seconds, scope: scope)
            let page = SignInPage(
                boardName: service.settings.board.name, member: member,
                problem: error.message.prefix(1).uppercased() + error.message.dropFirst() + ".")
            var response = BoardResponse.html(page.html, status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        var response = BoardResponse.redirect(to: "/packets")
        response.setCookie(
            SessionCookie.issue(
                token, expiresAt: session.expiresAt, now: service.settings.now(),
                secure: service.settings.secureCookies))
        return response
    }
}
