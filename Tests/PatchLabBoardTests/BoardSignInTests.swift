import Foundation
import PatchLabBoard
import Testing

/// Signing in and out: the secret is checked against its bcrypt hash, the cookie is HttpOnly and
/// SameSite=Strict and lives no longer than the session, and a wrong secret, an unknown member or a
/// member without a secret all get the same refusal.
@Suite struct BoardSignInTests {
    @Test func theRightSecretGivesAStrictHttpOnlyCookieForThirtyMinutes() async throws {
        let fixture = try BoardFixture()
        try await RunningBoard.with(fixture.settings()) { board in
            let answer = try await board.client.postForm("/sign-in", [("member", "alice"), ("secret", "alice-secret")])
            #expect(answer.status == 303)
            #expect(answer.header("Location") == "/packets")
            let cookie = try #require(answer.header("Set-Cookie"))
            #expect(cookie.hasPrefix("patchlab_session="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Max-Age=1800"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "plain HTTP on loopback: a Secure cookie would never come back")
            let list = try await board.client.get("/packets", cookie: answer.sessionCookie)
            #expect(list.status == 200)
            #expect(list.text.contains("Signed in as Alice Example (alice)"))
        }
    }

    @Test func wrongSecretUnknownMemberAndNoSecretAreRefusedAlike() async throws {
        let fixture = try BoardFixture()
        try await RunningBoard.with(fixture.settings()) { board in
            for (member, secret) in [("alice", "dave-secret"), ("alice", ""), ("mallory", "mallory-secret"), ("nora", "nora-secret")] {
                let answer = try await board.client.postForm("/sign-in", [("member", member), ("secret", secret)])
                #expect(answer.status == 401, "\(member)")
                #expect(answer.sessionCookie == nil)
                #expect(answer.text.contains("Member id or secret is wrong"))
                let api = try await board.client.postJSON("/api/sign-in", ["member": member, "secret": secret])
                #expect(api.status == 401, "\(member)")
                #expect(try api.json()["token"] == nil)
            }
        }
    }

    /// Five wrong secrets lock that member id for fifteen minutes — even the right secret is refused
    /// meanwhile, with 429 and Retry-After — without touching other members; a right secret afterwards
    /// starts the count again.
    @Test func repeatedWrongSecretsLockTheMemberIdForAWhile() async throws {
        let fixture = try BoardFixture()
        try await RunningBoard.with(fixture.settings()) { board in
            for attempt in 1...5 {
                let wrong = try await board.client.postForm("/sign-in", [("member", "alice"), ("secret", "guess-\(attempt)")])
                #expect(wrong.status == 401, "attempt \(attempt)")
            }
            let page = try await board.client.postForm("/sign-in", [("member", "Alice"), ("secret", "alice-secret")])
            #expect(page.status == 429)
            #expect(page.sessionCookie == nil)
            #expect(page.header("Retry-After") == "900")
            #expect(page.text.contains("Too many wrong secrets for this member id: try again in 15 minute(s)."))
            let api = try await board.client.postJSON("/api/sign-in", ["member": "alice", "secret": "alice-secret"])
            #expect(api.status == 429)
            #expect(try api.json()["token"] == nil)
            #expect(api.header("Retry-After") == "900")
            #expect(
                try await board.client.postForm("/sign-in", [("member", "dave"), ("secret", "dave-secret")]).status == 303,
                "another member is not locked out")

            fixture.clock.advance(by: 10 * 60)
            #expect(
                try await board.client.postJSON("/api/sign-in", ["member": "alice", "secret": "alice-secret"]).header("Retry-After")
                    == "300")
            fixture.clock.advance(by: 5 * 60 + 1)
            #expect(try await board.client.postForm("/sign-in", [("member", "alice"), ("secret", "alice-secret")]).status == 303)
            // The right secret cleared the count: one more wrong one is a plain refusal.
            #expect(try await board.client.postForm("/sign-in", [("member", "alice"), ("secret", "wrong")]).status == 401)
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        let fixture = try BoardFixture()
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, csrf) = try await board.signIn("dave")
            let out = try await board.client.postForm("/sign-out", [("csrf", csrf)], cookie: cookie)
            #expect(out.status == 303)
            #expect(out.header("Set-Cookie")?.contains("Max-Age=0") == true)
            let after = try await board.client.get("/packets", cookie: cookie)
            #expect(after.status == 303)
            #expect(after.header("Location") == "/sign-in")

            let (token, apiCSRF) = try await board.apiSignIn("dave")
            var headers = BoardClient.credentials(cookie: nil, token: token)
            headers["X-CSRF-Token"] = apiCSRF
            #expect(try await board.client.send("POST", "/api/sign-out", headers: headers).status == 204)
            #expect(try await board.client.get("/api/packets", token: token).status == 401)
        }
    }

    @Test func secretHashesAreBcrypt() {
        let hash = SecretCheck.hash("correct horse", cost: 4)
        #expect(hash.hasPrefix("$2b$04$"))
        #expect(hash.count == 60)
        #expect(hash != SecretCheck.hash("correct horse", cost: 4), "each hash has its own salt")
    }
}
