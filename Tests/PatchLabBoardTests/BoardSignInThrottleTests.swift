import Foundation
import PatchLabBoard
import Testing

/// The sign-in lockout under parallel guessing, and per client address: a guess reserves its
/// attempt before its secret is checked, so no burst of guesses gets more secrets checked than the
/// limit allows (counted through ``BoardSettings/onSecretCheck``, one call per bcrypt verification).
@Suite struct BoardSignInThrottleTests {
    /// A wrong guess for `member`, through the page's form or the API.
    func guess(_ board: RunningBoard, _ member: String, _ secret: String, api: Bool) async throws -> BoardClient.Answer {
        api
            ? try await board.client.postJSON("/api/sign-in", ["member": member, "secret": secret])
            : try await board.client.postForm("/sign-in", [("member", member), ("secret", secret)])
    }

    @Test func thirtyParallelWrongGuessesGetFiveSecretsCheckedAndThenTheRightOneIsRefused() async throws {
        let fixture = try BoardFixture()
        let checks = Counter()
        try await RunningBoard.with(fixture.settings(counting: checks)) { board in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for attempt in 1...30 {
                    group.addTask { try await guess(board, "alice", "guess-\(attempt)", api: attempt.isMultiple(of: 2)).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(checks.value == 5, "secrets checked out of 30 parallel guesses")
            #expect(statuses.filter { $0 == 401 }.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == 429 }.count == 25, "\(statuses)")

            let page = try await board.client.postForm("/sign-in", [("member", "alice"), ("secret", "alice-secret")])
            #expect(page.status == 429)
            #expect(page.sessionCookie == nil)
            #expect(page.header("Retry-After") == "900")
            #expect(page.text.contains("Too many wrong secrets for this member id"))
            let api = try await board.client.postJSON("/api/sign-in", ["member": "alice", "secret": "alice-secret"])
            #expect(api.status == 429)
            #expect(try api.json()["token"] == nil)
            #expect(api.header("Retry-After") == "900")
            #expect(checks.value == 5, "the right secret was not even checked during the lockout")
        }
    }

    /// Twenty wrong guesses from one address, one for each of twenty member ids (none of them near
    /// its own limit), lock that address out for every member id. A right secret in between does not
    /// clear the address's failures: knowing one's own secret buys no more guesses at others.
    @Test func guessesSpreadOverManyMemberIdsLockTheClientAddress() async throws {
        let fixture = try BoardFixture()
        let checks = Counter()
        try await RunningBoard.with(fixture.settings(counting: checks)) { board in
            for index in 1...19 {
                #expect(try await guess(board, "member-\(index)", "guess", api: index.isMultiple(of: 2)).status == 401, "guess \(index)")
            }
            _ = try await board.signIn("dave")
            #expect(try await guess(board, "member-20", "guess", api: false).status == 401, "the twentieth failure")
            #expect(checks.value == 21)

            let olivia = try await board.client.postForm("/sign-in", [("member", "olivia"), ("secret", "olivia-secret")])
            #expect(olivia.status == 429, "a member id never guessed at, from the locked address")
            #expect(olivia.sessionCookie == nil)
            #expect(olivia.header("Retry-After") == "900")
            #expect(olivia.text.contains("Too many wrong secrets from this address: try again in 15 minute(s)."))
            let api = try await board.client.postJSON("/api/sign-in", ["member": "alice", "secret": "alice-secret"])
            #expect(api.status == 429)
            #expect((try api.json()["error"] as? String)?.contains("from this address") == true, "\(api.text)")
            #expect(checks.value == 21, "no secret is checked while the address is locked")

            fixture.clock.advance(by: 15 * 60 + 1)
            #expect(try await board.client.postForm("/sign-in", [("member", "olivia"), ("secret", "olivia-secret")]).status == 303)
        }
    }
}

extension BoardFixture {
    /// The usual settings, telling `checks` of every secret the board checks against its bcrypt hash.
    func settings(counting checks: Counter) -> BoardSettings {
        var settings = settings()
        settings.onSecretCheck = { checks.increment() }
        return settings
    }
}
