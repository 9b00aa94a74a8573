import Foundation

/// Where each part of an evidence packet lives, relative to the packet folder. The folder is named
/// after the run (`evidence/CHG-0001/RUN/`) and the archive after both
/// (`evidence/CHG-0001-RUN.tar.gz`, holding the folder `CHG-0001-RUN/`).
public enum PacketLayout {
    public static let summaryHTML = "summary.html"
    public static let summaryMarkdown = "summary.md"
    public static let change = "change.json"
    public static let rehearsal = "rehearsal.json"
    public static let manifest = "manifest.json"
    public static let manifestSignature = "manifest.sig.json"
    public static let labFile = "lab/lab.yaml"
    public static let plans = "plans"
    public static let attestations = "attestations"
    public static let approvals = "approvals"
    /// The change file as written, for auditors and for matching standard-change templates.
    public static let changeFolder = "change"

    /// The phases whose plan results a packet carries, in the order they ran.
    public static let phases = ["baseline", "post-patch", "post-rollback", "rollback-verify"]

    public static func results(_ phase: String, _ file: String) -> String { "results/\(phase)/\(file)" }
    public static func attestation(_ phase: String) -> String { "\(attestations)/\(phase).intoto.json" }
    public static func fingerprint(_ phase: String, _ machine: String) -> String { "fingerprints/\(phase)/\(machine).json" }

    public static func folder(root: String, change: String, runID: String) -> String { "\(root)/\(change)/\(runID)" }
    public static func archive(root: String, change: String, runID: String) -> String { "\(root)/\(change)-\(runID).tar.gz" }
    public static func archiveFolderName(change: String, runID: String) -> String { "\(change)-\(runID)" }
}
