import Foundation
import PatchLabModel

/// Plan runs as Markdown (`report.md`), for a merge request, a ticket or a change record: the
/// verdict and counts first, a table of every case, then each case that did not pass with its
/// expected and actual results side by side and its output, and last the passed cases briefly.
///
/// All text from guests and plans goes through ``ReportText``: output sits in fenced blocks whose
/// fence no output can close, table cells escape `|` and fold line ends, and terminal escape codes
/// show as `␛[31m`.
public enum MarkdownReport {
    public static func render(_ runs: [PlanRunResult]) -> String {
        let totals = ReportTotals(runs)
        let plans = totals.planIDs.isEmpty ? "no plan run" : totals.planIDs.joined(separator: ", ")
        var text = "# Test report: \(ReportText.markdown(plans))\n\n"
        text += "**Verdict: \(totals.verdict.title)** · \(ReportFormat.countsLine(totals.counts))"
        text += " · \(ReportFormat.duration(totals.durationSeconds))\n"
        if runs.isEmpty { text += "\nNo plan was run, so there is no evidence to approve.\n" }
        for run in runs {
            text += "\n" + section(run)
        }
        return text
    }

    private static func section(_ run: PlanRunResult) -> String {
        var text = "## \(ReportText.markdown(ReportFormat.runName(run))): \(ReportText.markdown(run.planTitle))\n\n"
        text += "| | |\n| --- | --- |\n"
        var facts: [(String, String)] = [
            ("Verdict", "**\(run.verdict.title)**"),
            ("Results", ReportFormat.countsLine(run.counts)),
            ("Plan", "\(ReportText.markdown(run.planID)) version \(ReportText.markdown(run.planVersion))"),
            ("Plan digest", ReportText.markdownCode(run.planDigest, inTable: true)),
            ("Lab", ReportText.markdownCell(run.lab)),
        ]
        if let phase = run.phase { facts.append(("Phase", ReportText.markdownCell(phase.rawValue))) }
        facts += [
            ("Run", ReportText.markdownCode(run.runID, inTable: true)),
            ("Started", ReportFormat.dateTime(run.startedAt)),
            ("Ended", ReportFormat.dateTime(run.endedAt)),
            ("Duration", ReportFormat.duration(run.durationSeconds)),
        ]
        for (name, value) in facts { text += "| \(name) | \(value) |\n" }

        text += "\n### Cases\n\n"
        text += "| Case | Title | Machine | Severity | State | Duration |\n"
        text += "| --- | --- | --- | --- | --- | ---: |\n"
        for result in run.results {
            let cells = [
                ReportText.markdownCell(result.caseID), ReportText.markdownCell(result.title),
                ReportText.markdownCell(result.machine), result.severity.rawValue,
                result.state == .passed ? ReportFormat.stateTitle(result.state) : "**\(ReportFormat.stateTitle(result.state))**",
                ReportFormat.duration(result.durationSeconds),
            ]
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        if run.results.isEmpty { text += "\nThe run has no results.\n" }

        let problems = run.results.filter { $0.state != .passed }
        if !problems.isEmpty {
            text += "\n### Cases that did not pass\n"
            for result in problems { text += "\n" + detail(result) }
        }
        let passed = run.results.filter { $0.state == .passed }
        if !passed.isEmpty {
            text += "\n### Passed cases\n\n"
            for result in passed {
                let expected = result.outcomes.map { ReportText.markdownCode($0.expected) }.joined(separator: "; ")
                text += "- **\(ReportText.markdown(ReportFormat.resultName(result)))**: \(ReportText.markdown(result.title))"
                text += expected.isEmpty ? "\n" : " — \(expected)\n"
            }
        }
        return text
    }

    private static func detail(_ result: CaseResult) -> String {
        var text = "#### \(ReportText.markdown(ReportFormat.resultName(result))): \(ReportText.markdown(result.title))"
        text += " — \(ReportFormat.stateTitle(result.state))\n\n"
        var facts = [
            "Severity \(result.severity.rawValue)", "attempts \(result.attempts)",
            "duration \(ReportFormat.duration(result.durationSeconds))",
        ]
        if let exitCode = result.exitCode { facts.append("exit status \(exitCode)") }
        if let functionality = result.functionality { facts.append("functionality: \(ReportText.markdown(functionality))") }
        text += "- " + facts.joined(separator: " · ") + "\n"
        if let message = result.message { text += "- **Message:** \(ReportText.markdown(message))\n" }
        if let waiver = result.waiver { text += "- **Waiver:** \(ReportText.markdown(ReportFormat.waiverLine(waiver)))\n" }
        if !result.outcomes.isEmpty {
            text += "\n| Result | Expected | Actual |\n| --- | --- | --- |\n"
            for outcome in result.outcomes {
                let mark = outcome.passed ? "met" : outcome.inconclusive ? "**inconclusive**" : "**not met**"
                text += "| \(mark) | \(ReportText.markdownCode(outcome.expected, inTable: true)) "
                text += "| \(ReportText.markdownCode(outcome.actual, inTable: true)) |\n"
            }
        }
        for (name, output, log) in [("stdout", result.stdout, result.stdoutLog), ("stderr", result.stderr, result.stderrLog)] {
            guard !output.isEmpty || log != nil else { continue }
            let logNote = log.map { " (full log: \(ReportText.markdownCode($0)))" } ?? ""
            text += "\n\(name)\(logNote):\n\n"
            text += output.isEmpty ? "*(empty)*\n" : ReportText.markdownFence(output)
        }
        return text
    }
}
