import Foundation
import PatchLabBoard
import PatchLabEvidence
import Testing

/// Decisions through the page's form and through the API reach the approval desk as the signed-in
/// member's, are written signed into the packet, and show on the page; the desk's refusals come
/// back as 422 with the reason, and write nothing.
@Suite struct BoardDecisionTests {
    let fixture: BoardFixture

    init() throws { fixture = try BoardFixture() }

    func desk() -> ApprovalDesk { ApprovalDesk(board: fixture.board, trustedKeys: fixture.trusted) }

    @Test func anApprovalThroughTheFormIsSignedRecordedAndShown() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, csrf) = try await board.signIn("dave")
            let answer = try await board.client.postForm("\(fixture.go.page)/decide", [
                ("csrf", csrf), ("decision", "approve-with-conditions"), ("conditions", "deploy in window 3 <b>"),
                ("comment", "rollback proven"), ("private_key", fixture.keys["dave"]!.pem),
            ], cookie: cookie)
            #expect(answer.status == 303, "\(answer.text.prefix(2000))")
            #expect(answer.header("Location") == "\(fixture.go.page)#decisions")
            #expect(fixture.approvals(fixture.go) == ["001-dave-approve-with-conditions.intoto.json"])

            let page = try await board.client.get(fixture.go.page, cookie: cookie)
            #expect(page.text.contains("data-state=\"approved\""))
            #expect(page.text.contains("data-approver=\"dave\" data-decision=\"approve-with-conditions\""))
            #expect(page.text.contains("Conditions: deploy in window 3 &lt;b&gt;"))
            #expect(!page.text.contains(fixture.keys["dave"]!.pem.split(separator: "\n")[1]), "the key is never shown back")

            let status = try desk().status(of: fixture.go.folder)
            #expect(status.state == .approved)
            #expect(status.records.map(\.approver) == ["dave"])
            #expect(status.records.first?.conditions == "deploy in window 3 <b>")
            #expect(try PacketVerifier(trustedKeys: fixture.trusted, board: fixture.board).verify(fixture.go.folder).isIntact)

            // The record is served back from the packet, read-only.
            let record = try await board.client.get("\(fixture.go.page)/files/approvals/001-dave-approve-with-conditions.intoto.json",
                                                    cookie: cookie)
            #expect(record.status == 200)
            #expect(record.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(record.text.contains("\"payloadType\""))
        }
    }

    @Test func theAPIRecordsADecisionAndTheDeskRefusesASecond() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (token, csrf) = try await board.apiSignIn("alice")
            let body: [String: Any] = ["decision": "approve", "comment": "emergency fix, tested",
                                       "privateKey": fixture.keys["alice"]!.pem]
            let answer = try await board.client.postJSON("\(fixture.emergency.api)/decisions", body, token: token, csrf: csrf)
            #expect(answer.status == 201, "\(answer.text)")
            let json = try answer.json()
            let decision = try #require(json["decision"] as? [String: Any])
            #expect(decision["approver"] as? String == "alice")
            #expect(decision["role"] as? String == "emergency-authority")
            #expect((json["packet"] as? [String: Any])?["state"] as? String == "approved")
            #expect(fixture.approvals(fixture.emergency).count == 1)

            let before = try fixture.snapshot()
            let again = try await board.client.postJSON("\(fixture.emergency.api)/decisions", body, token: token, csrf: csrf)
            #expect(again.status == 422)
            #expect((try again.json()["error"] as? String)?.contains("already decided") == true, "\(again.text)")
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func aNoGoIsOnlyApprovedAsAnEmergencyWithJustificationAndIncident() async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, csrf) = try await board.signIn("alice")
            let before = try fixture.snapshot()
            let plain = try await board.client.postForm("\(fixture.noGo.page)/decide", [
                ("csrf", csrf), ("decision", "approve"), ("private_key", fixture.keys["alice"]!.pem),
            ], cookie: cookie)
            #expect(plain.status == 422)
            #expect(plain.text.contains("it can only be rejected, or approved as an emergency"), "\(plain.text.prefix(3000))")
            #expect(try fixture.snapshot() == before)

            let emergency = try await board.client.postForm("\(fixture.noGo.page)/decide", [
                ("csrf", csrf), ("decision", "approve"), ("justification", "actively exploited, no workaround"),
                ("incident", "INC-4711"), ("private_key", fixture.keys["alice"]!.pem),
            ], cookie: cookie)
            #expect(emergency.status == 303, "\(emergency.text.prefix(3000))")
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
            let answer = try await board.client.postForm("\(fixture.go.page)/decide", [
                ("csrf", csrf), ("decision", "approve"), ("private_key", fixture.keys["olivia"]!.pem),
            ], cookie: cookie)
            #expect(answer.status == 422)
            #expect(answer.text.contains("observer"))
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
            let form = try await board.client.postForm("/packets/CHG-9999/run-1/decide", [
                ("csrf", csrf), ("decision", "approve"), ("private_key", fixture.keys["alice"]!.pem),
            ], cookie: cookie)
            #expect(form.status == 404)
            let api = try await board.client.postJSON("/api/packets/CHG-9999/run-1/decisions",
                                                      ["decision": "approve", "privateKey": fixture.keys["alice"]!.pem],
                                                      token: token, csrf: apiCSRF)
            #expect(api.status == 404)
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
            let answer = try await board.client.postForm("\(fixture.go.page)/decide", [
                ("csrf", csrf), ("decision", "approve"), ("private_key", fixture.keys["dave"]!.pem),
            ], cookie: cookie)
            #expect(answer.status == 422)
            #expect(answer.text.contains("the packet does not verify"))
            #expect(fixture.approvals(fixture.go).isEmpty)
        }
    }
}
