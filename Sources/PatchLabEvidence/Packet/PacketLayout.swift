import Foundation
import PatchLabModel

/// Where each part of an evidence packet lives, relative to the packet folder. The folder is named
/// after the run (`evidence/CHG-0001/RUN/`) and the archive after both
/// (`evidence/CHG-0001-RUN.tar.gz`, holding the folder `CHG-0001-RUN/`); a plan-run packet is named
/// after its plan the same way (`evidence/WEB/RUN/`).
public enum PacketLayout {
    public static let summaryHTML = "summary.html"
    public static let summaryMarkdown = "summary.md"
    public static let change = "change.json"
    public static let rehearsal = "rehearsal.json"
    /// A plan-run packet's record of the run (``PlanRunEvidence``), in place of `rehearsal.json`.
    public static let planRun = "plan-run.json"
    /// The one "phase" of a plan-run packet: its reports are under `results/plan-run/` and its
    /// attestation is `attestations/plan-run.intoto.json`. Its case logs keep the report folder's
    /// layout (`logs/PLAN/CASE@MACHINE/attempt-N/`), so the log paths its results name are packet paths.
    public static let planRunPhase = "plan-run"
    public static let environment = "lab/environment.json"
    /// How closely the lab mirrored production (``FidelityPredicate``); also signed as the
    /// attestation named ``fidelityAttestation``.
    public static let fidelity = "fidelity.json"
    public static let fidelityAttestation = "fidelity"
    public static let manifest = "manifest.json"
    public static let manifestSignature = "manifest.sig.json"
    public static let labFile = "lab/lab.yaml"
    public static let plans = "plans"
    public static let attestations = "attestations"
    public static let approvals = "approvals"
    /// The change file as written, for auditors and for matching standard-change templates.
    public static let changeFolder = "change"

    /// `results/PHASE/FILE`: a rehearsal's test phase (``RehearsalPhase/testPhases``), or a plan
    /// run's one phase (``planRunPhase``).
    public static func results(_ phase: String, _ file: String) -> String { "results/\(phase)/\(file)" }
    public static func results(_ phase: RehearsalPhase, _ file: String) -> String { results(phase.rawValue, file) }
    public static func attestation(_ phase: String) -> String { "\(attestations)/\(phase).intoto.json" }
    public static func attestation(_ phase: RehearsalPhase) -> String { attestation(phase.rawValue) }
    public static func fingerprint(_ phase: RehearsalPhase, _ machine: String) -> String {
        "fingerprints/\(phase.rawValue)/\(machine).json"
    }
    /// What one patch of a batch alone changed on one machine.
    public static func patchDiff(patch: String, machine: String) -> String { "fingerprints/diffs/patches/\(patch)/\(machine).json" }

    public static func folder(root: String, change: String, runID: String) -> String { "\(root)/\(change)/\(runID)" }
    public static func archive(root: String, change: String, runID: String) -> String { "\(root)/\(change)-\(runID).tar.gz" }
    public static func archiveFolderName(change: String, runID: String) -> String { "\(change)-\(runID)" }
}
