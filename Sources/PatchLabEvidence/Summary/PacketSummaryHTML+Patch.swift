import Foundation
import PatchLabModel

/// The page's account of the patch: its files with their digests, the install command, how the
/// install went on each machine, and what it changed (baseline → post-patch fingerprints).
extension PacketSummaryHTML {
    static func patchSection(_ facts: PacketFacts, into html: inout Markup) {
        let patch = facts.change.patch
        html.open("section", [("id", "patch")])
        html.element("h2", text: title(of: "patch"))
        if !patch.description.isEmpty { html.element("p", text: patch.description) }

        html.element("h3", text: "Files")
        let files = facts.patchFiles
        if files.isEmpty {
            html.element("p", [("class", "muted")], text: "No file: the patch is a command only.")
        } else {
            html.open("table", [("class", "patch-files")])
            html.headerRow(["File", "Destination", "SHA-256", "Size"])
            html.open("tbody")
            for file in files {
                html.open("tr")
                html.element("td", text: file.name)
                html.element("td", text: file.destination ?? "default upload folder")
                html.open("td")
                html.element("code", text: file.sha256)
                html.close()
                html.element("td", [("class", "number")], text: PacketFacts.size(file.size))
                html.close()
            }
            html.close()
            html.close()
        }

        html.element("h3", text: "Install command")
        html.element("pre", text: facts.installCommand)
        html.element(
            "p",
            text: "Run on each machine after the upload, with a timeout of \(facts.installTimeout). "
                + "Deployment order: \(facts.deploymentOrder).")

        html.element("h3", text: "Patch outcome per machine")
        let outcomes = facts.result.patchOutcomes
        if outcomes.isEmpty {
            html.element("p", [("class", "muted")], text: "The patch was not installed on any machine.")
        } else {
            html.open("table", [("class", "patch-outcomes")])
            html.headerRow(["Machine", "Result", "Exit status", "Timed out", "Message", "Logs"])
            html.open("tbody")
            for outcome in outcomes {
                html.open("tr", [("class", outcome.succeeded ? "outcome-passed" : "outcome-failed")])
                html.element("td", text: facts.machineWithMirror(outcome.machine))
                html.element(
                    "td", [("class", "state " + (outcome.succeeded ? "state-passed" : "state-failed"))],
                    text: outcome.succeeded ? "succeeded" : "FAILED")
                html.element("td", [("class", "number")], text: outcome.exitCode.map(String.init) ?? "none")
                html.element("td", text: outcome.timedOut ? "yes" : "no")
                html.element("td", text: outcome.message ?? "")
                html.open("td")
                html.fileLinks(facts.patchLogs(machine: outcome.machine), none: "no log in the packet")
                html.close()
                html.close()
            }
            html.close()
            html.close()
            for outcome in outcomes where !outcome.succeeded {
                for (name, output) in [("stdout", outcome.stdout), ("stderr", outcome.stderr)] where !output.isEmpty {
                    html.element("h4", text: "Install \(name) on \(outcome.machine)")
                    html.element("pre", text: output)
                }
            }
        }
        html.close()
    }

    static func patchChangesSection(_ facts: PacketFacts, into html: inout Markup) {
        html.open("section", [("id", "patch-changes")])
        html.element("h2", text: title(of: "patch-changes"))
        html.element("p", text: "Each machine's post-patch fingerprint against its baseline fingerprint.")
        let diffs = facts.result.patchDiffs
        if diffs.isEmpty {
            html.element("p", [("class", "muted")], text: "No post-patch fingerprint was compared.")
        }
        for diff in diffs {
            html.element("h3", text: facts.machineWithMirror(diff.machine))
            diffLines(diff, into: &html)
        }
        html.close()
    }

    static func diffLines(_ diff: FingerprintDiff, into html: inout Markup) {
        let lines = diff.lines
        if lines.isEmpty {
            html.element("p", [("class", "muted")], text: "No difference.")
            return
        }
        html.open("ul", [("class", "diff")])
        for line in lines { html.element("li", text: line) }
        html.close()
    }
}
