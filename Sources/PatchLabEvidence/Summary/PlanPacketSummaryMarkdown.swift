import Foundation
import PatchLabModel

/// `summary.md` of a plan-run packet: the same content as ``PlanPacketSummaryHTML`` for a ticket.
/// The verdict is stated once, alone on its line, as ``PacketSummaryMarkdown/statedVerdict(in:)``
/// reads it; the run itself is the Markdown report's.
public enum PlanPacketSummaryMarkdown {
    public static func render(_ overview: PlanPacketOverview) -> String {
        let result = overview.result
        var text = "# Plan run \(md(result.planID)): \(md(result.planTitle))\n\n"
        text += "**Verdict: \(result.verdict.title)**\n\n"
        text += ReportFormat.countsLine(result.counts) + "\n\n"
        text += "## The run\n\n| | |\n| --- | --- |\n"
        text += overview.runFacts.map { "| \(cell($0.0)) | \(cell($0.1)) |\n" }.joined()
        text += "\n## Machines and the production hosts they mirror\n\n"
        if overview.lab == nil { text += "The lab file could not be read, so the production hosts are not known.\n\n" }
        text += "| Machine | Mirrors (production host) | Role | Criticality | Golden image | Image sha256 |\n"
        text += "| --- | --- | --- | --- | --- | --- |\n"
        for machine in overview.machines {
            let cells = [machine.name, machine.mirrors, machine.role, machine.criticality, machine.image, machine.imageSHA256]
            text += "| " + cells.map { cell($0 ?? "unknown") }.joined(separator: " | ") + " |\n"
        }
        // The report's own heading and verdict line would state the verdict a second time.
        let report = MarkdownReport.render([result])
        text +=
            "\n"
            + report.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("## ") }
            .joined(separator: "\n")
        text += "\n## Files of this packet\n"
        for group in PacketFacts.fileGroups(overview.files) {
            text += "\n### \(md(group.title))\n\n"
            text += group.files.map { path in
                PacketFacts.href(path).map { "- [\(md(path))](\($0))\n" } ?? "- \(md(path))\n"
            }.joined()
        }
        return text
    }

    private static func md(_ text: String) -> String { ReportText.markdown(text) }
    private static func cell(_ text: String) -> String { ReportText.markdownCell(text) }
}
