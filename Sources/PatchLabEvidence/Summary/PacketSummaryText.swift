import Foundation
import PatchLabModel

/// The packet summary for a terminal (`patchlab packet show`): the verdict and its reasons, the
/// patch and how it went per machine, the tests per phase with the cases that did not pass, the
/// rollback proof and the packet itself, in about 30 to 60 lines.
///
/// Guest and plan text is shown with ``ReportText/singleLine(_:separator:)``, so an escape code in
/// a guest's output prints as `␛[31m` and cannot recolour or move the terminal; the only escape
/// codes written are the summary's own colours, and only when `colour` is true.
public enum PacketSummaryText {
    /// Cases listed per phase, and rollback reasons listed, before the rest is counted instead.
    static let listLimit = 5

    public static func render(_ overview: PacketOverview, colour: Bool) -> String {
        let facts = PacketFacts(overview)
        let result = facts.result
        let change = facts.change
        let paint = Paint(enabled: colour)
        var lines: [String] = []

        lines.append(paint.bold("\(show(change.id))  \(show(change.title))"))
        lines.append(
            "  \(change.type.rawValue) change · risk \(change.risk.rawValue) · requested by "
                + show(change.requestedBy ?? "not stated"))
        lines.append(
            "  rehearsed \(show(result.runID)) on lab \(show(result.labName)) by \(show(result.ranBy ?? "unknown"))"
                + " on \(show(result.host ?? "unknown host"))")
        lines.append(
            "  \(ReportFormat.dateTime(result.startedAt)) · "
                + ReportFormat.duration(result.endedAt.timeIntervalSince(result.startedAt))
                + (result.interrupted ? " · interrupted by the operator" : "")
                + (result.reducedPlan == true ? " · REDUCED PLAN: critical cases only (emergency)" : ""))
        lines.append("")
        lines.append("Verdict: " + paint.verdict(result.verdict))
        lines += result.reasons.map { "  - \(show($0))" }
        lines.append("Fidelity to production: \(show(facts.fidelityHeadline))")
        for machine in result.fidelity?.machines ?? [] {
            lines += machine.startVersionMismatches.map { paint.warn("  \(show(machine.machine)): \(show($0.line))") }
        }

        lines.append("")
        lines.append(paint.bold("Patch") + (change.patch.description.isEmpty ? "" : ": \(show(change.patch.description))"))
        for file in facts.patchFiles {
            lines.append(
                "  \(show(file.name)) → \(show(file.destination ?? "default upload folder"))  "
                    + "sha256 \(show(file.sha256))  \(PacketFacts.size(file.size))")
        }
        lines.append("  install: \(show(facts.installCommand))")
        if result.patchOutcomes.isEmpty { lines.append("  not installed on any machine") }
        for outcome in result.patchOutcomes {
            let state = outcome.succeeded ? paint.good("ok") : paint.bad("FAILED")
            var line = "  \(show(facts.machineWithMirror(outcome.machine))): \(state)"
            line += outcome.exitCode.map { ", exit \($0)" } ?? ""
            line += outcome.timedOut ? ", timed out" : ""
            line += outcome.message.map { ": \(show($0))" } ?? ""
            lines.append(line)
        }
        if change.isBatch {
            // Which patches may go: the board's first question about a batch.
            let verdicts = result.patchVerdicts
            lines.append(paint.bold("Batch") + ": \(change.patches.count) patches")
            for state in [PatchVerdict.State.safe, .culprit, .notCleared, .notApplied] {
                let patches = verdicts.filter { $0.state == state }.map { show($0.patch) }
                guard !patches.isEmpty else { continue }
                let title = state == .safe ? paint.good(state.title) : state == .culprit ? paint.bad(state.title) : paint.warn(state.title)
                lines.append("  \(title): \(patches.joined(separator: ", "))")
            }
            if let bisection = facts.bisection { lines.append("  \(show(bisection.summary))") }
            if let command = facts.followUpCommand { lines.append("  follow-up: \(show(command))") }
        }

        lines.append("")
        lines.append(paint.bold("Tests"))
        if facts.phaseRuns.isEmpty { lines.append("  no plan ran") }
        for phase in facts.phaseRuns {
            for run in phase.runs {
                lines.append(
                    "  " + phase.phase.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                        + "\(show(run.planID))  \(paint.verdict(run.verdict))  \(ReportFormat.countsLine(run.counts))")
            }
            let problems = phase.runs.flatMap { $0.results.filter { $0.state != .passed } }
            for result in problems.prefix(listLimit) {
                var line = "      \(show(ReportFormat.resultName(result))) "
                line +=
                    result.state.isProblem
                    ? paint.bad(ReportFormat.stateTitle(result.state))
                    : paint.warn(ReportFormat.stateTitle(result.state))
                if let unmet = result.outcomes.first(where: { !$0.passed }) {
                    line += ": expected \(show(unmet.expected)); actual \(show(unmet.actual))"
                } else if let message = result.message {
                    line += ": \(show(message))"
                }
                lines.append(line)
            }
            if problems.count > listLimit { lines.append("      … and \(problems.count - listLimit) more") }
        }

        lines.append("")
        let proven: String
        switch result.rollbackProof?.proven {
        case true?: proven = paint.good("PROVEN")
        case false?: proven = paint.bad("NOT PROVEN")
        case nil: proven = paint.bad("NOT REHEARSED")
        }
        lines.append(paint.bold("Rollback") + ": \(proven) (snapshot \(show(facts.snapshotName)))")
        let reasons = result.rollbackProof?.reasons ?? []
        lines += reasons.prefix(listLimit).map { "  - \(show($0))" }
        if reasons.count > listLimit { lines.append("  … and \(reasons.count - listLimit) more") }

        if !facts.hosts.isEmpty {
            lines.append("")
            lines.append(paint.bold("Hosts"))
            for host in facts.hosts {
                lines.append(
                    "  \(show(host.name)) \(show(host.uri)) (\(show(host.hostname ?? "?"))): libvirt \(show(host.libvirtVersion ?? "?"))"
                        + ", QEMU \(show(host.qemuVersion ?? "?"))")
            }
        }

        lines.append("")
        lines.append(
            paint.bold("Packet") + ": \(overview.files.count) files · "
                + (overview.signerKeyID.map { "signature names keyid \(show($0)) (unverified: run packet verify)" } ?? "not signed")
                + " · created \(ReportFormat.dateTime(overview.createdAt)) by patchlab \(show(overview.toolVersion))")
        lines.append("  open summary.html for the full evidence")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func show(_ text: String) -> String {
        ReportText.singleLine(text)
    }

    /// The summary's own colours: SGR codes around fixed words and text already made visible, so
    /// a colour always ends where the summary ends it.
    private struct Paint {
        var enabled: Bool

        func bold(_ text: String) -> String { sgr("1", text) }
        func good(_ text: String) -> String { sgr("1;32", text) }
        func warn(_ text: String) -> String { sgr("1;33", text) }
        func bad(_ text: String) -> String { sgr("1;31", text) }

        func verdict(_ verdict: Verdict) -> String {
            switch verdict {
            case .go: return good(verdict.title)
            case .goWithWarnings: return warn(verdict.title)
            case .noGo: return bad(verdict.title)
            }
        }

        private func sgr(_ code: String, _ text: String) -> String {
            enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }
    }
}
