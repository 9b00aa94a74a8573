import Foundation
import PatchLabModel

/// The page's test results: per phase, each plan run's counts per state, then every case that did
/// not pass with its expected and actual results, its output and links to its logs.
extension PacketSummaryHTML {
    static func testsSection(_ facts: PacketFacts, into html: inout Markup) {
        html.open("section", [("id", "tests")])
        html.element("h2", text: title(of: "tests"))
        let phases = facts.phaseRuns
        if phases.isEmpty { html.element("p", [("class", "muted")], text: "No plan ran.") }
        for phase in phases {
            html.open("section", [("class", "phase"), ("id", "phase-\(phase.phase)")])
            html.element("h3", text: "\(phase.title) · \(phase.phase)")
            html.open("table", [("class", "runs")])
            html.headerRow(
                ["Plan", "Title", "Version", "Verdict"] + ResultState.allCases.map { ReportFormat.stateTitle($0).lowercased() }
                    + ["Duration"])
            html.open("tbody")
            for run in phase.runs {
                html.open("tr")
                html.element("td", text: run.planID)
                html.element("td", text: run.planTitle)
                html.element("td", text: run.planVersion)
                html.element("td", [("class", "state \(run.verdict.rawValue)")], text: run.verdict.title)
                let counts = run.counts
                for state in ResultState.allCases {
                    html.element("td", [("class", "number")], text: String(counts[state] ?? 0))
                }
                html.element("td", [("class", "number")], text: ReportFormat.duration(run.durationSeconds))
                html.close()
            }
            html.close()
            html.close()

            let problems = phase.runs.flatMap { run in run.results.filter { $0.state != .passed }.map { (run, $0) } }
            if problems.isEmpty {
                html.element("p", text: "Every case passed.")
            }
            for (run, result) in problems {
                caseDetail(result, run: run, phase: phase.phase.rawValue, facts: facts, into: &html)
            }
            html.close()
        }
        html.close()
    }

    private static func caseDetail(
        _ result: CaseResult, run: PlanRunResult, phase: String, facts: PacketFacts,
        into html: inout Markup
    ) {
        html.open("article", [("class", "case \(result.state.rawValue)")])
        html.element("h4", text: "\(ReportFormat.resultName(result)): \(result.title) — \(ReportFormat.stateTitle(result.state))")
        var details: [(String, String)] = [("Plan", run.planID), ("Severity", result.severity.rawValue)]
        if let exitCode = result.exitCode { details.append(("Exit status", String(exitCode))) }
        if let message = result.message { details.append(("Message", message)) }
        if let waiver = result.waiver { details.append(("Waiver", ReportFormat.waiverLine(waiver))) }
        html.definitions(details)
        html.outcomesTable(result.outcomes)
        for (name, output) in [("stdout", result.stdout), ("stderr", result.stderr)] where !output.isEmpty {
            html.element("h5", text: name)
            html.element("pre", text: output)
        }
        let logs = facts.caseLogs(phase: phase, run: run, result: result)
        if !logs.isEmpty {
            html.element("h5", text: "Full logs")
            html.fileLinks(logs, none: "none")
        }
        html.close()
    }
}
