import Foundation
import Logging
import PatchLabBoard
import Testing

/// The real board server on 127.0.0.1 with a port the system picked, for the length of one test.
struct RunningBoard {
    let port: Int
    let client: BoardClient

    /// Runs `body` against a live board made from `settings`, then stops the server.
    /// Stopping a server by cancelling its task makes Hummingbird log an error for each open
    /// connection; that is the test's doing, not the board's, so only critical messages are shown.
    static let quiet: Logger = {
        var logger = Logger(label: "patchlab.board.test")
        logger.logLevel = .critical
        return logger
    }()

    /// `logger` gets the board's log (``CapturedLog`` keeps it for the test to read).
    static func with<T>(_ settings: BoardSettings, logger: Logger = quiet, _ body: (RunningBoard) async throws -> T) async throws -> T {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let server = Task {
            // A server that cannot start ends the stream, so the test fails instead of waiting forever.
            defer { portSink.finish() }
            try await BoardServer(settings: settings).run(logger: logger) { port in portSink.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await server.value
            throw TestFailure("the board stopped before it listened")
        }
        let board = RunningBoard(port: port, client: BoardClient(port: port))
        let outcome: Result<T, any Error>
        do { outcome = .success(try await body(board)) } catch { outcome = .failure(error) }
        board.client.invalidate()
        // Wait for the server to close, so no test leaves a listening socket behind.
        server.cancel()
        _ = await server.result
        return try outcome.get()
    }

    /// Signs in through the page's form and returns the session cookie and the page's CSRF token.
    func signIn(_ member: String, secret: String? = nil) async throws -> (cookie: String, csrf: String) {
        let answer = try await client.postForm("/sign-in", [("member", member), ("secret", secret ?? BoardFixture.secret(member))])
        #expect(answer.status == 303, "sign-in as \(member): \(answer.status) \(answer.text.prefix(500))")
        let cookie = try #require(answer.sessionCookie, "no session cookie in \(answer.headers)")
        let page = try await client.get("/packets", cookie: cookie)
        return (cookie, try #require(Self.csrf(in: page.text), "no CSRF token on the page"))
    }

    /// Signs in through the API and returns the bearer token and its CSRF token.
    func apiSignIn(_ member: String) async throws -> (token: String, csrf: String) {
        let answer = try await client.postJSON("/api/sign-in", ["member": member, "secret": BoardFixture.secret(member)])
        #expect(answer.status == 200, "\(answer.text)")
        let json = try answer.json()
        return (try #require(json["token"] as? String), try #require(json["csrfToken"] as? String))
    }

    /// The CSRF token a page's forms carry.
    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }
}
