import Foundation
import PatchLabBoard
@testable import PatchLabEvidence
import PatchLabModel
import PatchLabTestSupport
import Testing

/// A board that lies in its drafts ("draft a statement that differs from what the member chose" is
/// in the board's threat model): the signer on the member's side — the decision page's script in a
/// real Chromium, and `patchlab approve --board` — must sign only what the member chose. The honest
/// draft comes first in each test: it must be signed, so a refusal is the check's and not the rig's.
@Suite(.serialized, .timeLimit(.minutes(10))) struct LyingBoardTests {
    /// FINDING (medium): the page's script checks decision, member, comment, conditions and run, and
    /// signs anything else the board put in the draft: an emergency justification and incident the
    /// member never wrote (an emergency approval under their name), any decision time, another
    /// payload type (the member's key signs a packet manifest: a cross-protocol signature, which
    /// verifies wherever that key is trusted as a packet signer — `keys generate` trusts every key it
    /// makes on its host), another predicate type — and a JSON text with a duplicate `decision`, of
    /// which it checks the last value and the judge counts the first: the member chose and checked
    /// "reject", and the record counts as an approval.
    @Test func theDecisionPageSignsOnlyWhatTheMemberChose() async throws {
        let fixture = try BoardFixture()
        let keyFolder = try TemporaryDirectory("member-key")
        _ = try fixture.keys["dave"]!.write(to: keyFolder.path("dave.key"))
        let liar = MaliciousBoard()
        try await copyTheRealPage(fixture, into: liar)
        let desk = ApprovalDesk(board: fixture.board, trustedKeys: fixture.trusted)
        // Dated now by this machine's clock, as a true board would: a signer may well compare the time with its own.
        let drafts = try LyingDraft.all(desk: desk, packet: fixture.go.folder, member: "dave", now: Date())
        let keyid = fixture.keys["dave"]!.publicKey.keyID

        try await liar.run { port in
            try await WebDriver.with { browser in
                let page = "http://127.0.0.1:\(port)\(fixture.go.page)"
                for draft in drafts {
                    try liar.setDraft(payloadType: draft.payloadType, payload: draft.payload, keyid: keyid)
                    try await browser.open(page)
                    #expect(try await browser.waitForAttribute("data-ready", of: "#decision-form", toBe: "yes") == "yes", "\(draft)")
                    try await browser.click("#decision option[value=\"\(draft.decision.rawValue)\"]")
                    if let comment = draft.comment { try await browser.type(comment, into: "#comment") }
                    try await browser.type(keyFolder.path("dave.key"), into: "#key_file")
                    try await browser.click("#submit-decision")
                    let said = try await outcome(browser, liar)
                    expectSigned(onlyIfHonest: draft, filed: liar.filed, said: said)
                    if !draft.honest {
                        // The page said why it signed nothing (not a script that failed silently).
                        #expect(said.hasPrefix("Not recorded: "), "\(draft): \(said)")
                    }
                }
            }
        }
    }

    /// FINDING (medium): `patchlab approve --board` checks the draft's payload type, predicate type,
    /// decision, member, change, run, conditions and comment — but signs whatever emergency texts
    /// and decision time the board put in, and a JSON text with a duplicate key, which readers other
    /// than Swift's JSONDecoder (Python, jq, JavaScript) read as another decision.
    @Test func approveThroughTheBoardSignsOnlyWhatTheMemberChose() async throws {
        let fixture = try BoardFixture()
        let cli = PatchlabBinary()
        defer { cli.cleanUp() }
        let daveKey = try cli.write("dave.key", fixture.keys["dave"]!.pem)
        let liar = MaliciousBoard()
        try await copyTheRealPage(fixture, into: liar)
        let desk = ApprovalDesk(board: fixture.board, trustedKeys: fixture.trusted)
        let drafts = try LyingDraft.all(desk: desk, packet: fixture.go.folder, member: "dave", now: Date()).filter(\.commandLine)
        let keyid = fixture.keys["dave"]!.publicKey.keyID

        try await liar.run { port in
            for draft in drafts {
                try liar.setDraft(payloadType: draft.payloadType, payload: draft.payload, keyid: keyid)
                var arguments = [
                    "approve", "\(fixture.go.change)/\(fixture.go.run)", "--board", "http://127.0.0.1:\(port)", "--as", "dave",
                    "--key", daveKey, "--decision", draft.decision.rawValue,
                ]
                if let comment = draft.comment { arguments += ["--comment", comment] }
                let run = try await cli.runDetached(arguments, environment: ["PATCHLAB_BOARD_SECRET": "anything"])
                #expect((run.status == 0) == draft.honest, "\(draft): exit \(run.status) \(run.stdout)")
                expectSigned(onlyIfHonest: draft, filed: liar.filed, said: run.stderr)
            }
        }
    }

    /// Signs dave in to a real board and copies its packet page (with its policy) and script to `liar`.
    private func copyTheRealPage(_ fixture: BoardFixture, into liar: MaliciousBoard) async throws {
        try await RunningBoard.with(fixture.settings()) { board in
            let (cookie, _) = try await board.signIn("dave")
            let page = try await board.client.get(fixture.go.page, cookie: cookie)
            liar.servePage(fixture.go.page, html: page.text, policy: try #require(page.header("Content-Security-Policy")))
            liar.serveScript(try await board.client.get("/assets/decision.js", cookie: cookie).text)
            // The signers check the draft's subject against the packet's manifest, as the board serves it.
            let manifest = "\(fixture.go.page)/files/manifest.json"
            liar.servePage(manifest, html: try await board.client.get(manifest, cookie: cookie).text, policy: "default-src 'none'")
            let signature = "\(fixture.go.page)/files/manifest.sig.json"
            liar.servePage(signature, html: try await board.client.get(signature, cookie: cookie).text, policy: "default-src 'none'")
        }
    }

    /// The honest draft was signed and filed, once; a lying one was not signed at all.
    private func expectSigned(
        onlyIfHonest draft: LyingDraft, filed: [Data], said: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        if draft.honest {
            #expect(filed.count == 1, "the honest draft was not signed: \(said)", sourceLocation: sourceLocation)
        } else {
            #expect(
                filed.isEmpty, "signed a draft with \(draft): the judge reads it as \(Self.reading(filed.first))",
                sourceLocation: sourceLocation)
        }
    }

    /// Waits until the page filed a record or said why not; what it said.
    private func outcome(_ browser: WebDriver, _ liar: MaliciousBoard) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if !liar.filed.isEmpty { return "filed" }
            // The page reloads once it filed: an element may go stale under the question. WebDriver's
            // text is the rendered text, empty while the status is hidden.
            if let said = try? await browser.text(of: "#decision-status"), !said.isEmpty {
                return said
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return "nothing within 20 s"
    }

    /// What PatchLab's judge reads from a filed envelope.
    private static func reading(_ envelope: Data?) -> String {
        guard let envelope, let decoded = try? DSSEEnvelope.decode(envelope) else { return "nothing" }
        guard let statement = try? InTotoStatement<ApprovalPredicate>.decode(decoded.payload) else {
            if let manifest = try? PacketJSON.decoder.decode(PacketManifest.self, from: decoded.payload) {
                return "a packet manifest (run \(manifest.runID), \(manifest.files.count) files, verdict \(manifest.verdict)) "
                    + "signed with the member's key as '\(decoded.payloadType)'"
            }
            return "a '\(decoded.payloadType)' payload signed by the member"
        }
        let predicate = statement.predicate
        return "\(predicate.decision.rawValue) by \(predicate.approver.id) at \(predicate.decidedAt), "
            + "emergency \(predicate.emergency.map { "\($0.incident): \($0.justification)" } ?? "none")"
    }
}
