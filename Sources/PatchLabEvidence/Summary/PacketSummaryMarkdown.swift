import Foundation
import PatchLabModel

/// `summary.md`: the packet summary for pasting into a ticket or a merge request, with the same
/// content as `summary.html` (``PacketSummaryHTML``) in GitHub-flavoured Markdown.
///
/// Guest and plan text goes through ``ReportText`` as in ``MarkdownReport``: inline text has its
/// Markdown syntax escaped, table cells cannot add a column, output sits in fences no output can
/// close, and terminal escape codes show as `␛[31m`. The verdict is stated once, on its own line,
/// as `**Verdict: NO-GO**`, which ``statedVerdict(in:)`` reads back.
public enum PacketSummaryMarkdown {
    public static func render(_ overview: PacketOverview) -> String {
        let facts = PacketFacts(overview)
        let result = facts.result
        var text = "# \(md(facts.change.id)): \(md(facts.change.title))\n\n"
        text += "**Verdict: \(facts.verdictTitle)**\n\n"
        text += "Rollback proven: **\(facts.rollbackProven)** · lab \(md(result.labName)) · run \(code(result.runID))"
        text += " · started \(ReportFormat.dateTime(result.startedAt))"
        text += " · \(ReportFormat.duration(result.endedAt.timeIntervalSince(result.startedAt)))"
        text += result.interrupted ? " · interrupted by the operator\n" : "\n"
        text += "\nFidelity to production: \(md(facts.fidelityHeadline))\n"
        if result.reasons.isEmpty {
            text += "\nNo reason against the change was found.\n"
        } else {
            text += "\n" + (result.reasons.count == 1 ? "Reason:" : "Reasons (\(result.reasons.count)):") + "\n\n"
            text += result.reasons.map { "- \(md($0))\n" }.joined()
        }
        text += "\n## The change\n\n"
        text += table(facts.changeFacts + facts.packetFacts)
        text += patch(facts)
        text += batch(facts)
        text += machines(facts)
        text += fidelity(facts)
        text += rollback(facts)
        text += patchChanges(facts)
        text += tests(facts)
        text += timings(facts)
        text += files(facts)
        return text
    }

    // MARK: Sections

    private static func patch(_ facts: PacketFacts) -> String {
        var text = "\n## What was patched\n\n"
        if !facts.change.patch.description.isEmpty { text += md(facts.change.patch.description) + "\n\n" }
        let files = facts.patchFiles
        if files.isEmpty {
            text += "No file: the patch is a command only.\n"
        } else {
            text += row(["File", "Destination", "SHA-256", "Size"]) + "| --- | --- | --- | ---: |\n"
            for file in files {
                text += row([
                    cell(file.name), cell(file.destination ?? "default upload folder"),
                    ReportText.markdownCode(file.sha256, inTable: true), PacketFacts.size(file.size),
                ])
            }
        }
        text += "\nInstall command, run on each machine after the upload (timeout \(facts.installTimeout)):\n\n"
        text += ReportText.markdownFence(facts.installCommand, info: "sh")
        text += "\nDeployment order: \(md(facts.deploymentOrder)).\n"

        text += "\n### Patch outcome per machine\n\n"
        let outcomes = facts.result.patchOutcomes
        if outcomes.isEmpty { return text + "The patch was not installed on any machine.\n" }
        text += row(["Machine", "Result", "Exit status", "Timed out", "Message", "Logs"])
        text += "| --- | --- | ---: | --- | --- | --- |\n"
        for outcome in outcomes {
            let logs = facts.patchLogs(machine: outcome.machine).map(link).joined(separator: "<br>")
            text += row([
                cell(facts.machineWithMirror(outcome.machine)), outcome.succeeded ? "succeeded" : "**FAILED**",
                outcome.exitCode.map(String.init) ?? "none", outcome.timedOut ? "yes" : "no",
                cell(outcome.message ?? ""), logs.isEmpty ? "no log in the packet" : logs,
            ])
        }
        for outcome in outcomes where !outcome.succeeded {
            for (name, output) in [("stdout", outcome.stdout), ("stderr", outcome.stderr)] where !output.isEmpty {
                text += "\nInstall \(name) on \(md(outcome.machine)):\n\n" + ReportText.markdownFence(output)
            }
        }
        return text
    }

