import Foundation
import PatchLabBoard
import PatchLabEvidence
import Testing

/// Errors whose own text names the server's paths or carries system error text are answered with a
/// fixed message and a short reference; the board's log keeps the whole error under that reference.
@Suite struct BoardErrorPrivacyTests {
    let fixture: BoardFixture
    let log = CapturedLog()

    init() throws { fixture = try BoardFixture() }

    /// The reference an answer names (`reference 1a2b3c4d`).
    static func reference(in text: String) -> String? {
        guard let range = text.range(of: "reference ") else { return nil }
        let reference = text[range.upperBound...].prefix(8)
        return reference.count == 8 && reference.allSatisfy(\.isHexDigit) ? String(reference) : nil
    }

    /// `answer` shows none of `hidden` and nothing under the test's scratch folder, but names a
    /// reference; the log entry with that reference holds every one of `hidden`.
    func expectWithheld(_ answer: BoardClient.Answer, _ hidden: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for text in hidden + [fixture.scratch.url.path] {
            #expect(!answer.text.contains(text), "the answer shows '\(text)': \(answer.text.prefix(3000))", sourceLocation: sourceLocation)
        }
        let reference = try #require(
            Self.reference(in: answer.text), "no reference in \(answer.text.prefix(3000))",
            sourceLocation: sourceLocation)
        let entry = try #require(
            log.entries.first { $0.contains(reference) }, "reference \(reference) is not in the log: \(log.entries)",
            sourceLocation: sourceLocation)
        for text in hidden {
            #expect(entry.contains(text), "the log entry lacks '\(text)': \(entry)", sourceLocation: sourceLocation)
        }
    }

    @Test func aPacketWhoseJSONIsCorruptIsAnsweredWithoutItsPathOrTheDecodingError() async throws {
        try "{\"runID\": \"run-1\", ".write(toFile: "\(fixture.noGo.folder)/rehearsal.json", atomically: true, encoding: .utf8)
        try await RunningBoard.with(fixture.settings(), logger: log.logger) { board in
            let (cookie, _) = try await board.signIn("alice")
            let page = try await board.client.get(fixture.noGo.page, cookie: cookie)
            #expect(page.status == 422)
            #expect(page.text.contains("packet CHG-0043/run-20260101-110000-ng02 cannot be read (reference "))
            try expectWithheld(page, [fixture.noGo.folder, "DecodingError"])

            let (token, _) = try await board.apiSignIn("alice")
            let api = try await board.client.get(fixture.noGo.api, token: token)
            #expect(api.status == 422)
            #expect((try api.json()["error"] as? String)?.hasPrefix("packet CHG-0043/run-20260101-110000-ng02 cannot be read") == true)
            try expectWithheld(api, [fixture.noGo.folder, "DecodingError"])

            let list = try await board.client.get("/packets", cookie: cookie)
            #expect(list.status == 200, "the other packets are still listed")
            #expect(list.text.contains("CHG-0042") && !list.text.contains("CHG-0043"))
        }
    }

    /// Dave's decision was recorded while his key file was good; then the file broke. Checking the
    /// record needs the file, so the packet no longer verifies — the page says which record, not
    /// where the key file is or what the key parser said; and deciding, which reads it too, fails
    /// with a reference.
    @Test func aBrokenMembersKeyFileIsLoggedNotShown() async throws {
        _ = try ApprovalDesk(board: fixture.board, trustedKeys: fixture.trusted, now: fixture.settings().now).decide(
            ApprovalRequest(
                packet: fixture.go.folder, memberID: "dave", signingKey: fixture.keys["dave"]!, decision: .approve, comment: "fine",
                at: fixture.clock.now))
        let keyFile = fixture.scratch.path("board/keys/dave.pub")
        try "-----BEGIN PUBLIC KEY-----\nbroken!\n-----END PUBLIC KEY-----\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        try await RunningBoard.with(fixture.settings(), logger: log.logger) { board in
            let (cookie, _) = try await board.signIn("alice")
            let page = try await board.client.get(fixture.go.page, cookie: cookie)
            #expect(page.status == 200)
            #expect(page.text.contains("data-intact=\"no\""))
            #expect(page.text.contains("approvals: approvals/001-dave-approve.intoto.json: cannot be checked here (reference "))
            try expectWithheld(page, [keyFile, "base64"])

            let (token, _) = try await board.apiSignIn("alice")
            let api = try await board.client.get(fixture.go.api, token: token)
            let problems = try #require((try api.json()["integrity"] as? [String: Any])?["problems"] as? [String])
            #expect(
                problems.count == 1 && problems[0].hasPrefix("approvals: approvals/001-dave-approve.intoto.json: cannot be checked here"),
                "\(problems)")
            try expectWithheld(api, [keyFile, "base64"])

            let (daveToken, daveCSRF) = try await board.apiSignIn("dave")
            let decision = try await board.decide(
                fixture.emergency, ["decision": "approve", "comment": "fine"], key: fixture.keys["dave"]!,
                token: daveToken, csrf: daveCSRF)
            let decide = decision.filed ?? decision.draft
            #expect(decide.status == 500)
            #expect((try decide.json()["error"] as? String)?.hasPrefix("the board could not answer this request (reference ") == true)
            try expectWithheld(decide, [keyFile, "base64"])
        }
    }

    /// A directory where the packet's archive belongs: the decision is written, but bringing the
    /// archive up to date fails with the system's "Is a directory" about a path on the server.
    @Test func aFailureWithSystemErrorTextIsLoggedNotShown() async throws {
        let archive = PacketLayout.archive(root: fixture.evidence, change: fixture.go.change, runID: fixture.go.run)
        try FileManager.default.createDirectory(atPath: "\(archive)/in-the-way", withIntermediateDirectories: true)
        try await RunningBoard.with(fixture.settings(), logger: log.logger) { board in
            let (token, csrf) = try await board.apiSignIn("dave")
            let decision = try await board.decide(
                fixture.go, ["decision": "approve", "comment": "fine"], key: fixture.keys["dave"]!,
                token: token, csrf: csrf)
            let api = try #require(decision.filed, "\(decision.draft.text)")
            #expect(api.status == 500)
            try expectWithheld(api, [archive, "Is a directory"])

            let (cookie, formCSRF) = try await board.signIn("alice")
            let fromPage = try await board.decide(
                fixture.go, ["decision": "approve", "comment": "fine"], key: fixture.keys["alice"]!,
                cookie: cookie, csrf: formCSRF)
            let page = try #require(fromPage.filed, "\(fromPage.draft.text)")
            #expect(page.status == 500)
            #expect(page.text.contains("the board could not answer this request (reference "))
            try expectWithheld(page, [archive, "Is a directory"])
        }
    }
}
