import Foundation
import PatchLabBoard
import PatchLabEvidence
import Testing

/// Nobody but a signed-in member with their own session's CSRF token changes anything: unsigned,
/// expired, forged, CSRF-less, wrong-CSRF, cross-origin and other-member requests are each refused,
/// and after each the evidence folder is byte for byte what it was.
@Suite struct BoardRefusalTests {
    let fixture: BoardFixture

    init() throws { fixture = try BoardFixture() }

    /// A complete, valid signed approval of the GO packet by `member` (alice), signed with `key`
    /// (the member's own): drafted by the desk and signed here, as a client would, but for what each
    /// test takes away.
    func approval(_ member: String = "alice", key: String? = nil) throws -> Data {
        // Dated by the board's clock, as the board's own draft would be: the desk refuses records dated away from it.
        let desk = ApprovalDesk(board: fixture.board, trustedKeys: fixture.trusted)
        let statement = try desk.draft(
            ApprovalIntent(
                packet: fixture.go.folder, memberID: member, decision: .approve, comment: "fine by me",
                at: fixture.clock.now))
        let signer = try key.map { try SigningKey(pem: $0) } ?? fixture.keys[member]!
        return try statement.signed(with: signer).encoded()
    }

    /// Files `record` as the decision page's script does: the browser's cookie and the CSRF header.
    func fileFromPage(_ board: RunningBoard, _ record: Data, cookie: String?, csrf: String?, origin: String? = nil) async throws
        -> BoardClient.Answer
    {
        var headers = BoardClient.credentials(cookie: cookie, token: nil)
        headers["Content-Type"] = "application/json"
        if let csrf { headers["X-CSRF-Token"] = csrf }
        if let origin { headers["Origin"] = origin }
        return try await board.client.send("POST", "\(fixture.go.api)/decisions", headers: headers, body: record)
    }

    /// Files `record` through the API with a bearer token.
    func fileFromAPI(_ board: RunningBoard, _ record: Data, token: String?, csrf: String?) async throws -> BoardClient.Answer {
        var headers = BoardClient.credentials(cookie: nil, token: token)
        headers["Content-Type"] = "application/json"
        if let csrf { headers["X-CSRF-Token"] = csrf }
        return try await board.client.send("POST", "\(fixture.go.api)/decisions", headers: headers, body: record)
    }

    /// Runs `attempts`, then checks that nothing in the evidence folder changed.
    func expectNothingWritten(_ attempts: (RunningBoard) async throws -> Void) async throws {
        let before = try fixture.snapshot()
        try await RunningBoard.with(fixture.settings()) { board in try await attempts(board) }
        #expect(try fixture.snapshot() == before, "a refused request wrote to the evidence folder")
        #expect(fixture.approvals(fixture.go).isEmpty)
    }

    @Test func unsignedRequestsAreRefused() async throws {
        try await expectNothingWritten { board in
            let page = try await board.client.get("/packets")
            #expect(page.status == 303 && page.header("Location") == "/sign-in")
            #expect(try await board.client.get(fixture.go.page).status == 303)
            #expect(try await board.client.get("\(fixture.go.page)/files/summary.html").status == 303)
            let api = try await board.client.get("/api/packets")
            #expect(api.status == 401)
            #expect(api.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(try await board.client.get(fixture.go.api).status == 401)

            let post = try await fileFromPage(board, try approval(), cookie: nil, csrf: "anything")
            #expect(post.status == 401)
            let apiPost = try await fileFromAPI(board, try approval(), token: nil, csrf: "anything")
            #expect(apiPost.status == 401)
            #expect(try apiPost.json()["error"] as? String == "sign in first: this board is for its members only")
        }
    }

    @Test func expiredSessionsAreRefused() async throws {
        try await expectNothingWritten { board in
            let (cookie, csrf) = try await board.signIn("alice")
            let (token, apiCSRF) = try await board.apiSignIn("alice")
            #expect(try await board.client.get("/packets", cookie: cookie).status == 200)
            fixture.clock.advance(by: 30 * 60 + 1)
            #expect(try await board.client.get("/packets", cookie: cookie).status == 303)
            #expect(try await fileFromPage(board, try approval(), cookie: cookie, csrf: csrf).status == 401)
            #expect(try await board.client.get("/api/packets", token: token).status == 401)
            #expect(try await fileFromAPI(board, try approval(), token: token, csrf: apiCSRF).status == 401)
        }
    }

    @Test func theSessionLifetimeIsConfigurable() async throws {
        try await RunningBoard.with(fixture.settings(lifetime: .seconds(60))) { board in
            let answer = try await board.client.postForm("/sign-in", [("member", "alice"), ("secret", "alice-secret")])
            #expect(answer.header("Set-Cookie")?.contains("Max-Age=60") == true)
            fixture.clock.advance(by: 59)
            #expect(try await board.client.get("/packets", cookie: answer.sessionCookie).status == 200)
            fixture.clock.advance(by: 2)
            #expect(try await board.client.get("/packets", cookie: answer.sessionCookie).status == 303)
        }
    }

