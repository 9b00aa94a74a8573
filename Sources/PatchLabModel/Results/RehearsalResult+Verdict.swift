import Foundation

extension RehearsalResult {
    /// The verdict the recorded results give, decided again from them by ``RehearsalVerdict``: what a
    /// verifier compares with the verdict a packet states, so a summary cannot claim GO over NO-GO
    /// results.
    public func recomputedVerdict() -> Verdict {
        let baseline = (planRuns["baseline"] ?? []).flatMap(\.results)
        let baselineVerdict = Verdict.decide(results: baseline.map { ($0.severity, $0.state) })
        let problems = baseline.filter { $0.state.isProblem }
        let accepted = !problems.isEmpty && problems.allSatisfy { change.acceptsBaselineFailure(of: $0.caseID) }
        if interrupted || (baselineVerdict == .noGo && !accepted) { return .noGo }
        let failedOn = patchOutcomes.filter { !$0.succeeded }.map(\.machine)
        let postPatch = planRuns["post-patch"].map { runs in
            Verdict.decide(results: runs.flatMap(\.results).map { ($0.severity, $0.state) })
        }
        return RehearsalVerdict.decide(baselineVerdict: baselineVerdict, baselineFailuresAccepted: accepted,
                                       patchFailed: !failedOn.isEmpty, patchFailedOn: failedOn,
                                       postPatchVerdict: postPatch, rollback: rollbackProof).verdict
    }
}
