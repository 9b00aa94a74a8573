import Foundation
import PatchLabModel

/// What a packet is the evidence of — a rehearsal or one plan run — read back from its record file
/// in the terms the verifier's attestation and verdict checks need, so both kinds go through the
/// same checks.
struct PacketSubject {
    /// `rehearsal.json` or `plan-run.json`.
    var recordFile: String
    /// The verdict the record states.
    var stated: Verdict
    /// The verdict the record's results give.
    var recomputed: Verdict
    /// Each phase that has results and an attestation when it ran plans, in order; then each
    /// bisection step, whose attestation is about the patches it applied (`subjects`).
    var phases: [(name: String, runs: [PlanRunResult], subjects: Set<ResourceDescriptor>?)]
    /// What every attestation must be about, unless its phase says otherwise.
    var subjects: Set<ResourceDescriptor>
    var subjectsDescription: String
    /// What the fidelity attestation and `fidelity.json` must say: worked out again from the
    /// record's fidelity and the change's demand; nil when the record has none.
    var fidelity: FidelityPredicate?
    /// The record's fidelity, for checking its stated scores against its counts.
    var fidelityReport: FidelityReport?

    /// The kind comes from the signed manifest; without a readable manifest, from the record the
    /// packet holds.
    static func kind(of packet: PacketContents, manifest: PacketManifest?) -> PacketManifest.Kind {
        manifest?.packetKind ?? (packet.exists(PacketLayout.planRun) ? .planRun : .rehearsal)
    }

    static func recordFile(of kind: PacketManifest.Kind) -> String {
        kind == .planRun ? PacketLayout.planRun : PacketLayout.rehearsal
    }

    static func read(_ packet: PacketContents, kind: PacketManifest.Kind, manifest: PacketManifest?) -> Result<PacketSubject, any Error> {
        switch kind {
        case .rehearsal:
            return packet.rehearsal().map { result in
                PacketSubject(
                    recordFile: PacketLayout.rehearsal, stated: result.verdict, recomputed: result.recomputedVerdict(),
                    phases: RehearsalPhase.testPhases.map { ($0.rawValue, result.planRuns[$0] ?? [], nil) }
                        + (result.batch?.bisection?.steps ?? []).map {
                            ($0.evidenceName, $0.planRuns, Set(subjects(of: $0, in: result.change)))
                        },
                    subjects: Set(result.change.patch.files.map { ResourceDescriptor(name: $0.fileName, digest: ["sha256": $0.sha256]) }),
                    subjectsDescription: "the patch files the change names",
                    fidelity: result.fidelity.map { FidelityPredicate(report: $0, demand: result.change.fidelity) },
                    fidelityReport: result.fidelity)
            }
        case .planRun:
            return packet.planRun().map { evidence in
                let result = evidence.result
                let labFile = manifest?.entry(PacketLayout.labFile).map { (path: $0.path, sha256: $0.sha256) }
                let subjects = PlanPacketSubjects.subjects(environment: try? packet.data(PacketLayout.environment), labFile: labFile)
                return PacketSubject(
                    recordFile: PacketLayout.planRun, stated: result.verdict,
                    recomputed: Verdict.decide(results: result.results.map { ($0.severity, $0.state) }),
                    phases: [(PacketLayout.planRunPhase, [result], nil)], subjects: Set(subjects),
                    subjectsDescription: PlanPacketSubjects.description)
            }
        }
    }

    /// The files of the patches a bisection step applied: what its attestation is about.
    static func subjects(of step: BisectionStep, in change: Change) -> [ResourceDescriptor] {
        change.patches.filter { step.patches.contains($0.id) }.flatMap(\.files)
            .map { ResourceDescriptor(name: $0.fileName, digest: ["sha256": $0.sha256]) }
    }
}
