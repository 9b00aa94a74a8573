import Foundation
import PatchLabModel

/// The page's fidelity to production: what the change demands, each target's score against the
/// capture of the host it mirrors, where each patched package starts, and per dimension the counts,
/// the score and the differences.
extension PacketSummaryHTML {
    static func fidelitySection(_ facts: PacketFacts, into html: inout Markup) {
        html.open("section", [("id", "fidelity")])
        html.element("h2", text: title(of: "fidelity"))
        html.element("p", [("class", "fidelity"), ("data-fidelity", facts.fidelityHeadline)], text: "Fidelity: \(facts.fidelityHeadline)")
        html.element("p", text: facts.fidelityDemand)
        for machine in facts.fidelity?.machines ?? [] {
            html.element("h3", text: "\(machine.machine) (mirrors \(machine.mirrors))")
            guard let production = machine.production else {
                html.element("p", [("class", "muted")], text: "Not measured: \(machine.notMeasured ?? "no capture").")
                continue
            }
            html.element(
                "p", text: "Score \(FidelityReport.format(machine.computedScore)) against " + PacketFacts.captureLine(production) + ".")
            if !machine.startVersions.isEmpty {
                html.open("ul", [("class", "reasons")])
                for start in machine.startVersions {
                    html.element(
                        "li", [("class", start.matches ? "start same" : "start differs")],
                        text: (start.matches ? "" : "DIFFERENT START: ") + start.line)
                }
                html.close()
            }
            html.open("table", [("class", "fidelity")])
            html.headerRow(["Dimension", "Score", "Same", "Different", "Missing in the lab", "Only in the lab"])
            html.open("tbody")
            for dimension in machine.dimensions {
                html.open("tr")
                html.element("td", text: dimension.kind.title)
                html.element("td", [("class", "number")], text: FidelityReport.format(dimension.computedScore))
                for count in [dimension.same, dimension.different, dimension.missingInLab, dimension.onlyInLab] {
                    html.element("td", [("class", "number")], text: String(count))
                }
                html.close()
            }
            html.close()
            html.close()
            for dimension in machine.dimensions where !dimension.differences.isEmpty {
                html.element("h4", text: "\(dimension.kind.title): \(dimension.differences.count) differences")
                html.open("ul", [("class", "diff")])
                for difference in dimension.differences.prefix(PacketFacts.fidelityListLimit) { html.element("li", text: difference.line) }
                if dimension.differences.count > PacketFacts.fidelityListLimit {
                    html.element(
                        "li", [("class", "muted")],
                        text: "… \(dimension.differences.count - PacketFacts.fidelityListLimit) more in \(PacketLayout.fidelity)")
                }
                html.close()
            }
        }
        html.close()
    }
}
