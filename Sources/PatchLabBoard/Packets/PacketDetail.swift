import Foundation
import PatchLabEvidence
import PatchLabModel

/// Everything the packet page shows (and `GET /api/packets/{change}/{run}` gives): the verdict and
/// why, the results per phase, the rollback proof, the logs, whether the packet verifies, and the
/// decisions recorded so far.
public struct PacketDetail: Codable, Sendable {
    /// One plan's results in one phase.
    public struct PlanResults: Codable, Sendable, Hashable {
        public var phase: String
        public var plan: String
        public var title: String
        public var verdict: String
        public var passed: Int
        public var failed: Int
        /// error, timed-out, skipped and waived together.
        public var other: Int
    }

    public struct Rollback: Codable, Sendable, Hashable {
        /// nil when the rehearsal never got as far as rolling back.
        public var proven: Bool?
        public var reasons: [String]
    }

    public struct Integrity: Codable, Sendable, Hashable {
        public var intact: Bool
        public var signer: String?
        public var problems: [String]
    }

    /// One signed decision of the packet's `approvals/`.
    public struct Decision: Codable, Sendable, Hashable {
        public var decision: String
        public var approver: String
        public var role: String
        public var at: Date
        public var conditions: String?
        public var comment: String?
        public var changeType: String
        public var emergency: EmergencyDetails?
        public var postImplementationReviewDue: String?
        /// Where the record is inside the packet.
        public var path: String

        init(_ record: ApprovalRecord) {
            decision = record.decision.rawValue
            approver = record.approver
            role = record.role
            at = record.at
            conditions = record.conditions
            comment = record.comment
            changeType = record.changeType
            emergency = record.emergency
            postImplementationReviewDue = record.postImplementationReviewDue
            path = record.path
        }
    }

    /// How closely the lab mirrored production, as the board shows it beside the verdict.
    public struct Fidelity: Sendable, Codable {
        public struct Machine: Sendable, Codable {
            public var machine: String
            public var mirrors: String
            /// The production capture compared with; absent when not measured.
            public var production: String?
            public var score: Double?
            public var notMeasured: String?
            public var startVersionMismatches: [String]
        }

        public var measured: Bool
        /// One line: each machine's score, or "not measured".
        public var summary: String
        public var machines: [Machine]
    }

    public var packet: PacketEntry
    public var reasons: [String]
    public var ranBy: String?
    public var lab: String
    public var rehearsedAt: Date
    public var results: [PlanResults]
    public var rollback: Rollback
    public var fidelity: Fidelity
    public var integrity: Integrity
    /// Every evidence file of the packet (listed in its signed manifest, or an approval record that
    /// checks out), packet-relative; logs are those under `logs/`. Nothing else is listed or served.
    public var files: [String]
    public var decisions: [Decision]
    /// A batch's patches, each with its verdict (which are safe to go); nil for a change of one patch.
    public var patches: [PatchVerdict]?
    /// A failed batch's bisection in one line (`bisection: culprit patch X (3 subset runs, 3 reverts)`).
    public var bisection: String?

    public var logs: [String] { files.filter { $0.hasPrefix("logs/") } }

    init(entry: PacketEntry, overview: PacketOverview, status: ApprovalStatus, verification: PacketVerification, evidence: PacketFileList) {
        let result = overview.result
        packet = entry
        reasons = result.reasons
        ranBy = result.ranBy
        lab = result.labName
        rehearsedAt = result.startedAt
        results = RehearsalPhase.testPhases.flatMap { phase in
            (result.planRuns[phase] ?? []).map { run in
                let counts = run.counts
                let passed = counts[.passed] ?? 0, failed = counts[.failed] ?? 0
                return PlanResults(
                    phase: phase.rawValue, plan: run.planID, title: run.planTitle, verdict: run.verdict.title,
                    passed: passed, failed: failed, other: run.results.count - passed - failed)
            }
        }
        rollback = Rollback(proven: result.rollbackProof?.proven, reasons: result.rollbackProof?.reasons ?? [])
        fidelity = Fidelity(
            measured: result.fidelity?.isMeasured ?? false, summary: overview.fidelityHeadline,
            machines: (result.fidelity?.machines ?? []).map { machine in
                Fidelity.Machine(
                    machine: machine.machine, mirrors: machine.mirrors, production: machine.production?.name,
                    score: machine.computedScore, notMeasured: machine.notMeasured,
                    startVersionMismatches: machine.startVersionMismatches.map(\.line))
            })
        integrity = Integrity(intact: verification.isIntact, signer: verification.signer?.label, problems: verification.problems)
        files = overview.files.filter(evidence.contains)
        decisions = status.records.map(Decision.init)
        patches = result.change.isBatch ? result.patchVerdicts : nil
        bisection = result.batch?.bisection?.summary
    }
}
