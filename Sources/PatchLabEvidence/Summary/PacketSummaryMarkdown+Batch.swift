import Foundation
import PatchLabModel

/// `summary.md`'s account of a batch, as the page gives it (``PacketSummaryHTML/batchSection(_:into:)``).
extension PacketSummaryMarkdown {
    static func batch(_ facts: PacketFacts) -> String {
        guard facts.change.isBatch else { return "" }
        var text = "\n## Patches of the batch\n\n"
        text +=
            "\(facts.change.patches.count) patches, applied in this order on each machine. SAFE: passed in a pass where every "
            + "install succeeded and the plans were not NO-GO. CULPRIT: in the smallest set that reproduces the batch's failure.\n\n"
        text += row(["Patch", "Priority", "Verdict", "Why", "Description", "What it alone changed"])
        text += "| --- | --- | --- | --- | --- | --- |\n"
        for patch in facts.batchRows {
            let changes = patch.installs.map { install in
                "\(install.machine): "
                    + (install.diff.map { $0.lines.isEmpty ? "no difference" : $0.lines.joined(separator: "; ") }
                        ?? (install.succeeded ? "installed" : "install FAILED"))
            }.joined(separator: " · ")
            text += row([
                cell(patch.verdict.patch), patch.verdict.priority.rawValue, "**\(patch.verdict.state.title)**",
                cell(patch.verdict.evidence), cell(patch.description), cell(changes.isEmpty ? "not installed" : changes),
            ])
        }
        if let command = facts.followUpCommand {
            text += "\nA change holding every patch but the culprit, to rehearse next:\n\n" + ReportText.markdownFence(command, info: "sh")
        }
        guard let bisection = facts.bisection else { return text }
        text += "\n### Bisection\n\n\(md(bisection.summary))\n\n" + table(facts.bisectionFacts(bisection))
        if !bisection.notes.isEmpty { text += "\n" + bisection.notes.map { "- \(md($0))\n" }.joined() }
        text += "\n" + row(["Step", "Patches applied", "Outcome", "Plans", "Reverts", "Evidence"])
        text += "| ---: | --- | --- | --- | ---: | --- |\n"
        for step in bisection.steps {
            let plans = step.planRuns.isEmpty ? "not run" : step.planRuns.map { "\($0.planID) \($0.verdict.title)" }.joined(separator: ", ")
            let files = facts.stepFiles(step).map(link).joined(separator: "<br>")
            text += row([
                "\(step.number)", cell(step.patches.joined(separator: ", ")), cell(PacketFacts.stepOutcome(step)), cell(plans),
                "\(step.reverts)", files.isEmpty ? "no results" : files,
            ])
        }
        return text
    }
}
