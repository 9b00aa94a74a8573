import Foundation
import PatchLabBoard
@testable import PatchLabEvidence
import PatchLabModel
import PatchLabTestSupport
import Testing

/// Attacks on the running board: each test is a way to make it lie, leak or take what it must
/// refuse. Each fails on the code it was written against and passes once the hole is closed.
@Suite struct BoardAttackTests {
    let fixture: BoardFixture

    init() throws { fixture = try BoardFixture() }

    /// dave's approval of the GO packet, recorded through the desk as the board would.
    private func approveAsDave() throws {
        _ = try ApprovalDesk(board: fixture.board, trustedKeys: fixture.trusted, now: fixture.settings().now).decide(
            ApprovalRequest(
                packet: fixture.go.folder, memberID: "dave", signingKey: fixture.keys["dave"]!, decision: .approve, at: fixture.clock.now))
    }

    /// FINDING (medium): the list (page and `GET /api/packets`) says where the board stands from the
    /// approval records alone, never asking whether the packet still verifies. A packet approved and
    /// then changed (here: the patch's log rewritten) is listed as "approved" — what a deployment
    /// pipeline polling the API would act on — while its own page says it FAILS verification.
    @Test func aPacketChangedAfterItsApprovalIsNotListedAsApproved() async throws {
        try approveAsDave()
        try "Setting up nginx-light (something else entirely)\n".write(
            toFile: "\(fixture.go.folder)/logs/patch/web-01/stdout",
            atomically: true, encoding: .utf8)
        try await RunningBoard.with(fixture.settings()) { board in
            let (token, _) = try await board.apiSignIn("alice")
            let detail = try await board.client.get(fixture.go.api, token: token)
            let integrity = try #require(try detail.json()["integrity"] as? [String: Any])
            #expect(integrity["intact"] as? Bool == false, "the packet's own page knows it fails")

            let list = try await board.client.get("/api/packets", token: token)
            let packets = try #require(try list.json()["packets"] as? [[String: Any]])
            let entry = try #require(packets.first { $0["change"] as? String == fixture.go.change })
            #expect(entry["state"] as? String != "approved", "listed as \(entry["state"] ?? "?") though it no longer verifies")

            let (cookie, _) = try await board.signIn("alice")
            let page = try await board.client.get("/packets", cookie: cookie)
            let row = try #require(page.text.components(separatedBy: "<tr").first { $0.contains("data-change=\"\(fixture.go.change)\"") })
            #expect(!row.contains("class=\"state approved\""), "the list page says approved: \(row.prefix(600))")
        }
    }

    /// FINDING (low): "a request that holds a private key is refused" is a search for the bytes
    /// `PRIVATE KEY`. The same key without its PEM armour (the PKCS#8 base64 a member copies out of
    /// the file), or with the armour JSON-escaped, is taken: drafted into the statement, and filed
    /// into the packet — and its archive — for good.
    @Test func aPrivateKeyWithoutItsPEMArmourIsRefusedToo() async throws {
        let key = fixture.keys["dave"]!
        let base64 = String(key.pem.split(separator: "\n")[1])
        try await RunningBoard.with(fixture.settings()) { board in
            let (token, csrf) = try await board.apiSignIn("dave")
            let bare = try await board.client.postJSON(
                "\(fixture.go.api)/decision-drafts", ["decision": "defer", "comment": base64],
                token: token, csrf: csrf)
            #expect(bare.status == 400, "a PKCS#8 key in base64 was drafted into a record: \(bare.status)")

            var headers = BoardClient.credentials(cookie: nil, token: token)
            headers["Content-Type"] = "application/json"
            headers["X-CSRF-Token"] = csrf
            let escaped =
                #"{"decision":"defer","comment":"-----BEGIN PRIVATE\u0020KEY-----\n"# + base64
                + #"\n-----END PRIVATE\u0020KEY-----"}"#
            let armoured = try await board.client.send(
                "POST", "\(fixture.go.api)/decision-drafts", headers: headers, body: Data(escaped.utf8))
            #expect(armoured.status == 400, "a PEM private key, JSON-escaped, was drafted into a record: \(armoured.status)")
        }
    }

    /// FINDING (low): the per-address limit counts an IPv4 peer by its full address. The board
    /// listens on loopback, and every local process can send from any of 127.0.0.0/8: once
    /// 127.0.0.1 is locked out, 127.0.0.2 starts afresh, and so on for 16 million addresses — the
    /// "twenty from one client address, across all member ids" limit does not hold for the very
    /// clients a loopback board has.
    @Test func anotherLoopbackAddressIsTheSameClient() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            for index in 1...20 {
                let answer = try await board.client.postJSON("/api/sign-in", ["member": "member-\(index)", "secret": "guess"])
                #expect(answer.status == 401, "guess \(index)")
            }
            let body = try JSONSerialization.data(withJSONObject: ["member": "member-21", "secret": "guess"])
            #expect(try await RawHTTP.postJSON(from: "127.0.0.1", port: board.port, path: "/api/sign-in", body: body) == 429)
            let alias = try await RawHTTP.postJSON(from: "127.0.0.2", port: board.port, path: "/api/sign-in", body: body)
            #expect(alias == 429, "127.0.0.2 got its secret checked (\(alias)) while 127.0.0.1, the same host, is locked out")
        }
    }

    /// FINDING (low): the board answers any `Host`, and its origin check compares `Origin` with that
    /// same `Host`. A web page the member visits can rebind its own name to 127.0.0.1 (DNS
    /// rebinding): its requests then carry `Host: evil.example:PORT` and the matching `Origin`, pass
    /// the origin check, and have their secrets checked — guessing, or locking every member out
    /// from the member's own address. A board on loopback should answer only to its own names.
    @Test func aRequestForAnotherHostIsNotServed() async throws {
        let checks = Counter()
        try await RunningBoard.with(fixture.settings(counting: checks)) { board in
            let body = try JSONSerialization.data(withJSONObject: ["member": "dave", "secret": "guess"])
            let status = try await RawHTTP.postJSON(
                from: "127.0.0.1", port: board.port, path: "/api/sign-in", body: body,
                host: "rebind.example:\(board.port)",
                headers: ["Origin": "http://rebind.example:\(board.port)"])
            #expect(checks.value == 0, "a sign-in for the host rebind.example had its secret checked (answered \(status))")
        }
    }
}
