import Foundation
import Testing
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

@Suite struct MarkdownReportTests {
    let runs = SampleRuns.all()
    var text: String { MarkdownReport.render(runs) }

    @Test func summaryComesFirst() {
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "# Test report: WEB")
        #expect(lines[1] == "**Verdict: NO-GO** · 8 cases: 3 passed, 1 failed, 1 error, 1 skipped, 1 waived, 1 timed out · 52.5 s")
        let facts = MarkdownSupport.table(after: "| | |", in: text, occurrence: 1).map(MarkdownSupport.cells)
        let byName = Dictionary(uniqueKeysWithValues: facts.map { ($0[0], $0[1]) })
        #expect(byName["Verdict"] == "**NO-GO**")
        #expect(byName["Lab"] == "demo")
        #expect(byName["Phase"] == "post-patch")
        #expect(byName["Run"] == "`run-20260101-100000-ab12`")
        #expect(byName["Plan"] == "WEB version 1.0")
        #expect(byName["Duration"] == "42.5 s")
        #expect(byName["Results"] == "7 cases: 2 passed, 1 failed, 1 error, 1 skipped, 1 waived, 1 timed out")
        #expect(text.contains("## WEB (post-patch): Web tier acceptance \\<test\\>"))
    }

    @Test func caseTableHasOneIntactRowPerResult() throws {
        let header = "| Case | Title | Machine | Severity | State | Duration |"
        let rows = MarkdownSupport.table(after: header, in: text, occurrence: 1)
        let run = SampleRuns.postPatch()
        #expect(rows.count == run.results.count)
        for (row, result) in zip(rows, run.results) {
            let cells = MarkdownSupport.cells(row)
            #expect(cells.count == 6, "\(row)")
            #expect(cells.first == result.caseID)
            #expect(cells[2] == result.machine)
            #expect(cells[3] == result.severity.rawValue)
            #expect(cells[4].contains(ReportFormat.stateTitle(result.state)))
        }
        // The title's own pipe is escaped, so it stays in its cell.
        #expect(MarkdownSupport.cells(rows[2])[1] == "Home page \\| welcome")
    }

    @Test func failedCaseShowsExpectedBesideActual() throws {
        let rows = MarkdownSupport.table(after: "| Result | Expected | Actual |", in: text)
        #expect(rows.count == 2)
        let first = MarkdownSupport.cells(rows[0])
        #expect(first.count == 3, "\(rows[0])")
        #expect(first[0] == "**not met**")
        #expect(first[1] == "`stdout contains \"Welcome to nginx!\"`")
        // The actual value holds backticks, a pipe and HTML: a longer fence, an escaped pipe, text.
        #expect(first[2].hasPrefix("````stdout was \"<script>alert(1)</script>"))
        #expect(first[2].contains("a\\|b"))
        #expect(first[2].hasSuffix("\"````"))
        let second = MarkdownSupport.cells(rows[1])
        #expect(second == ["**not met**", "`GET http://127.0.0.1/ answers status 200`", "`it answered status 502 \\| Bad Gateway`"])
        #expect(text.contains("#### WEB-002 on web-01: Home page \\| welcome — FAILED"))
        #expect(text.contains("- Severity critical · attempts 2 · duration 3.25 s · exit status 22"))
    }

    @Test func outputSitsInFencesNoLineCanClose() throws {
        let blocks = MarkdownSupport.fencedBlocks(text)
        let visible = "<script>alert(1)</script> ]]> \"&' ␛[31mred␛[0m nul:␀: a|b ```fence``` `tick`\nsecond line"
        // stdout and stderr of the failed case, the waived case's stdout, the timed-out case's two.
        #expect(
            blocks.map(\.content) == [
                visible, "curl: (22) 502 <b>bad</b>", "Server: nginx/1.22.1",
                "partial ␛[2Kout", visible,
            ])
        #expect(blocks.allSatisfy { $0.info == "text" })
        #expect(text.contains("stdout (full log: `logs/WEB-002@web-01.stdout.log`):\n\n````text\n"))
    }

    @Test func guestTextOutsideCodeIsEscaped() {
        #expect(text.contains("- **Message:** machine web-02 unreachable: \\<script\\>alert(2)\\</script\\> \\| guest agent not answering"))
        #expect(text.contains("- **Waiver:** waived: Known issue INC-42 \\| fixed in 1.23 (expires 2026-12-31, approved by CAB)"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.contains("\r"))
        // Every `<script` is escaped, or inside a fence or a code span (the one actual value).
        let outsideFences = MarkdownSupport.fencedBlocks(text).reduce(text) { rest, block in
            rest.replacingOccurrences(of: block.content, with: "")
        }
        let unescaped = outsideFences.split(separator: "\n")
            .filter { $0.replacingOccurrences(of: "\\<script", with: "").contains("<script") }
        #expect(unescaped.count == 1)
        for line in unescaped {
            #expect(line.hasPrefix("| **not met** | ") && line.contains("````stdout was \"<script>"), "\(line)")
        }
    }

    @Test func passedCasesListTheirExpectedResults() {
        #expect(text.contains("- **WEB-001 on web-01**: nginx is running — `exit status is 0`; `stdout equals \"active\"`\n"))
        #expect(text.contains("- **WEB-001 on web-02**: nginx is running — `exit status is 0`\n"))
    }

    @Test func noRunsSaysSo() {
        let text = MarkdownReport.render([])
        #expect(text.contains("**Verdict: NO-GO** · 0 cases"))
        #expect(text.contains("No plan was run"))
    }

    @Test func isDeterministic() {
        #expect(MarkdownReport.render(runs) == MarkdownReport.render(runs))
    }
}
