import Foundation
import PatchLabBoard
import Testing

/// Nobody but a signed-in member with their own session's CSRF token changes anything: unsigned,
/// expired, forged, CSRF-less, wrong-CSRF, cross-origin and other-member requests are each refused,
/// and after each the evidence folder is byte for byte what it was.
@Suite struct BoardRefusalTests {
    let fixture: BoardFixture

    init() throws { fixture = try BoardFixture() }

    /// A complete, valid approval of the GO packet by alice, but for what each test takes away.
    func approval(csrf: String?, key: String? = nil, member: String? = nil) -> [(String, String)] {
        var fields = [("decision", "approve"), ("comment", "fine by me"),
                      ("private_key", key ?? fixture.keys["alice"]!.pem)]
        if let csrf { fields.append(("csrf", csrf)) }
        if let member { fields.append(("member", member)) }
        return fields
    }

    func apiApproval(key: String? = nil, member: String? = nil) -> [String: Any] {
        var body: [String: Any] = ["decision": "approve", "comment": "fine by me", "privateKey": key ?? fixture.keys["alice"]!.pem]
        if let member { body["member"] = member }
        return body
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

            let post = try await board.client.postForm("\(fixture.go.page)/decide", approval(csrf: "anything"))
            #expect(post.status == 401)
            let apiPost = try await board.client.postJSON("\(fixture.go.api)/decisions", apiApproval(), csrf: "anything")
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
            #expect(try await board.client.postForm("\(fixture.go.page)/decide", approval(csrf: csrf), cookie: cookie).status == 401)
            #expect(try await board.client.get("/api/packets", token: token).status == 401)
            #expect(try await board.client.postJSON("\(fixture.go.api)/decisions", apiApproval(), token: token, csrf: apiCSRF).status == 401)
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
            #expect(try await board.client.postForm("\(fixture.go.page)/decide", approval(csrf: csrf), cookie: forged).status == 401)
            #expect(try await board.client.get("/api/packets", token: String(token.reversed())).status == 401)
            #expect(try await board.client.postJSON("\(fixture.go.api)/decisions", apiApproval(), token: token + "x", csrf: apiCSRF).status == 401)
            // A token is only good the way it was issued: the browser cookie is no bearer token, and the reverse.
            #expect(try await board.client.get("/api/packets", token: cookie).status == 401)
            #expect(try await board.client.get("/packets", cookie: token).status == 303)
            #expect(try await board.client.postJSON("\(fixture.go.api)/decisions", apiApproval(), token: cookie, csrf: csrf).status == 401)
        }
    }

    @Test func missingOrWrongCSRFTokensAreRefused() async throws {
        try await expectNothingWritten { board in
            let (cookie, csrf) = try await board.signIn("alice")
            for presented in [nil, "", String(csrf.dropLast()), String(csrf.reversed()), csrf + "A"] {
                let answer = try await board.client.postForm("\(fixture.go.page)/decide", approval(csrf: presented), cookie: cookie)
                #expect(answer.status == 403, "CSRF \(presented ?? "none")")
                #expect(answer.text.contains("missing or wrong CSRF token"))
            }
            let (token, apiCSRF) = try await board.apiSignIn("alice")
            for presented in [nil, "", String(apiCSRF.reversed()), csrf] {
                let answer = try await board.client.postJSON("\(fixture.go.api)/decisions", apiApproval(), token: token, csrf: presented)
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
            #expect(try await board.client.postForm("\(fixture.go.page)/decide", approval(csrf: daveCSRF), cookie: aliceCookie).status == 403)
            #expect(try await board.client.postJSON("\(fixture.go.api)/decisions", apiApproval(), token: aliceToken, csrf: daveAPICSRF).status == 403)
            // Alice's session deciding for Dave.
            let forDave = try await board.client.postForm("\(fixture.go.page)/decide",
                                                          approval(csrf: aliceCSRF, key: fixture.keys["dave"]!.pem, member: "dave"),
                                                          cookie: aliceCookie)
            #expect(forDave.status == 403)
            #expect(forDave.text.contains("a decision cannot be made for dave"))
            let apiForDave = try await board.client.postJSON("\(fixture.go.api)/decisions",
                                                             apiApproval(key: fixture.keys["dave"]!.pem, member: "dave"),
                                                             token: aliceToken, csrf: aliceAPICSRF)
            #expect(apiForDave.status == 403)
            // Alice signing with Dave's key: the desk checks the key against Alice's registered one.
            let daveKey = try await board.client.postForm("\(fixture.go.page)/decide",
                                                          approval(csrf: aliceCSRF, key: fixture.keys["dave"]!.pem), cookie: aliceCookie)
            #expect(daveKey.status == 422, "\(daveKey.text.prefix(2000))")
            #expect(daveKey.text.contains("Not recorded"))
            #expect(!daveKey.text.contains(fixture.keys["dave"]!.pem.split(separator: "\n")[1]), "the key is never echoed")
            #expect(daveKey.text.contains("registered key"))
            #expect(!daveKey.text.contains(fixture.scratch.url.path), "where the registered key file is stays on the server")
            let apiDaveKey = try await board.client.postJSON("\(fixture.go.api)/decisions", apiApproval(key: fixture.keys["dave"]!.pem),
                                                             token: aliceToken, csrf: aliceAPICSRF)
            #expect(apiDaveKey.status == 422)
            #expect(try apiDaveKey.json()["error"] as? String == "the key given is not alice's registered key")
            // Not a key at all.
            let garbage = try await board.client.postForm("\(fixture.go.page)/decide",
                                                          approval(csrf: aliceCSRF, key: "-----BEGIN PRIVATE KEY-----\nnope\n"), cookie: aliceCookie)
            #expect(garbage.status == 400)
            #expect(!garbage.text.contains("nope"), "the key's content is never echoed")
        }
    }

    @Test func requestsFromAnotherOriginAreRefused() async throws {
        try await expectNothingWritten { board in
            let (cookie, csrf) = try await board.signIn("alice")
            let answer = try await board.client.postForm("\(fixture.go.page)/decide", approval(csrf: csrf), cookie: cookie,
                                                         extraHeaders: ["Origin": "http://evil.example"])
            #expect(answer.status == 403)
            let signIn = try await board.client.postForm("/sign-in", [("member", "alice"), ("secret", "alice-secret")],
                                                         extraHeaders: ["Origin": "http://evil.example"])
            #expect(signIn.status == 403)
            #expect(signIn.sessionCookie == nil)
        }
    }
}
