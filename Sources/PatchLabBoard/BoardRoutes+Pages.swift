import Foundation
import Hummingbird

/// The server-rendered pages and their forms.
extension BoardRoutes {
    func addPages(to router: Router<BoardContext>) {
        router.get("/") { _, context in
            BoardResponse.redirect(to: context.identity == nil ? "/sign-in" : "/packets")
        }
        router.get("/board.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"],
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
            return BoardResponse.html(PacketPage(detail: try await service.detail(change: change, run: run), signedIn: signedIn).html)
        }
        router.post("/packets/{change}/{run}/decide") { request, context in try await decide(request, context) }
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
        switch await service.signIn(member: member, secret: form["secret"] ?? "", kind: .browser) {
        case let .signedIn(signedToken, signedSession, _): (token, session) = (signedToken, signedSession)
        case .refused:
            let page = SignInPage(boardName: service.settings.board.name, member: member,
                                  problem: "Member id or secret is wrong, or this member has no board secret.")
            return BoardResponse.html(page.html, status: .unauthorized)
        case let .throttled(seconds):
            let error = BoardError.signInThrottled(retryAfter: seconds)
            let page = SignInPage(boardName: service.settings.board.name, member: member, problem: error.message.prefix(1).uppercased() + error.message.dropFirst() + ".")
            var response = BoardResponse.html(page.html, status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        var response = BoardResponse.redirect(to: "/packets")
        response.setCookie(SessionCookie.issue(token, expiresAt: session.expiresAt, now: service.settings.now(),
                                               secure: service.settings.secureCookies))
        return response
    }

    private func decide(_ request: Request, _ context: BoardContext) async throws -> Response {
        let signedIn = try requireMember(context)
        let (change, run) = try packetName(context)
        var request = request
        let input = DecisionInput(form: try await BoardForm.read(&request, context: context))
        do {
            _ = try await service.decide(change: change, run: run, input: input, signedIn: signedIn)
            return BoardResponse.redirect(to: "/packets/\(change)/\(run)#decisions")
        } catch let error as BoardError where error.status != .notFound {
            // The page again, saying why, with what was typed but the key.
            let detail = try await service.detail(change: change, run: run)
            let page = PacketPage(detail: detail, signedIn: signedIn, problem: "Not recorded: \(error.message)", input: input)
            return BoardResponse.html(page.html, status: error.status)
        }
    }
}
