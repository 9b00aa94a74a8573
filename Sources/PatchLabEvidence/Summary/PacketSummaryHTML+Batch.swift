import Foundation
import PatchLabModel

/// The page's account of a batch: every patch with its verdict (which are safe to go), what each
/// alone changed, and the bisection that found the culprit of a failed batch, step by step.
extension PacketSummaryHTML {
    static func batchSection(_ facts: PacketFacts, into html: inout Markup) {
        guard facts.change.isBatch else { return }
        html.open("section", [("id", "batch")])
        html.element("h2", text: title(of: "batch"))
        html.element(
            "p",
            text: "\(facts.change.patches.count) patches, applied in this order on each machine. "
                + "SAFE: passed in a pass where every install succeeded and the plans were not NO-GO. "
                + "CULPRIT: in the smallest set that reproduces the batch's failure.")
        // Not `data-verdict`: the page states the change's verdict in exactly one such attribute.
        html.open("table", [("class", "batch-patches")])
        html.headerRow(["Patch", "Priority", "Verdict", "Why", "Description", "Files", "What it alone changed"])
        html.open("tbody")
        for row in facts.batchRows {
            html.open("tr", [("data-patch", row.verdict.patch), ("data-patch-verdict", row.verdict.state.rawValue)])
            html.element("td", text: row.verdict.patch)
            html.element("td", text: row.verdict.priority.rawValue)
            html.element("td", [("class", "patch-verdict \(row.verdict.state.rawValue)")], text: row.verdict.state.title)
            html.element("td", text: row.verdict.evidence)
            html.element("td", text: row.description)
            html.element("td", text: row.files.isEmpty ? "none" : row.files.joined(separator: ", "))
            html.open("td")
            if row.installs.isEmpty { html.element("span", [("class", "muted")], text: "not installed in the batch's pass") }
            for install in row.installs {
                html.element(
                    "p",
                    text: "\(facts.machineWithMirror(install.machine)): "
                        + (install.succeeded ? "installed" : "install FAILED: \(install.message ?? "")"))
                if let diff = install.diff { diffLines(diff, into: &html) }
            }
            html.close()
            html.close()
        }
        html.close()
        html.close()
        if let command = facts.followUpCommand {
            html.element("p", text: "A change holding every patch but the culprit, to rehearse next:")
            html.element("pre", text: command)
        }
        if let bisection = facts.bisection { bisectionPart(bisection, facts, into: &html) }
        html.close()
    }

    private static func bisectionPart(_ bisection: Bisection, _ facts: PacketFacts, into html: inout Markup) {
        html.element("h3", text: "Bisection")
        html.element("p", text: bisection.summary)
        html.definitions(facts.bisectionFacts(bisection))
        if !bisection.notes.isEmpty {
            html.open("ul", [("class", "notes")])
            for note in bisection.notes { html.element("li", text: note) }
            html.close()
        }
        html.open("table", [("class", "bisection-steps")])
        html.headerRow(["Step", "Patches applied", "Outcome", "Plans", "Reverts", "Evidence"])
        html.open("tbody")
        for step in bisection.steps {
            html.open("tr", [("data-step", "\(step.number)"), ("data-outcome", step.outcome.rawValue)])
            html.element("td", [("class", "number")], text: "\(step.number)")
            html.element("td", text: step.patches.joined(separator: ", "))
            html.element("td", text: PacketFacts.stepOutcome(step))
            html.element(
                "td",
                text: step.planRuns.isEmpty
                    ? "not run"
                    : step.planRuns.map { "\($0.planID) \($0.verdict.title)" }
                        .joined(separator: ", "))
            html.element("td", [("class", "number")], text: "\(step.reverts)")
            html.open("td")
            html.fileLinks(facts.stepFiles(step), none: "no results (an install failed)")
            html.close()
            html.close()
        }
        html.close()
        html.close()
    }
}
