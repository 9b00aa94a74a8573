import Foundation
import PatchLabModel

/// Everything a rehearsal found, phase by phase: what the run store keeps and the evidence packet shows.
public struct RehearsalResult: Sendable, Codable {
    /// One phase's wall time and outcome.
    public struct Phase: Sendable, Codable {
        public var name: String
        public var startedAt: Date
        public var endedAt: Date
        public var status: String
        public var seconds: Double { endedAt.timeIntervalSince(startedAt) }
    }

    /// What installing the patch did on one machine.
    public struct PatchOutcome: Sendable, Codable {
        public var machine: String
        public var succeeded: Bool
        public var exitCode: Int?
        public var timedOut: Bool
        public var message: String?
        public var stdout: String
        public var stderr: String
        public var logDirectory: String?
    }

    public var runID: String
    public var change: Change
    public var labName: String
    public var startedAt: Date
    public var endedAt: Date
    public var verdict: Verdict
    public var reasons: [String]
    public var interrupted: Bool
    public var phases: [Phase]
    /// Plan runs per phase: `baseline`, `post-patch`, `post-rollback`.
    public var planRuns: [String: [PlanRunResult]]
    public var fingerprints: [String: [Fingerprint]]
    /// What the patch changed on each machine (post-patch against baseline).
    public var patchDiffs: [FingerprintDiff]
    public var patchOutcomes: [PatchOutcome]
    public var rollbackProof: RollbackProof?
    /// The machines that were patched (or had the patch attempted), in deployment order.
    public var patchedMachines: [String]
    /// Where logs of this run are kept.
    public var runDirectory: String
}
