import Foundation
import PatchLabModel

/// Plan runs as one self-contained web page (`report.html`) that a change board member opens in any
/// browser: a verdict banner (GO green, GO WITH WARNINGS amber, NO-GO red) with the counts, then per
/// run its facts, a table of every case, each case that did not pass with its expected and actual
/// results side by side and its output, and the passed cases with what they checked.
///
/// Nothing on the page can run or load: there is no script, no external resource, and a
/// Content-Security-Policy that forbids both in case a guest's text ever slipped through. Every piece
/// of guest and plan text goes through ``ReportText``, so `<script>` reads as text and terminal escape
/// codes show as `␛[31m`. The page is also well-formed XML, so tests (and tools) can parse it strictly.
public enum HTMLReport {
    public static func render(_ runs: [PlanRunResult]) -> String {
        let totals = ReportTotals(runs)
        var html = Markup()
        html.openPage()
        let plans = totals.planIDs.isEmpty ? "no plan run" : totals.planIDs.joined(separator: ", ")
        html.element("title", text: "\(totals.verdict.title) · Test report: \(plans)")
        html.open("style")
        html.raw(HTMLStyle.css)
        html.close()
        html.close()

        html.open("body")
        html.element("h1", text: "Test report: \(plans)")
        banner(totals, runs: runs, into: &html)
        for (index, run) in runs.enumerated() {
            section(run, number: index + 1, into: &html)
        }
        html.close()
        html.close()
        return html.text
    }

    /// - Parameter statesVerdict: mark the banner as the page's statement of the verdict
    ///   (`data-verdict`), as a packet summary does for ``PacketSummaryHTML/statedVerdict(in:)``.
    static func banner(_ totals: ReportTotals, runs: [PlanRunResult], statesVerdict: Bool = false, into html: inout Markup) {
        html.open(
            "header",
            [("class", "banner \(totals.verdict.rawValue)"), ("role", "status")]
                + (statesVerdict ? [("data-verdict", totals.verdict.title)] : []))
        html.element("p", [("class", "verdict")], text: totals.verdict.title)
        let span =
            runs.isEmpty
            ? "No plan was run, so there is no evidence to approve."
            : "\(runs.count == 1 ? "1 run" : "\(runs.count) runs") on lab \(Set(runs.map(\.lab)).sorted().joined(separator: ", "))"
                + ", started \(totals.startedAt.map(ReportFormat.dateTime) ?? "–"), \(ReportFormat.duration(totals.durationSeconds))"
        html.element("p", text: span)
        html.open("ul", [("class", "counts")])
        html.element("li", text: totals.total == 1 ? "1 case" : "\(totals.total) cases")
        for state in ResultState.allCases {
            html.element(
                "li", [("class", "state-\(state.rawValue)")],
                text: "\(totals.counts[state] ?? 0) \(ReportFormat.stateTitle(state).lowercased())")
        }
        html.close()
        html.close()
    }

