/// The verdict of a whole rehearsal, from what each phase gave: what the change board is asked to
/// approve, with every reason behind it.
///
/// | baseline | patch | post-patch plans | rollback | verdict |
/// | --- | --- | --- | --- | --- |
/// | NO-GO, not accepted | – | – | – | NO-GO: "baseline failed" |
/// | any | failed | any | any | NO-GO: "patch install failed on …" |
/// | GO | ok | NO-GO or not run | any | NO-GO: "post-patch plans …" |
/// | GO | ok | GO | not proven or not run | NO-GO: "rollback not proven: …" |
/// | GO | ok | GO WITH WARNINGS | proven | GO WITH WARNINGS |
/// | NO-GO, accepted | ok | GO | proven | GO WITH WARNINGS: the lab's baseline was not clean |
/// | GO or GO WITH WARNINGS | ok | GO | proven | GO |
///
/// A NO-GO lists every reason found, not only the first, so a broken patch whose rollback also
/// failed says both.
///
/// Fidelity to production (``FidelityJudgement``) adds its blockers ("the lab does not mirror
/// production: …", when the change demands fidelity and the lab falls short) and its warnings (a
/// patched package that starts from another version than production's) to the rows above.
public enum RehearsalVerdict {
    /// Decides the verdict.
    ///
    /// - Parameters:
    ///   - baselineVerdict: the plans' verdict before the patch.
    ///   - baselineFailuresAccepted: true when every baseline problem is one the change accepts
    ///     (`accept_baseline_failures`); the rehearsal then goes on, and the engine judges the
    ///     post-patch plans without those cases.
    ///   - patchFailed: the install failed (or could not run) on some machine.
    ///   - patchFailedOn: the machines it failed on, for the reason's text.
    ///   - postPatchVerdict: the plans' verdict after the patch; nil when they did not run.
    ///   - rollback: the rollback rehearsal's proof; nil when it did not run.
    ///   - fidelity: what the lab's fidelity to production adds; nil adds nothing.
    public static func decide(
        baselineVerdict: Verdict, baselineFailuresAccepted: Bool, patchFailed: Bool,
        patchFailedOn: [String] = [], postPatchVerdict: Verdict?,
        rollback: RollbackProof?, fidelity: FidelityJudgement? = nil
    ) -> (verdict: Verdict, reasons: [String]) {
        var blockers: [String] = []
        var warnings: [String] = []

        let baselineFailed = baselineVerdict == .noGo
        if baselineFailed && !baselineFailuresAccepted {
            // The rehearsal stops here, so what did not run afterwards is no further reason.
            return (.noGo, ["baseline failed"])
        }
        if baselineFailed {
            warnings.append("baseline failed, with failures the change accepts: the lab does not mirror a healthy production")
        }

        if patchFailed {
            blockers.append(
                patchFailedOn.isEmpty
                    ? "patch install failed"
                    : "patch install failed on \(patchFailedOn.joined(separator: ", "))")
        }

        switch postPatchVerdict {
        case .noGo?:
            blockers.append("post-patch plans NO-GO")
        case .goWithWarnings?:
            warnings.append("post-patch plans GO WITH WARNINGS")
        case .go?:
            break
        case nil:
            // After a failed install the post-patch plans may be skipped; the install is the reason then.
            if !patchFailed { blockers.append("post-patch plans not run") }
        }

        switch rollback {
        case let proof? where !proof.proven:
            blockers +=
                proof.reasons.isEmpty
                ? ["rollback not proven"]
                : proof.reasons.map { "rollback not proven: \($0)" }
        case nil:
            blockers.append("rollback not rehearsed")
        default:
            break
        }

        blockers += fidelity?.blockers ?? []
        warnings += fidelity?.warnings ?? []

        if !blockers.isEmpty { return (.noGo, blockers + warnings) }
        if !warnings.isEmpty { return (.goWithWarnings, warnings) }
        return (.go, [])
    }
}
