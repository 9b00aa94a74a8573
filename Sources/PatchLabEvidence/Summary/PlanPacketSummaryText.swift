import Foundation
import PatchLabModel

/// A plan-run packet's summary for a terminal (`patchlab packet show`): the plan, the lab, who ran
/// it, the verdict and counts, each case that did not pass with what was expected and found, and
/// the packet. Guest and plan text is made visible (``ReportText/singleLine(_:separator:)``), so
/// no output can move or recolour the terminal.
public enum PlanPacketSummaryText {
    public static func render(_ overview: PlanPacketOverview) -> String {
        let result = overview.result
        var lines = [
            "Plan run \(show(result.planID)) version \(show(result.planVersion)): \(show(result.planTitle))",
            "  run \(show(result.runID)) on lab \(show(result.lab)) by \(show(overview.evidence.ranBy ?? "unknown"))"
                + " on \(show(overview.evidence.host ?? "unknown host"))",
            "  \(ReportFormat.dateTime(result.startedAt)) · \(ReportFormat.duration(result.durationSeconds))"
                + (overview.evidence.selection.map { " · cases selected by \(show($0))" } ?? ""),
            "",
            "Verdict: \(result.verdict.title)",
            "  \(ReportFormat.countsLine(result.counts))",
        ]
        let problems = result.results.filter { $0.state != .passed }
        for item in problems.prefix(PacketSummaryText.listLimit) {
            var line = "  \(show(ReportFormat.resultName(item))) \(ReportFormat.stateTitle(item.state))"
            if let unmet = item.outcomes.first(where: { !$0.passed }) {
                line += ": expected \(show(unmet.expected)); actual \(show(unmet.actual))"
            } else if let message = item.message {
                line += ": \(show(message))"
            }
            lines.append(line)
        }
        if problems.count > PacketSummaryText.listLimit { lines.append("  … and \(problems.count - PacketSummaryText.listLimit) more") }
        lines += [
            "",
            "Machines: "
                + overview.machines.map { show($0.name) + ($0.mirrors.map { " (mirrors \(show($0)))" } ?? "") }
                .joined(separator: ", "),
            "Packet: \(overview.files.count) files · "
                + (overview.signerKeyID.map { "signature names keyid \(show($0)) (unverified: run packet verify)" } ?? "not signed")
                + " · created \(ReportFormat.dateTime(overview.createdAt)) by patchlab \(show(overview.toolVersion))",
            "  open summary.html for the full evidence",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func show(_ text: String) -> String { ReportText.singleLine(text) }
}
