import Foundation

/// One subset of a failing batch applied on the reverted machines during a bisection: which patches,
/// how each install went, the plans' results, and whether it showed the batch's failure again.
public struct BisectionStep: Sendable, Codable {
    /// What a step showed, against the batch's ``BatchFailure``.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// It failed the way the batch did.
        case reproduced
        /// Every install succeeded and it did not fail the way the batch did.
        case passed
        /// An install failed that is not the batch's failure (a patch needing one left out): the step
        /// neither reproduces the failure nor clears its patches.
        case installFailed = "install-failed"
    }

    /// 1, 2, … in the order the steps ran.
    public var number: Int
    /// The patch ids applied, in the batch's order.
    public var patches: [String]
    public var installs: [PatchInstall]
    /// The change's plans after the subset's installs; empty when an install failed.
    public var planRuns: [PlanRunResult]
    public var outcome: Outcome
    /// Machines reverted to the pre-patch snapshot before the subset was applied.
    public var reverts: Int
    public var startedAt: Date
    public var endedAt: Date

    public init(
        number: Int, patches: [String], installs: [PatchInstall], planRuns: [PlanRunResult], outcome: Outcome,
        reverts: Int, startedAt: Date, endedAt: Date
    ) {
        self.number = number
        self.patches = patches
        self.installs = installs
        self.planRuns = planRuns
        self.outcome = outcome
        self.reverts = reverts
        self.startedAt = startedAt
        self.endedAt = endedAt
    }

    /// Where the step's results and attestation live in a run folder's and a packet's terms
    /// (`bisect/step-2`): `results/bisect/step-2/`, `attestations/bisect/step-2.intoto.json`.
    public var evidenceName: String { Self.evidenceName(number) }

    public static func evidenceName(_ number: Int) -> String { "\(RunFolder.bisectionFolder)/step-\(number)" }

    /// The outcome its installs and plan results give, against the batch's failure (decided here
    /// only, for the engine and for a verifier).
    public static func outcome(installs: [PatchInstall], planRuns: [PlanRunResult], failure: BatchFailure) -> Outcome {
        let failed = installs.filter { !$0.succeeded }
        if case let .install(patch, _) = failure, failed.contains(where: { $0.patch == patch }) { return .reproduced }
        if !failed.isEmpty { return .installFailed }
        switch failure {
        case .install: return .passed
        case .plans: return plansVerdict(planRuns) == .noGo ? .reproduced : .passed
        }
    }

    /// True when every install succeeded and plans ran and were not NO-GO: its patches are safe
    /// together.
    public var isClean: Bool {
        installs.allSatisfy(\.succeeded) && !planRuns.isEmpty && Self.plansVerdict(planRuns) != .noGo
    }

    static func plansVerdict(_ runs: [PlanRunResult]) -> Verdict {
        Verdict.decide(results: runs.flatMap(\.results).map { ($0.severity, $0.state) })
    }
}
