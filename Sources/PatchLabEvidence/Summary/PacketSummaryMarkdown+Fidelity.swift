import Foundation
import PatchLabModel

/// The Markdown summary's fidelity to production, as ``PacketSummaryHTML/fidelitySection(_:into:)``.
extension PacketSummaryMarkdown {
    static func fidelity(_ facts: PacketFacts) -> String {
        var text = "\n## Fidelity to production\n\n**Fidelity: \(md(facts.fidelityHeadline))**\n\n\(md(facts.fidelityDemand))\n"
        for machine in facts.fidelity?.machines ?? [] {
            text += "\n### \(md(machine.machine)) (mirrors \(md(machine.mirrors)))\n\n"
            guard let production = machine.production else {
                text += "Not measured: \(md(machine.notMeasured ?? "no capture")).\n"
                continue
            }
            text += "Score **\(FidelityReport.format(machine.computedScore))** against \(md(PacketFacts.captureLine(production))).\n\n"
            for start in machine.startVersions {
                text += "- " + (start.matches ? "" : "**DIFFERENT START:** ") + md(start.line) + "\n"
            }
            if !machine.startVersions.isEmpty { text += "\n" }
            text += row(["Dimension", "Score", "Same", "Different", "Missing in the lab", "Only in the lab"])
            text += "| --- | ---: | ---: | ---: | ---: | ---: |\n"
            for dimension in machine.dimensions {
                text += row([
                    dimension.kind.title, FidelityReport.format(dimension.computedScore), String(dimension.same),
                    String(dimension.different), String(dimension.missingInLab), String(dimension.onlyInLab),
                ])
            }
            for dimension in machine.dimensions where !dimension.differences.isEmpty {
                text += "\n#### \(dimension.kind.title): \(dimension.differences.count) differences\n\n"
                text += dimension.differences.prefix(PacketFacts.fidelityListLimit).map { "- \(md($0.line))\n" }.joined()
                if dimension.differences.count > PacketFacts.fidelityListLimit {
                    text += "- … \(dimension.differences.count - PacketFacts.fidelityListLimit) more in \(link(PacketLayout.fidelity))\n"
                }
            }
        }
        return text
    }
}
