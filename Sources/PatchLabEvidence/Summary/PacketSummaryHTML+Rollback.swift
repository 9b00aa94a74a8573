import Foundation
import PatchLabModel

/// The page's rollback proof: proven or not, in words and colour, every reason, and the
/// fingerprint differences machine by machine.
extension PacketSummaryHTML {
    static func rollbackSection(_ facts: PacketFacts, into html: inout Markup) {
        html.open("section", [("id", "rollback")])
        html.element("h2", text: title(of: "rollback"))
        let proof = facts.result.rollbackProof
        let state = proof.map { $0.proven ? "proven" : "not-proven" } ?? "not-rehearsed"
        html.element(
            "p", [("class", "proof \(state)"), ("data-rollback-proven", facts.rollbackProven)],
            text: "Rollback proven: \(facts.rollbackProven.uppercased())")
        html.element(
            "p",
            text: "Strategy: \(facts.change.rollback.strategy.rawValue), revert to snapshot "
                + "\(facts.snapshotName) taken just before the patch.")
        guard let proof else {
            html.element(
                "p", [("class", "muted")],
                text: "The rehearsal stopped before a rollback, so there is nothing to prove it by.")
            html.close()
            return
        }
        if !proof.machines.isEmpty {
            html.element("p", text: "Machines compared: " + proof.machines.map(facts.machineWithMirror).joined(separator: ", "))
        }
        if proof.reasons.isEmpty {
            html.element(
                "p",
                text: "Every machine's fingerprint after the rollback equals its baseline, "
                    + "and every case gave its baseline state.")
        } else {
            html.element("h3", text: "Reasons (\(proof.reasons.count))")
            html.open("ul", [("class", "diff")])
            for reason in proof.reasons { html.element("li", text: reason) }
            html.close()
        }
        if !proof.fingerprintDiffs.isEmpty {
            html.element("h3", text: "Fingerprint differences per machine (baseline → after the rollback)")
            for diff in proof.fingerprintDiffs {
                html.element("h4", text: facts.machineWithMirror(diff.machine))
                diffLines(diff, into: &html)
            }
        }
        html.close()
    }
}