    @Test func forgedCookiesAndTokensAreRefused() async throws {
        try await expectNothingWritten { board in
            let (cookie, csrf) = try await board.signIn("alice")
            let (token, apiCSRF) = try await board.apiSignIn("alice")
            let forged = String(cookie.reversed())
            #expect(try await board.client.get("/packets", cookie: forged).status == 303)
            #expect(try await fileFromPage(board, try approval(), cookie: forged, csrf: csrf).status == 401)
            #expect(try await board.client.get("/api/packets", token: String(token.reversed())).status == 401)
            #expect(try await fileFromAPI(board, try approval(), token: token + "x", csrf: apiCSRF).status == 401)
            // A token is only good the way it was issued: the browser cookie is no bearer token, and the reverse.
            #expect(try await board.client.get("/api/packets", token: cookie).status == 401)
            #expect(try await board.client.get("/packets", cookie: token).status == 303)
            #expect(try await fileFromAPI(board, try approval(), token: cookie, csrf: csrf).status == 401)
        }
    }

    @Test func missingOrWrongCSRFTokensAreRefused() async throws {
        try await expectNothingWritten { board in
            let (cookie, csrf) = try await board.signIn("alice")
            for presented in [nil, "", String(csrf.dropLast()), String(csrf.reversed()), csrf + "A"] {
                let answer = try await fileFromPage(board, try approval(), cookie: cookie, csrf: presented)
                #expect(answer.status == 403, "CSRF \(presented ?? "none")")
                #expect(answer.text.contains("missing or wrong CSRF token"))
            }
            let (token, apiCSRF) = try await board.apiSignIn("alice")
            for presented in [nil, "", String(apiCSRF.reversed()), csrf] {
                let answer = try await fileFromAPI(board, try approval(), token: token, csrf: presented)
                #expect(answer.status == 403, "CSRF \(presented ?? "none")")
            }
            // Signing out is a change too.
            #expect(try await board.client.postForm("/sign-out", [], cookie: cookie).status == 403)
            #expect(try await board.client.get("/packets", cookie: cookie).status == 200)
        }
    }

    @Test func anotherMembersSessionTokenOrKeyIsRefused() async throws {
        try await expectNothingWritten { board in
            let (aliceCookie, aliceCSRF) = try await board.signIn("alice")
            let (_, daveCSRF) = try await board.signIn("dave")
            let (aliceToken, aliceAPICSRF) = try await board.apiSignIn("alice")
            let (_, daveAPICSRF) = try await board.apiSignIn("dave")
            // Alice's session with Dave's CSRF token (a page Dave had open).
            #expect(try await fileFromPage(board, try approval(), cookie: aliceCookie, csrf: daveCSRF).status == 403)
            #expect(try await fileFromAPI(board, try approval(), token: aliceToken, csrf: daveAPICSRF).status == 403)
            // Alice's session asking for a draft for Dave, and filing Dave's own signed record.
            var headers = BoardClient.credentials(cookie: aliceCookie, token: nil)
            headers["Content-Type"] = "application/json"
            headers["X-CSRF-Token"] = aliceCSRF
            let forDave = try await board.client.send(
                "POST", "\(fixture.go.api)/decision-drafts", headers: headers,
                body: Data(#"{"decision":"approve","member":"dave"}"#.utf8))
            #expect(forDave.status == 403)
            #expect(forDave.text.contains("a decision cannot be made for dave"))
            let daveRecord = try await fileFromPage(board, try approval("dave"), cookie: aliceCookie, csrf: aliceCSRF)
            #expect(daveRecord.status == 422)
            #expect(daveRecord.text.contains("cannot be filed by alice"), "\(daveRecord.text)")
            let apiForDave = try await fileFromAPI(board, try approval("dave"), token: aliceToken, csrf: aliceAPICSRF)
            #expect(apiForDave.status == 422)
            // Alice's record signed with Dave's key: the desk checks it against Alice's registered key.
            let daveKey = try await fileFromPage(board, try approval(key: fixture.keys["dave"]!.pem), cookie: aliceCookie, csrf: aliceCSRF)
            #expect(daveKey.status == 422, "\(daveKey.text.prefix(2000))")
            #expect(daveKey.text.contains("not signed by alice's registered key"))
            #expect(!daveKey.text.contains(fixture.scratch.url.path), "where the registered key file is stays on the server")
            let apiDaveKey = try await fileFromAPI(
                board, try approval(key: fixture.keys["dave"]!.pem), token: aliceToken, csrf: aliceAPICSRF)
            #expect(apiDaveKey.status == 422)
            #expect(try apiDaveKey.json()["error"] as? String == "not signed by alice's registered key")
            // Not a signed record at all.
            let garbage = try await fileFromPage(
                board, Data(#"{"payloadType":"x","payload":"nope!","signatures":[]}"#.utf8),
                cookie: aliceCookie, csrf: aliceCSRF)
            #expect(garbage.status == 400)
            #expect(!garbage.text.contains("nope"), "the body is never echoed")
        }
    }

    @Test func requestsFromAnotherOriginAreRefused() async throws {
        try await expectNothingWritten { board in
            let (cookie, csrf) = try await board.signIn("alice")
            let answer = try await fileFromPage(board, try approval(), cookie: cookie, csrf: csrf, origin: "http://evil.example")
            #expect(answer.status == 403)
            let signIn = try await board.client.postForm(
                "/sign-in", [("member", "alice"), ("secret", "alice-secret")],
                extraHeaders: ["Origin": "http://evil.example"])
            #expect(signIn.status == 403)
            #expect(signIn.sessionCookie == nil)
        }
    }
}