    private static func machines(_ facts: PacketFacts) -> String {
        var text = "\n## Machines and the production hosts they mirror\n\n"
        if let lab = facts.overview.lab {
            text += "Lab \(md(lab.name)): \(md(lab.description))\n\n"
        } else {
            text +=
                "The lab file could not be read, so the production hosts are not known; the machines below are "
                + "those the results name.\n\n"
        }
        text += row(["Machine", "Mirrors (production host)", "Role", "Criticality", "Hypervisor host", "Patched"])
        text += "| --- | --- | --- | --- | --- | --- |\n"
        for machine in facts.machines {
            text += row([
                cell(machine.name), cell(machine.mirrors ?? "unknown"), cell(machine.role ?? "unknown"),
                cell(machine.criticality ?? "unknown"), cell(machine.host.map(facts.hostWithURI) ?? "unknown"),
                machine.outcome.map { $0.succeeded ? "yes" : "install failed" } ?? "no",
            ])
        }
        let order = facts.deploymentMachines
        text += "\nDeployment order: \(md(facts.deploymentOrder)). Order: "
        text += (order.isEmpty ? "none" : order.map(md).joined(separator: " → ")) + ".\n"
        let hosts = facts.hosts
        if hosts.isEmpty { return text }
        text += "\n### Hypervisor hosts\n\n"
        text += row(["Host", "URI", "Host name", "libvirt", "QEMU"]) + "| --- | --- | --- | --- | --- |\n"
        for host in hosts {
            text += row([
                cell(host.name), cell(host.uri), cell(host.hostname ?? "unknown"),
                cell(host.libvirtVersion ?? "unknown"), cell(host.qemuVersion ?? "unknown"),
            ])
        }
        return text
    }

    private static func rollback(_ facts: PacketFacts) -> String {
        var text = "\n## Rollback proof\n\n"
        text += "**Rollback proven: \(facts.rollbackProven.uppercased())** · strategy "
        text += "\(facts.change.rollback.strategy.rawValue), revert to snapshot \(code(facts.snapshotName)) taken just before the patch\n"
        guard let proof = facts.result.rollbackProof else {
            return text + "\nThe rehearsal stopped before a rollback, so there is nothing to prove it by.\n"
        }
        if !proof.machines.isEmpty {
            text += "\nMachines compared: " + proof.machines.map { md(facts.machineWithMirror($0)) }.joined(separator: ", ") + "\n"
        }
        if proof.reasons.isEmpty {
            text += "\nEvery machine's fingerprint after the rollback equals its baseline, and every case gave its baseline state.\n"
        } else {
            text += "\n### Reasons (\(proof.reasons.count))\n\n" + proof.reasons.map { "- \(md($0))\n" }.joined()
        }
        if !proof.fingerprintDiffs.isEmpty {
            text += "\n### Fingerprint differences per machine (baseline → after the rollback)\n"
            for diff in proof.fingerprintDiffs {
                text += "\n#### \(md(facts.machineWithMirror(diff.machine)))\n\n" + diffLines(diff)
            }
        }
        return text
    }

    private static func patchChanges(_ facts: PacketFacts) -> String {
        var text = "\n## What the patch changed\n\nEach machine's post-patch fingerprint against its baseline fingerprint.\n"
        let diffs = facts.result.patchDiffs
        if diffs.isEmpty { text += "\nNo post-patch fingerprint was compared.\n" }
        for diff in diffs {
            text += "\n### \(md(facts.machineWithMirror(diff.machine)))\n\n" + diffLines(diff)
        }
        return text
    }

