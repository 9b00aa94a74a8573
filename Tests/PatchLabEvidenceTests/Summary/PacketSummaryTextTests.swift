import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

@Suite struct PacketSummaryTextTests {
    @Test func fitsATerminalAndSaysWhatMatters() {
        let text = PacketSummaryText.render(SummaryFixtures.noGo(), colour: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect((25...60).contains(lines.count), "\(lines.count) lines:\n\(text)")
        #expect(text.contains("Verdict: NO-GO"))
        for reason in SummaryFixtures.reasons {
            #expect(text.contains("  - \(ReportText.singleLine(reason))"))
        }
        #expect(text.contains("Rollback: NOT PROVEN (snapshot run-20260101-100000-ab12-pre-CHG-0042)"))
        #expect(text.contains("sha256 \(SummaryFixtures.digest)"))
        #expect(text.contains("web-02 (mirrors prod-web-02.example.com): FAILED, exit 1, timed out"))
        #expect(text.contains("WEB-002 on web-01 FAILED: expected stdout contains \"Welcome to nginx!\"; actual "))
        #expect(text.contains("signature names keyid ed25519:ab12cd34 (unverified: run packet verify)"))

        let go = PacketSummaryText.render(SummaryFixtures.go(), colour: false)
        #expect(go.contains("Verdict: GO\n") && go.contains("Rollback: PROVEN"))
    }

    @Test func guestTextCannotDriveTheTerminal() {
        let plain = PacketSummaryText.render(SummaryFixtures.noGo(guestOutput: "\u{1B}[2J\u{1B}[31mboom"), colour: false)
        #expect(!plain.contains("\u{1B}"))
        #expect(!plain.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })

        // With colour, every escape code is one of the summary's own colours.
        let coloured = PacketSummaryText.render(SummaryFixtures.noGo(), colour: true)
        #expect(coloured.contains("\u{1B}[1;31mNO-GO\u{1B}[0m"))
        let stripped = coloured.replacing(/\u{1B}\[(?:1|1;3[123]|0)m/, with: "")
        #expect(!stripped.contains("\u{1B}"))
        #expect(stripped == PacketSummaryText.render(SummaryFixtures.noGo(), colour: false))
    }
}
