import Foundation
import PatchLabBoard
@testable import PatchLabEvidence
import Testing

/// Decisions are drafted by the board, signed by the member where their key is, and filed signed:
/// through the browser session (as the decision page's script does) and through the API. They reach
/// the approval desk as the signed-in member's, are written into the packet, and show on the page;
/// the desk's refusals come back as 422 with the reason, and write nothing. No request carries a key.
@Suite struct BoardDecisionTests {
    let fixture: BoardFixture

    init() throws { fixture = try BoardFixture() }

    func desk() -> ApprovalDesk { ApprovalDesk(board: fixture.board, trustedKeys: fixture.trusted) }

    @Test func anApprovalFromThePageSessionIsSignedRecordedAndShown() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, csrf) = try await board.signIn("dave")
            let decision = try await board.decide(
                fixture.go,
                [
                    "decision": "approve-with-conditions", "conditions": "deploy in window 3 <b>",
                    "comment": "rollback proven",
                ],
                key: fixture.keys["dave"]!, cookie: cookie, csrf: csrf)
            #expect(decision.draft.status == 200, "\(decision.draft.text.prefix(2000))")
            #expect(decision.filed?.status == 201, "\(decision.filed?.text.prefix(2000) ?? "")")
            #expect(fixture.approvals(fixture.go) == ["001-dave-approve-with-conditions.intoto.json"])

            let page = try await board.client.get(fixture.go.page, cookie: cookie)
            #expect(page.text.contains("data-state=\"approved\""))
            #expect(page.text.contains("data-approver=\"dave\" data-decision=\"approve-with-conditions\""))
            #expect(page.text.contains("Conditions: deploy in window 3 &lt;b&gt;"))

            let status = try desk().status(of: fixture.go.folder)
            #expect(status.state == .approved)
            #expect(status.records.map(\.approver) == ["dave"])
            #expect(status.records.first?.conditions == "deploy in window 3 <b>")
            #expect(try PacketVerifier(trustedKeys: fixture.trusted, board: fixture.board).verify(fixture.go.folder).isIntact)

            // The record is served back from the packet, read-only.
            let record = try await board.client.get(
                "\(fixture.go.page)/files/approvals/001-dave-approve-with-conditions.intoto.json",
                cookie: cookie)
            #expect(record.status == 200)
            #expect(record.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(record.text.contains("\"payloadType\""))
        }
    }

    @Test func theAPIRecordsADecisionAndTheDeskRefusesASecond() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (token, csrf) = try await board.apiSignIn("alice")
            let fields: [String: Any] = ["decision": "approve", "comment": "emergency fix, tested"]
            let first = try await board.decide(fixture.emergency, fields, key: fixture.keys["alice"]!, token: token, csrf: csrf)
            let answer = try #require(first.filed)
            #expect(answer.status == 201, "\(answer.text)")
            let json = try answer.json()
            let decision = try #require(json["decision"] as? [String: Any])
            #expect(decision["approver"] as? String == "alice")
            #expect(decision["role"] as? String == "emergency-authority")
            #expect((json["packet"] as? [String: Any])?["state"] as? String == "approved")
            #expect(fixture.approvals(fixture.emergency).count == 1)

            let before = try fixture.snapshot()
            let again = try #require(
                try await board.decide(fixture.emergency, fields, key: fixture.keys["alice"]!, token: token, csrf: csrf).filed)
            #expect(again.status == 422)
            #expect((try again.json()["error"] as? String)?.contains("already decided") == true, "\(again.text)")
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func aNoGoIsOnlyApprovedAsAnEmergencyWithJustificationAndIncident() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, csrf) = try await board.signIn("alice")
            let before = try fixture.snapshot()
            let plain = try await board.decide(
                fixture.noGo, ["decision": "approve"], key: fixture.keys["alice"]!, cookie: cookie, csrf: csrf)
            #expect(plain.draft.status == 422)
            #expect(plain.draft.text.contains("it can only be rejected, or approved as an emergency"), "\(plain.draft.text.prefix(3000))")
            #expect(try fixture.snapshot() == before)

            let emergency = try await board.decide(
                fixture.noGo,
                [
                    "decision": "approve", "emergency": ["justification": "actively exploited, no workaround", "incident": "INC-4711"],
                ], key: fixture.keys["alice"]!, cookie: cookie, csrf: csrf)
            #expect(emergency.filed?.status == 201, "\(emergency.filed?.text ?? emergency.draft.text)")
            let status = try desk().status(of: fixture.noGo.folder)
            #expect(status.state == .pending, "a NO-GO emergency needs a second approver: \(status.summary)")
            #expect(status.records.first?.emergency?.incident == "INC-4711")
            #expect(status.records.first?.postImplementationReviewDue != nil)
            let page = try await board.client.get(fixture.noGo.page, cookie: cookie)
            #expect(page.text.contains("INC-4711: actively exploited, no workaround; review due"))
        }
    }

    @Test func observersReadButCannotDecide() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, csrf) = try await board.signIn("olivia")
            let page = try await board.client.get(fixture.go.page, cookie: cookie)
            #expect(page.status == 200)
            #expect(page.text.contains("You are an observer on this board"))
            #expect(!page.text.contains("submit-decision"))
            let before = try fixture.snapshot()
            let answer = try await board.decide(
                fixture.go, ["decision": "approve"], key: fixture.keys["olivia"]!, cookie: cookie, csrf: csrf)
            #expect(answer.draft.status == 422)
            #expect(answer.draft.text.contains("observer"))
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func aPacketThatDoesNotExistIsA404() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, csrf) = try await board.signIn("alice")
            let (token, apiCSRF) = try await board.apiSignIn("alice")
            for path in ["/packets/CHG-9999/run-1", "/packets/CHG-0042/run-nope", "/packets/..%2F..%2Fetc/passwd"] {
                #expect(try await board.client.get(path, cookie: cookie).status == 404, "\(path)")
            }
            let before = try fixture.snapshot()
            let missing = BoardFixture.Packet(change: "CHG-9999", run: "run-1", folder: "/nonexistent")
            let page = try await board.decide(missing, ["decision": "approve"], key: fixture.keys["alice"]!, cookie: cookie, csrf: csrf)
            #expect(page.draft.status == 404)
            let api = try await board.decide(missing, ["decision": "approve"], key: fixture.keys["alice"]!, token: token, csrf: apiCSRF)
            #expect(api.draft.status == 404)
            let envelope = try DSSEEnvelope.sign(
                payload: Data("{}".utf8), payloadType: "application/vnd.in-toto+json", with: fixture.keys["alice"]!)
            var headers = BoardClient.credentials(cookie: nil, token: token)
            headers["X-CSRF-Token"] = apiCSRF
            let filed = try await board.client.send("POST", "\(missing.api)/decisions", headers: headers, body: try envelope.encoded())
            #expect(filed.status == 404)
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func aTamperedPacketCannotBeApproved() async throws {
        let log = "\(fixture.go.folder)/logs/patch/web-01/stdout"
        #expect(FileManager.default.fileExists(atPath: log))
        try "Setting up nginx-light (edited)\n".write(toFile: log, atomically: true, encoding: .utf8)
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, csrf) = try await board.signIn("dave")
            let page = try await board.client.get(fixture.go.page, cookie: cookie)
            #expect(page.text.contains("data-intact=\"no\""))
            let answer = try await board.decide(fixture.go, ["decision": "approve"], key: fixture.keys["dave"]!, cookie: cookie, csrf: csrf)
            #expect(answer.draft.status == 422)
            #expect(answer.draft.text.contains("the packet does not verify"))
            #expect(fixture.approvals(fixture.go).isEmpty)
        }
    }

    /// The board takes a signed record, never a key: a request that carries one is refused unread.
    @Test func aRequestCarryingAPrivateKeyIsRefusedAndNothingIsWritten() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (token, csrf) = try await board.apiSignIn("alice")
            let before = try fixture.snapshot()
            for path in ["\(fixture.go.api)/decision-drafts", "\(fixture.go.api)/decisions"] {
                let answer = try await board.client.postJSON(
                    path, ["decision": "approve", "privateKey": fixture.keys["alice"]!.pem],
                    token: token, csrf: csrf)
                #expect(answer.status == 400, "\(path): \(answer.text)")
                #expect(answer.text.contains("the board never takes one"), "\(answer.text)")
                #expect(!answer.text.contains(fixture.keys["alice"]!.pem.split(separator: "\n")[1]))
            }
            #expect(try fixture.snapshot() == before)
        }
    }

    /// A record signed with someone else's key, or a record of another member, is refused.
    @Test func aRecordSignedWithTheWrongKeyOrForAnotherMemberIsRefused() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (token, csrf) = try await board.apiSignIn("dave")
            let before = try fixture.snapshot()
            let wrongKey = try await board.decide(
                fixture.go, ["decision": "approve"], key: fixture.keys["alice"]!, token: token, csrf: csrf)
            #expect(wrongKey.filed?.status == 422)
            #expect(wrongKey.filed?.text.contains("not signed by dave's registered key") == true, "\(wrongKey.filed?.text ?? "")")

            // alice's own signed record, filed in dave's session.
            let (aliceToken, aliceCSRF) = try await board.apiSignIn("alice")
            var headers = BoardClient.credentials(cookie: nil, token: aliceToken)
            headers["X-CSRF-Token"] = aliceCSRF
            let draft = try await board.client.send(
                "POST", "\(fixture.go.api)/decision-drafts", headers: headers,
                body: try JSONSerialization.data(withJSONObject: ["decision": "approve"]))
            let encoded = try #require(try draft.json()["payload"] as? String)
            let payload = try #require(Data(base64Encoded: encoded))
            let envelope = try DSSEEnvelope.sign(
                payload: payload, payloadType: "application/vnd.in-toto+json", with: fixture.keys["alice"]!)
            headers = BoardClient.credentials(cookie: nil, token: token)
            headers["X-CSRF-Token"] = csrf
            let filed = try await board.client.send("POST", "\(fixture.go.api)/decisions", headers: headers, body: try envelope.encoded())
            #expect(filed.status == 403 || filed.status == 422, "\(filed.text)")
            #expect(filed.text.contains("cannot be filed by dave"), "\(filed.text)")
            #expect(try fixture.snapshot() == before)
        }
    }

    /// The decision page runs exactly one script, the board's own, allowed by its sha256.
    @Test func theDecisionPageAllowsExactlyItsOwnScript() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, _) = try await board.signIn("dave")
            let page = try await board.client.get(fixture.go.page, cookie: cookie)
            let policy = try #require(page.header("Content-Security-Policy"))
            let script = try await board.client.get("/assets/decision.js", cookie: cookie)
            #expect(script.status == 200)
            #expect(script.header("Content-Type")?.hasPrefix("text/javascript") == true)
            let hex = StreamingDigest.sha256(of: script.body)
            let bytes = stride(from: 0, to: hex.count, by: 2).map { i -> UInt8 in
                let start = hex.index(hex.startIndex, offsetBy: i)
                return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
            }
            let hash = "sha256-" + Data(bytes).base64EncodedString()
            #expect(policy.contains("script-src '\(hash)'"), "\(policy)")
            #expect(!policy.contains("unsafe-inline") && !policy.contains("'self' 'unsafe"), "\(policy)")
            #expect(page.text.contains("<script src=\"/assets/decision.js\" integrity=\"\(hash)\""), "the script element names its hash")
            #expect(page.text.components(separatedBy: "<script").count == 2, "one script element, and no inline script")
            // Other pages still run no script at all.
            let list = try await board.client.get("/packets", cookie: cookie)
            #expect(list.header("Content-Security-Policy")?.contains("script-src") == false)
        }
    }
}
