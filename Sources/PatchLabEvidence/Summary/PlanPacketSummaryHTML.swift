import Foundation
import PatchLabModel

/// `summary.html` of a plan-run packet: the verdict banner (stated for ``PacketSummaryHTML/statedVerdict(in:)``),
/// the run's facts, the machines and the production hosts they mirror, then the run as the HTML
/// report shows it (every case, expected against actual, output, links to the full logs) and a
/// link to every file of the packet. Self-contained and script-free like every PatchLab page.
public enum PlanPacketSummaryHTML {
    public static func render(_ overview: PlanPacketOverview) -> String {
        let result = overview.result
        let totals = ReportTotals([result])
        var html = Markup()
        html.openPage()
        html.empty("meta", [("name", PacketSummaryHTML.verdictMeta), ("content", totals.verdict.title)])
        html.element("title", text: "\(totals.verdict.title) · Plan run \(result.planID): \(result.planTitle)")
        html.open("style")
        html.raw(PacketSummaryStyle.css)
        html.close()
        html.close()

        html.open("body")
        html.element("h1", text: "Plan run \(result.planID): \(result.planTitle)")
        HTMLReport.banner(totals, runs: [result], statesVerdict: true, into: &html)
        html.open("section", [("id", "run")])
        html.element("h2", text: "The run")
        html.definitions(overview.runFacts)
        html.close()
        machines(overview, into: &html)
        HTMLReport.section(result, number: 1, linkingLogs: true, into: &html)
        html.open("section", [("id", "files")])
        html.element("h2", text: "Files of this packet")
        for group in PacketFacts.fileGroups(overview.files) {
            html.element("h3", text: group.title)
            html.fileLinks(group.files, none: "none")
        }
        html.close()
        html.close()
        html.close()
        return html.text
    }

    private static func machines(_ overview: PlanPacketOverview, into html: inout Markup) {
        html.open("section", [("id", "machines")])
        html.element("h2", text: "Machines and the production hosts they mirror")
        if overview.lab == nil {
            html.element("p", [("class", "muted")], text: "The lab file could not be read, so the production hosts are not known.")
        }
        html.open("table", [("class", "machines")])
        html.headerRow(["Machine", "Mirrors (production host)", "Role", "Criticality", "Golden image", "Image sha256"])
        html.open("tbody")
        for machine in overview.machines {
            html.open("tr")
            for cell in [machine.name, machine.mirrors, machine.role, machine.criticality, machine.image, machine.imageSHA256] {
                html.element("td", text: cell ?? "unknown")
            }
            html.close()
        }
        html.close()
        html.close()
        html.close()
    }
}
