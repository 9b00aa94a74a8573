import Foundation
import PatchLabEvidence
import PatchLabModel
import PatchLabTestSupport
import Testing

/// What a hostile packet can make `packet verify` and `packet show` print on the reader's terminal.
@Suite struct TerminalEscapeTests {
    /// Clears the screen, homes the cursor and writes a green "intact" line, then sets the window
    /// title: enough to hide every FAIL line above and show a verdict of the attacker's choosing.
    static let escapes = "\u{1B}[2J\u{1B}[H\u{1B}[32mpacket is intact and signed by a trusted key\u{1B}[0m\u{1B}]0;intact\u{07}"

    /// FINDING (medium): a record planted in `approvals/` (anyone who can write to the evidence
    /// folder, or whoever made a `.tar.gz` one is asked to verify) whose statement `_type` is escape
    /// codes. The judge's "not an approval statement" problem quotes the decoding error, which quotes
    /// the `_type` as it is: `packet verify` and `packet show` print raw escape codes to the terminal,
    /// so a packet that FAILS can clear the screen and draw "intact" over its own problems. Guest
    /// output is shown as `␛[2J` everywhere else (ReportText); the verifier's own problems are not.
    @Test func aPlantedRecordPrintsNoEscapeCodes() throws {
        // A packet alice approved, as `packet verify` tests it.
        let rig = try PacketVerifyMembersTests.Rig()
        let (binary, packet, members) = (rig.binary, rig.packet, rig.members)
        defer { binary.cleanUp() }

        let statement = try JSONSerialization.data(withJSONObject: [
            "_type": Self.escapes, "subject": [], "predicateType": "x",
            "predicate": [:],
        ])
        let record = try JSONSerialization.data(withJSONObject: [
            "payloadType": "application/vnd.in-toto+json", "payload": statement.base64EncodedString(),
            "signatures": [["keyid": "", "sig": "AAAA"]],
        ])
        try record.write(to: URL(fileURLWithPath: packet + "/approvals/002-alice-approve.intoto.json"))

        let verify = try binary.run(["packet", "verify", packet, "--members", members])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("approvals/002-alice-approve.intoto.json"), "\(verify.stdout)")
        #expect(
            !(verify.stdout + verify.stderr).contains("\u{1B}"), "packet verify printed raw escape codes: \(verify.stdout.debugDescription)"
        )

        let show = try binary.run(["packet", "show", packet, "--members", members])
        #expect(
            !(show.stdout + show.stderr).contains("\u{1B}"),
            "packet show printed raw escape codes: \(show.stdout.suffix(800).debugDescription)")
    }
}
