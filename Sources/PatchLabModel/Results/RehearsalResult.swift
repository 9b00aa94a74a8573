import Foundation

/// Everything a rehearsal found, phase by phase: what the run store keeps and the evidence packet shows.
public struct RehearsalResult: Sendable, Codable {
    /// One phase's wall time and outcome.
    public struct Phase: Sendable, Codable {
        public var name: RehearsalPhase
        public var startedAt: Date
        public var endedAt: Date
        public var status: String
        public var seconds: Double { endedAt.timeIntervalSince(startedAt) }

        public init(name: RehearsalPhase, startedAt: Date, endedAt: Date, status: String) {
            self.name = name
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.status = status
        }
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

        public init(
            machine: String, succeeded: Bool, exitCode: Int?, timedOut: Bool, message: String?,
            stdout: String, stderr: String, logDirectory: String?
        ) {
            self.machine = machine
            self.succeeded = succeeded
            self.exitCode = exitCode
            self.timedOut = timedOut
            self.message = message
            self.stdout = stdout
            self.stderr = stderr
            self.logDirectory = logDirectory
        }
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
    /// Plan runs per test phase (``RehearsalPhase/testPhases``).
    public var planRuns: [RehearsalPhase: [PlanRunResult]]
    /// Fingerprints per fingerprinted phase (``RehearsalPhase/fingerprintPhases``).
    public var fingerprints: [RehearsalPhase: [Fingerprint]]
    /// What the patch changed on each machine (post-patch against baseline).
    public var patchDiffs: [FingerprintDiff]
    public var patchOutcomes: [PatchOutcome]
    public var rollbackProof: RollbackProof?
    /// The machines that were patched (or had the patch attempted), in deployment order.
    public var patchedMachines: [String]
    /// Where logs of this run are kept.
    public var runDirectory: String
    /// Who started the rehearsal (the change board's separation-of-duties check reads it); nil in
    /// records written before it was kept.
    public var ranBy: String?
    /// The host the harness ran on.
    public var host: String?
    /// True when only the plans' critical cases ran (an emergency change's reduced plan).
    public var reducedPlan: Bool?
    /// The lab hosts that stopped answering during the run (by name): the rehearsal is NO-GO, and
    /// what it left on them is for `patchlab recover`. Nil when every host answered throughout.
    public var lostHosts: [String]?
    /// Each patch's install and, for a failed batch, the bisection; nil for a change of one patch.
    public var batch: BatchRecord?
    /// How closely each target mirrors its production host (baseline against the production
    /// capture); nil when no target's mirrored host has a capture: "fidelity not measured".
    public var fidelity: FidelityReport?

    public init(
        runID: String, change: Change, labName: String, startedAt: Date, endedAt: Date, verdict: Verdict,
        reasons: [String], interrupted: Bool, phases: [Phase], planRuns: [RehearsalPhase: [PlanRunResult]],
        fingerprints: [RehearsalPhase: [Fingerprint]], patchDiffs: [FingerprintDiff], patchOutcomes: [PatchOutcome],
        rollbackProof: RollbackProof?, patchedMachines: [String], runDirectory: String,
        ranBy: String? = nil, host: String? = nil, reducedPlan: Bool? = nil, lostHosts: [String]? = nil,
        batch: BatchRecord? = nil, fidelity: FidelityReport? = nil
    ) {
        self.runID = runID
        self.change = change
        self.labName = labName
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.verdict = verdict
        self.reasons = reasons
        self.interrupted = interrupted
        self.phases = phases
        self.planRuns = planRuns
        self.fingerprints = fingerprints
        self.patchDiffs = patchDiffs
        self.patchOutcomes = patchOutcomes
        self.rollbackProof = rollbackProof
        self.patchedMachines = patchedMachines
        self.runDirectory = runDirectory
        self.ranBy = ranBy
        self.host = host
        self.reducedPlan = reducedPlan
        self.lostHosts = lostHosts
        self.batch = batch
        self.fidelity = fidelity
    }
}
