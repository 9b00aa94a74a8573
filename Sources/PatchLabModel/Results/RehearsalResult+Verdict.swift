import Foundation

extension RehearsalResult {
    /// The verdict the recorded results give, decided again from them by ``RehearsalVerdict``: what a
    /// verifier compares with the verdict a packet states, so a summary cannot claim GO over NO-GO
    /// results.
    public func recomputedVerdict() -> Verdict {
        let baseline = BaselineJudgement(results: (planRuns[.baseline] ?? []).flatMap(\.results), change: change)
        if interrupted || baseline.stops || !(lostHosts ?? []).isEmpty { return .noGo }
        let failedOn = patchOutcomes.filter { !$0.succeeded }.map(\.machine)
        let postPatch = planRuns[.postPatch].map { runs in
            Verdict.decide(results: runs.flatMap(\.results).map { ($0.severity, $0.state) })
        }
        return RehearsalVerdict.decide(
            baselineVerdict: baseline.verdict, baselineFailuresAccepted: baseline.failuresAccepted,
            patchFailed: !failedOn.isEmpty, patchFailedOn: failedOn,
            postPatchVerdict: postPatch, rollback: rollbackProof,
            fidelity: FidelityJudgement(report: fidelity, demand: change.fidelity)
        ).verdict
    }
}
