import Foundation
import PatchLabModel

/// What a plan-run packet's summaries show: the run, the lab as written and as it ran, and every
/// file of the packet so the summaries can link to each one.
public struct PlanPacketOverview: Sendable {
    /// One machine as the summaries list it: from the lab file (what it mirrors) and from the lab
    /// as it ran (image and digest); nil where neither says.
    struct MachineRow {
        var name: String
        var mirrors: String?
        var role: String?
        var criticality: String?
        var image: String?
        var imageSHA256: String?
    }

    public var evidence: PlanRunEvidence
    public var lab: Lab?
    public var environment: LabEnvironmentRecord?
    public var files: [String]
    public var toolVersion: String
    public var createdAt: Date
    /// The key that signs the packet; nil for an unsigned packet.
    public var signerKeyID: String?

    public init(
        evidence: PlanRunEvidence, lab: Lab?, environment: LabEnvironmentRecord?, files: [String], toolVersion: String,
        createdAt: Date, signerKeyID: String?
    ) {
        self.evidence = evidence
        self.lab = lab
        self.environment = environment
        self.files = files
        self.toolVersion = toolVersion
        self.createdAt = createdAt
        self.signerKeyID = signerKeyID
    }

    var result: PlanRunResult { evidence.result }

    /// The lab's machines in lab order; without a lab file, those the lab ran or the results name.
    var machines: [MachineRow] {
        let ran = Dictionary((environment?.machines ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let names =
            lab.map { $0.machines.map(\.name) }
            ?? (environment?.machines.map(\.name) ?? []) + result.results.map(\.machine)
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }.map { name in
            let machine = lab?.machine(named: name)
            return MachineRow(
                name: name, mirrors: machine?.mirrors, role: machine?.role,
                criticality: machine?.criticality.rawValue, image: ran[name]?.image ?? machine.map { "\($0.image)" },
                imageSHA256: ran[name]?.imageSHA256)
        }
    }

    /// The facts about the run a reader checks first, in order.
    var runFacts: [(String, String)] {
        var facts: [(String, String)] = [
            ("Plan", "\(result.planID) version \(result.planVersion): \(result.planTitle)"),
            ("Plan digest (sha256 of the plan and its includes)", result.planDigest),
            ("Lab", lab.map { "\($0.name): \($0.description)" } ?? result.lab),
            ("Run", result.runID),
            ("Cases run", evidence.selection.map { "selected by \($0)" } ?? "the whole plan"),
            ("Ran by", evidence.ranBy ?? "unknown"),
            ("Harness host", evidence.host ?? environment?.harnessHost ?? "unknown"),
        ]
        for host in environment?.hosts ?? [] {
            facts.append(
                (
                    "Hypervisor \(host.hostname ?? host.uri)",
                    "\(host.uri) · libvirt \(host.libvirtVersion ?? "?") · QEMU \(host.hypervisorVersion ?? "?")"
                ))
        }
        facts += [
            ("Started", ReportFormat.dateTime(result.startedAt)), ("Ended", ReportFormat.dateTime(result.endedAt)),
            ("Duration", ReportFormat.duration(result.durationSeconds)),
            (
                "Packet",
                "written \(ReportFormat.dateTime(createdAt)) by patchlab \(toolVersion)"
                    + (signerKeyID.map { ", signed with key \($0)" } ?? ", not signed")
            ),
        ]
        return facts
    }
}