    /// - Parameter linkingLogs: the page sits where the logs the results name are (a plan-run
    ///   packet), so each full log is a link.
    static func section(_ run: PlanRunResult, number: Int, linkingLogs: Bool = false, into html: inout Markup) {
        html.open("section", [("class", "run"), ("id", "run-\(number)")])
        html.element("h2", text: "\(ReportFormat.runName(run)): \(run.planTitle)")
        html.element(
            "p", [("class", "banner \(run.verdict.rawValue)")], text: "\(run.verdict.title) · \(ReportFormat.countsLine(run.counts))")
        var facts: [(String, String)] = [
            ("Plan", "\(run.planID) version \(run.planVersion)"), ("Plan digest", run.planDigest), ("Lab", run.lab),
        ]
        if let phase = run.phase { facts.append(("Phase", phase.rawValue)) }
        facts += [
            ("Run", run.runID), ("Started", ReportFormat.dateTime(run.startedAt)),
            ("Ended", ReportFormat.dateTime(run.endedAt)), ("Duration", ReportFormat.duration(run.durationSeconds)),
        ]
        definitions(facts, into: &html)

        html.element("h3", text: "Cases")
        html.open("table", [("class", "cases")])
        html.open("thead")
        row(header: true, ["Case", "Title", "Machine", "Severity", "State", "Duration"], into: &html)
        html.close()
        html.open("tbody")
        for (index, result) in run.results.enumerated() {
            html.open("tr")
            html.open("td")
            html.element("a", [("href", "#\(anchor(run: number, result: index))")], text: result.caseID)
            html.close()
            html.element("td", text: result.title)
            html.element("td", text: result.machine)
            html.element("td", text: result.severity.rawValue)
            html.element("td", [("class", "state state-\(result.state.rawValue)")], text: ReportFormat.stateTitle(result.state))
            html.element("td", [("class", "number")], text: ReportFormat.duration(result.durationSeconds))
            html.close()
        }
        html.close()
        html.close()

        let problems = run.results.enumerated().filter { $0.element.state != .passed }
        if !problems.isEmpty {
            html.element("h3", text: "Cases that did not pass")
            for (index, result) in problems {
                detail(result, id: anchor(run: number, result: index), linkingLogs: linkingLogs, into: &html)
            }
        }
        let passed = run.results.enumerated().filter { $0.element.state == .passed }
        if !passed.isEmpty {
            html.element("h3", text: "Passed cases")
            html.open("table", [("class", "passed")])
            html.open("thead")
            row(header: true, ["Case", "Machine", "Title", "Expected results (all met)"], into: &html)
            html.close()
            html.open("tbody")
            for (index, result) in passed {
                html.open("tr", [("id", anchor(run: number, result: index))])
                html.element("td", text: result.caseID)
                html.element("td", text: result.machine)
                html.element("td", text: result.title)
                html.open("td")
                for outcome in result.outcomes { html.element("div", text: outcome.expected) }
                html.close()
                html.close()
            }
            html.close()
            html.close()
        }
        html.close()
    }

    private static func detail(_ result: CaseResult, id: String, linkingLogs: Bool, into html: inout Markup) {
        html.open("article", [("class", "case \(result.state.rawValue)"), ("id", id)])
        html.element("h4", text: "\(ReportFormat.resultName(result)): \(result.title)")
        var facts: [(String, String)] = [
            ("State", ReportFormat.stateTitle(result.state)), ("Severity", result.severity.rawValue),
        ]
        if let functionality = result.functionality { facts.append(("Functionality", functionality)) }
        facts += [("Attempts", String(result.attempts)), ("Duration", ReportFormat.duration(result.durationSeconds))]
        if let exitCode = result.exitCode { facts.append(("Exit status", String(exitCode))) }
        if let message = result.message { facts.append(("Message", message)) }
        if let waiver = result.waiver { facts.append(("Waiver", ReportFormat.waiverLine(waiver))) }
        definitions(facts, into: &html)
        html.outcomesTable(result.outcomes)
        for (name, output, log) in [("stdout", result.stdout, result.stdoutLog), ("stderr", result.stderr, result.stderrLog)] {
            guard !output.isEmpty || log != nil else { continue }
            if let log, linkingLogs {
                html.open("h5")
                html.element("span", text: "\(name) (full log:")
                html.fileLink(log)
                html.element("span", text: ")")
                html.close()
            } else {
                html.element("h5", text: name + (log.map { " (full log: \($0))" } ?? ""))
            }
            if output.isEmpty {
                html.element("p", [("class", "muted")], text: "(empty)")
            } else {
                html.element("pre", text: output)
            }
        }
        html.close()
    }

    private static func definitions(_ facts: [(String, String)], into html: inout Markup) {
        html.open("dl", [("class", "facts")])
        for (name, value) in facts {
            html.element("dt", text: name)
            html.element("dd", text: value)
        }
        html.close()
    }

    private static func row(header: Bool, _ cells: [String], into html: inout Markup) {
        html.open("tr")
        for cell in cells { html.element(header ? "th" : "td", text: cell) }
        html.close()
    }

    /// Case anchors are numbered, not named after case ids, so any id (and a case on two machines)
    /// gives a valid, unique fragment.
    private static func anchor(run: Int, result: Int) -> String {
        "run-\(run)-case-\(result + 1)"
    }
}
