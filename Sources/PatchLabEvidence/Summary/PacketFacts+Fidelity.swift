import Foundation
import PatchLabModel

/// What the summaries say about the lab's fidelity to production, worked out once.
extension PacketFacts {
    /// The differences a summary lists per dimension before it counts the rest (all of them are
    /// in `fidelity.json`).
    static let fidelityListLimit = 25

    var fidelity: FidelityReport? { result.fidelity }

    /// One line for beside the verdict: each target's score, or "not measured".
    var fidelityHeadline: String {
        guard let report = result.fidelity else {
            return "not measured (this rehearsal predates fidelity)"
        }
        guard report.isMeasured else {
            return "not measured: no production capture of the hosts the lab mirrors"
        }
        return report.machines.map { machine in
            guard let production = machine.production else { return "\(machine.machine) not measured" }
            return "\(machine.machine) \(FidelityReport.format(machine.computedScore)) against \(production.name)"
        }.joined(separator: "; ")
    }

    /// `score ≥ 0.90 and the same start versions as production`, or that it demands nothing.
    var fidelityDemand: String {
        guard let demand = change.fidelity, demand.min != nil || demand.sameStartVersions else {
            return "The change demands no fidelity: the scores below inform, they do not decide."
        }
        return "The change demands \(demand.description); below that the verdict is NO-GO."
    }

    /// `captured 2026-11-30 13:37 UTC by root over ssh, host key ssh-ed25519 SHA256:…, record sha256 …`.
    static func captureLine(_ production: ProductionReference) -> String {
        "\(production.name) (\(production.host)), captured \(ReportFormat.dateTime(production.capturedAt)) by \(production.capturedBy) "
            + (production.method == .ssh ? "over ssh" : "from a file") + (production.hostKey.map { ", host key \($0)" } ?? "")
            + ", record sha256 \(production.recordSHA256)"
    }
}

extension PacketOverview {
    /// The fidelity line the summaries put beside the verdict, for the board's page.
    public var fidelityHeadline: String { PacketFacts(self).fidelityHeadline }
}
