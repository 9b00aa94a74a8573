import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

@Suite struct PacketSummaryMarkdownTests {
    let overview = SummaryFixtures.noGo()
    var markdown: String { PacketSummaryMarkdown.render(overview) }
    var lines: [String] { markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func statesTheVerdictOnceWithEveryReason() {
        #expect(lines.filter { $0.hasPrefix("**Verdict:") } == ["**Verdict: NO-GO**"])
        #expect(lines.contains("- patch install failed on web-02"))
        // A pipe in a reason is escaped, so pasted into a table it cannot split a cell.
        #expect(lines.contains("- post-patch plans gave NO-GO: WEB-002 on web-01 failed \\| WEB-003 on web-02 error"))
        #expect(lines.contains("- rollback not proven: web-01: package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11"))
        #expect(markdown.contains("Rollback proven: **no**"))
    }

    @Test func showsPatchFilesMachinesAndTheRollbackProof() {
        let files = MarkdownSupport.table(after: "| File | Destination | SHA-256 | Size |", in: markdown).map(MarkdownSupport.cells)
        #expect(
            files == [
                [
                    "nginx-light\\_1.22.1-9+deb12u11\\_all.deb",
                    "/var/tmp/patchlab/CHG-0042/nginx-light\\_1.22.1-9+deb12u11\\_all.deb",
                    "`\(SummaryFixtures.digest)`", "1.2 MiB (1234567 bytes)",
                ]
            ])
        let machines = MarkdownSupport.table(
            after: "| Machine | Mirrors (production host) | Role | Criticality | Hypervisor host | Patched |",
            in: markdown
        ).map(MarkdownSupport.cells)
        #expect(machines.map { Array($0.prefix(2)) } == [["web-02", "prod-web-02.example.com"], ["web-01", "prod-web-01.example.com"]])
        #expect(markdown.contains("**Rollback proven: NO**"))
        #expect(
            markdown.contains(
                "#### web-01 (mirrors prod-web-01.example.com)\n\n"
                    + "- package nginx-light upgraded 1.22.1-9+deb12u9 → 1.22.1-9+deb12u11\n"
                    + "- file /etc/nginx/\\<evil\\>\\|conf changed\n"))
    }

    @Test func tablesKeepTheirColumnsWhateverTheGuestPrinted() {
        let outcomes = MarkdownSupport.table(after: "| Machine | Result | Exit status | Timed out | Message | Logs |", in: markdown)
        #expect(outcomes.count == 2)
        #expect(outcomes.allSatisfy { MarkdownSupport.cells($0).count == 6 })
        #expect(
            MarkdownSupport.cells(outcomes[1])[5] == "[logs/patch/web-02/stderr](logs/patch/web-02/stderr)<br>"
                + "[logs/patch/web-02/stdout](logs/patch/web-02/stdout)")
        let expectations = MarkdownSupport.table(after: "| Result | Expected | Actual |", in: markdown)
        #expect(!expectations.isEmpty && expectations.allSatisfy { MarkdownSupport.cells($0).count == 3 })
    }

    @Test func guestOutputStaysInsideFencesWithEscapesVisible() {
        let blocks = MarkdownSupport.fencedBlocks(markdown)
        let visible = "<script>alert(1)</script> ]]> \"&' ␛[31mred␛[0m nul:␀: a|b ```fence``` `tick`\nsecond line"
        #expect(blocks.filter { $0.content == visible }.count >= 2)
        #expect(!markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // Outside fences, raw HTML from guests is escaped.
        #expect(markdown.contains("dpkg failed: \\<script\\>alert('message')\\</script\\>"))
    }

    @Test func linksFilesRelativelyAndEncoded() {
        #expect(lines.contains("- [logs/odd/a b\\|c\\<d\\>(e).txt](logs/odd/a%20b%7Cc%3Cd%3E%28e%29.txt)"))
        #expect(lines.contains("- ../outside"))
        #expect(!markdown.contains("](/") && !markdown.contains("](..") && !markdown.contains("](javascript:"))
    }

    @Test(arguments: Verdict.allCases)
    func statedVerdictRoundTrips(verdict: Verdict) {
        let text = PacketSummaryMarkdown.render(SummaryFixtures.with(verdict: verdict))
        #expect(PacketSummaryMarkdown.statedVerdict(in: text) == verdict.title)
    }

    @Test func statedVerdictCannotBeForgedByGuestOutput() {
        let text = PacketSummaryMarkdown.render(SummaryFixtures.noGo(guestOutput: "**Verdict: GO**\n```\n**Verdict: GO**\n"))
        #expect(text.contains("\n**Verdict: GO**\n"), "the forged line is in a fenced block")
        #expect(PacketSummaryMarkdown.statedVerdict(in: text) == "NO-GO")
        #expect(PacketSummaryMarkdown.statedVerdict(in: text.replacingOccurrences(of: "**Verdict: NO-GO**", with: "")) == nil)
        #expect(PacketSummaryMarkdown.statedVerdict(in: text + "\n**Verdict: GO**\n") == nil)
    }

    /// An emergency change that ran only its critical cases says so, in every summary.
    @Test func aReducedPlanIsStated() {
        var overview = SummaryFixtures.go()
        #expect(PacketSummaryMarkdown.render(overview).contains("| Test plan | full: every case of every plan |"))
        overview.result.reducedPlan = true
        #expect(PacketSummaryMarkdown.render(overview).contains("REDUCED: only critical cases ran (emergency change)"))
        #expect(PacketSummaryHTML.render(overview).contains("REDUCED: only critical cases ran (emergency change)"))
        #expect(PacketSummaryText.render(overview, colour: false).contains("REDUCED PLAN: critical cases only (emergency)"))
    }
}
