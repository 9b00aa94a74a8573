import PatchLabModel

/// What a batch rehearsal gathers besides the usual phases: each patch's install in the batch's own
/// pass. The session only asks it whether to bisect (``BatchBisector``) and what to record.
struct BatchLedger: Sendable {
    let installs = PatchInstallLog()

    /// The batch's failure when it is to be bisected: a batch of more than one patch, bisection not
    /// turned off, not interrupted, and a failed install or NO-GO post-patch plans.
    func failureToBisect(change: Change, options: RehearsalOptions, postPatchVerdict: Verdict?, interrupted: Bool) -> BatchFailure? {
        guard change.isBatch, options.bisect, !interrupted else { return nil }
        return BatchFailure.of(installs: installs.installs, postPatchVerdict: postPatchVerdict)
    }

    /// The record a result keeps; nil for a change of one patch.
    func record(for change: Change, bisection: Bisection?) -> BatchRecord? {
        change.isBatch ? BatchRecord(installs: installs.installs, bisection: bisection) : nil
    }
}
