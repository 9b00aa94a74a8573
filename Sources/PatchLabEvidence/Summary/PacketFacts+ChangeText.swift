import Foundation
import PatchLabModel

/// The change as rehearsed in the words of a change ticket's text fields (description, implementation
/// plan, test plan, backout plan), shared by `change.json` and the ServiceNow export so both read
/// the same. Plain text: a ticket field shows it as written.
extension PacketFacts {
    var ticketDescription: String {
        var lines = [change.title, ""]
        if !change.patch.description.isEmpty { lines += [change.patch.description, ""] }
        lines.append(
            "Rehearsed by PatchLab \(overview.toolVersion) in lab \(result.labName), run \(result.runID), "
                + "\(ReportFormat.dateTime(result.startedAt)) to \(ReportFormat.dateTime(result.endedAt)): \(verdictTitle).")
        if !result.reasons.isEmpty {
            lines.append("Reasons:")
            lines += result.reasons.map { "- \($0)" }
        }
        lines.append("Rollback proven: \(rollbackProven).")
        let hosts = deploymentMachines.compactMap { machine in mirrors(of: machine).map { "\($0) (as \(machine))" } }
        if !hosts.isEmpty { lines.append("Production hosts: " + hosts.joined(separator: ", ") + ".") }
        if let requester = change.requestedBy { lines.append("Requested by: \(requester).") }
        return lines.joined(separator: "\n")
    }

    var implementationPlan: String {
        var lines: [String] = []
        if !change.patch.description.isEmpty { lines += [change.patch.description, ""] }
        let files = patchFiles
        if files.isEmpty {
            lines.append("Files to install: none (the patch is a command only).")
        } else {
            lines.append("Files to install:")
            lines += files.map { file in
                "- \(file.name) → \(file.destination ?? "default upload folder"), sha256 \(file.sha256), \(Self.size(file.size))"
            }
        }
        lines.append("Install command, run on each machine after the upload (timeout \(installTimeout)):")
        lines.append("  \(installCommand)")
        lines.append("Deployment order: \(deploymentOrder).")
        lines.append("Machines, in deployment order:")
        let machines = deploymentMachines
        if machines.isEmpty { lines.append("- none recorded") }
        for (index, name) in machines.enumerated() {
            if let machine = overview.lab?.machine(named: name) {
                lines.append(
                    "\(index + 1). \(machine.mirrors) (lab machine \(name), role \(machine.role), "
                        + "criticality \(machine.criticality.rawValue))")
            } else {
                lines.append("\(index + 1). lab machine \(name) (production host unknown: the lab file could not be read)")
            }
        }
        return lines.joined(separator: "\n")
    }

    var testPlan: String {
        var lines = ["Plans run before the patch (baseline), after the patch and after the rollback:"]
        let plans = self.plans
        if plans.isEmpty {
            lines += change.plans.map { "- \(Self.fileName($0.value)) (did not run)" }
        } else {
            lines += plans.map { "- \($0.planID) \"\($0.planTitle)\" version \($0.planVersion), \($0.planDigest)" }
        }
        if !change.rollback.verifyPlans.isEmpty {
            lines.append("Plans run after the rollback only (rollback verification; each case must hold):")
            let verify = verifyPlans
            if verify.isEmpty {
                lines += change.rollback.verifyPlans.map { "- \(Self.fileName($0.value)) (did not run)" }
            } else {
                lines += verify.map { "- \($0.planID) \"\($0.planTitle)\" version \($0.planVersion), \($0.planDigest)" }
            }
        }
        if !change.acceptBaselineFailures.isEmpty {
            lines.append(
                "Cases whose baseline failure the change accepts: "
                    + change.acceptBaselineFailures.map(\.value).joined(separator: ", "))
        }
        lines.append(
            "Verdict rule: NO-GO when the baseline fails, the install fails, a critical or major case fails, "
                + "errs or times out after the patch, or the rollback is not proven; GO WITH WARNINGS when only "
                + "minor or info cases have problems or the baseline had accepted failures; GO otherwise.")
        return lines.joined(separator: "\n")
    }

    var backoutPlan: String {
        var lines: [String] = []
        switch change.rollback.strategy {
        case .snapshot:
            lines.append(
                "Strategy: snapshot. Each machine is reverted to the snapshot taken just before the patch "
                    + "(\(snapshotName)).")
        }
        lines.append(
            "After the revert the change's plans run again and each case must give its baseline state, and "
                + "each machine's fingerprint (packages, services, ports, watched files) must equal its baseline.")
        let verify = verifyPlans
        if !verify.isEmpty {
            lines.append(
                "Verification plans after the rollback: "
                    + verify.map { "\($0.planID) \"\($0.planTitle)\"" }.joined(separator: ", ") + ".")
        } else if !change.rollback.verifyPlans.isEmpty {
            lines.append(
                "Verification plans after the rollback: "
                    + change.rollback.verifyPlans.map { Self.fileName($0.value) }.joined(separator: ", ") + ".")
        }
        lines.append("Rehearsed: snapshot revert to \(snapshotName) proven: \(rollbackProven)")
        if let proof = result.rollbackProof, !proof.reasons.isEmpty {
            lines.append("Differences:")
            lines += proof.reasons.map { "- \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