    private static func tests(_ facts: PacketFacts) -> String {
        var text = "\n## Test results by phase\n"
        let phases = facts.phaseRuns
        if phases.isEmpty { text += "\nNo plan ran.\n" }
        for phase in phases {
            text += "\n### \(md(phase.title)) · \(md(phase.phase.rawValue))\n\n"
            text += row(
                ["Plan", "Title", "Version", "Verdict"] + ResultState.allCases.map { ReportFormat.stateTitle($0).lowercased() }
                    + ["Duration"])
            text += "| --- | --- | --- | --- |" + String(repeating: " ---: |", count: ResultState.allCases.count + 1) + "\n"
            for run in phase.runs {
                let counts = run.counts
                text += row(
                    [cell(run.planID), cell(run.planTitle), cell(run.planVersion), "**\(run.verdict.title)**"]
                        + ResultState.allCases.map { String(counts[$0] ?? 0) } + [ReportFormat.duration(run.durationSeconds)])
            }
            let problems = phase.runs.flatMap { run in run.results.filter { $0.state != .passed }.map { (run, $0) } }
            if problems.isEmpty { text += "\nEvery case passed.\n" }
            for (run, result) in problems {
                text += "\n" + caseDetail(result, run: run, phase: phase.phase.rawValue, facts: facts)
            }
        }
        return text
    }

    private static func caseDetail(_ result: CaseResult, run: PlanRunResult, phase: String, facts: PacketFacts) -> String {
        var text = "#### \(md(ReportFormat.resultName(result))): \(md(result.title)) — \(ReportFormat.stateTitle(result.state))\n\n"
        var details = ["plan \(md(run.planID))", "severity \(result.severity.rawValue)"]
        if let exitCode = result.exitCode { details.append("exit status \(exitCode)") }
        text += "- " + details.joined(separator: " · ") + "\n"
        if let message = result.message { text += "- **Message:** \(md(message))\n" }
        if let waiver = result.waiver { text += "- **Waiver:** \(md(ReportFormat.waiverLine(waiver)))\n" }
        if !result.outcomes.isEmpty {
            text += "\n| Result | Expected | Actual |\n| --- | --- | --- |\n"
            for outcome in result.outcomes {
                let mark = outcome.passed ? "met" : outcome.inconclusive ? "**inconclusive**" : "**not met**"
                text += row([
                    mark, ReportText.markdownCode(outcome.expected, inTable: true),
                    ReportText.markdownCode(outcome.actual, inTable: true),
                ])
            }
        }
        for (name, output) in [("stdout", result.stdout), ("stderr", result.stderr)] where !output.isEmpty {
            text += "\n\(name):\n\n" + ReportText.markdownFence(output)
        }
        let logs = facts.caseLogs(phase: phase, run: run, result: result)
        if !logs.isEmpty { text += "\nFull logs: " + logs.map(link).joined(separator: ", ") + "\n" }
        return text
    }

    private static func timings(_ facts: PacketFacts) -> String {
        var text = "\n## Timings\n\n"
        let phases = facts.result.phases
        if phases.isEmpty { return text + "No phase was recorded.\n" }
        text += row(["Phase", "Started", "Ended", "Duration", "Status"]) + "| --- | --- | --- | ---: | --- |\n"
        for phase in phases {
            text += row([
                cell(phase.name.rawValue), ReportFormat.dateTime(phase.startedAt), ReportFormat.dateTime(phase.endedAt),
                ReportFormat.duration(phase.seconds), cell(phase.status),
            ])
        }
        return text
    }

    private static func files(_ facts: PacketFacts) -> String {
        var text = "\n## Files of this packet\n"
        let groups = facts.fileGroups
        if groups.isEmpty { text += "\nThe packet lists no file.\n" }
        for group in groups {
            text += "\n### " + md(group.title) + "\n\n"
            text += group.files.map { "- \(link($0))\n" }.joined()
        }
        return text
    }

    // MARK: Pieces

    static func md(_ text: String) -> String { ReportText.markdown(text) }
    static func cell(_ text: String) -> String { ReportText.markdownCell(text) }
    static func code(_ text: String) -> String { ReportText.markdownCode(text) }

    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |\n"
    }

    static func table(_ facts: [(String, String)]) -> String {
        "| | |\n| --- | --- |\n" + facts.map { row([$0.0, cell($0.1)]) }.joined()
    }

    static func diffLines(_ diff: FingerprintDiff) -> String {
        let lines = diff.lines
        return lines.isEmpty ? "No difference.\n" : lines.map { "- \(md($0))\n" }.joined()
    }

    /// `[logs/x](logs/x)`: the text escaped, the target percent-encoded (so it holds no `)`, `|` or
    /// space); a path that could leave the packet is shown without a link.
    static func link(_ path: String) -> String {
        guard let href = PacketFacts.href(path) else { return md(path) }
        return "[\(md(path))](\(href))"
    }
}
