/// One patch of a batch as the board reads it: safe to go, the culprit, or not judged on its own.
///
/// | the patch | state |
/// | --- | --- |
/// | in the smallest set that reproduces the batch's failure | `culprit` |
/// | applied in a pass (the batch's, or a bisection step) where every install succeeded and the plans were not NO-GO | `safe` |
/// | never installed (the batch stopped before it) | `not-applied` |
/// | otherwise (only ever applied beside a failure) | `not-cleared` |
public struct PatchVerdict: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        case safe
        case culprit
        case notCleared = "not-cleared"
        case notApplied = "not-applied"

        /// How summaries print it.
        public var title: String {
            switch self {
            case .safe: "SAFE"
            case .culprit: "CULPRIT"
            case .notCleared: "NOT CLEARED"
            case .notApplied: "NOT APPLIED"
            }
        }
    }

    public var patch: String
    public var priority: PatchPriority
    public var state: State
    /// Which evidence says so, for people (`passed in bisection step 2`).
    public var evidence: String

    public init(patch: String, priority: PatchPriority, state: State, evidence: String) {
        self.patch = patch
        self.priority = priority
        self.state = state
        self.evidence = evidence
    }
}

extension RehearsalResult {
    /// A verdict for every patch of a batch, in batch order; empty for a change of one patch.
    public var patchVerdicts: [PatchVerdict] {
        guard change.isBatch, let batch else { return [] }
        let bisection = batch.bisection
        let postPatch = planRuns[.postPatch] ?? []
        let batchClean =
            !batch.installs.isEmpty && batch.installs.allSatisfy(\.succeeded) && !postPatch.isEmpty
            && BisectionStep.plansVerdict(postPatch) != .noGo
        return change.patches.map { patch in
            let id = patch.id
            func verdict(_ state: PatchVerdict.State, _ evidence: String) -> PatchVerdict {
                PatchVerdict(patch: id, priority: patch.priority, state: state, evidence: evidence)
            }
            if let bisection, bisection.culprits.contains(id) {
                let others = bisection.culprits.filter { $0 != id }
                return verdict(
                    .culprit,
                    others.isEmpty
                        ? "reproduces the batch's failure on its own"
                        : "reproduces the batch's failure together with \(others.joined(separator: ", "))")
            }
            let applied = batch.installs.contains { $0.patch == id }
            if batchClean, applied { return verdict(.safe, "passed in the whole batch") }
            if let step = bisection?.steps.first(where: { $0.isClean && $0.patches.contains(id) }) {
                let others = step.patches.count - 1
                return verdict(
                    .safe,
                    "passed in bisection step \(step.number) "
                        + (others == 0 ? "(on its own)" : "(with \(others) other patch\(others == 1 ? "" : "es"))"))
            }
            let tried = applied || bisection?.steps.contains { $0.patches.contains(id) } == true
            guard tried else { return verdict(.notApplied, "never installed: the batch stopped at an earlier failure") }
            return verdict(.notCleared, "only applied beside a failure; rehearse a change without the culprit to judge it")
        }
    }
}
