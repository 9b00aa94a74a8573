/// How a batch failed, which is what a bisection step must show again to count as reproducing it.
///
/// | the whole batch showed | a step reproduces it when |
/// | --- | --- |
/// | a patch's install failed | that same patch's install fails |
/// | every install succeeded, the post-patch plans NO-GO | every install succeeds and the plans are NO-GO |
///
/// A step whose install fails otherwise neither reproduces the failure nor clears its patches
/// (``BisectionStep/Outcome/installFailed``).
public enum BatchFailure: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The install of `patch` failed, first on `machine`.
    case install(patch: String, machine: String)
    /// The post-patch plans were NO-GO.
    case plans

    /// Decides it from the whole batch's pass: the first failed install (in deployment order), else
    /// the post-patch plans; nil when the batch did not fail.
    public static func of(installs: [PatchInstall], postPatchVerdict: Verdict?) -> BatchFailure? {
        if let failed = installs.first(where: { !$0.succeeded }) { return .install(patch: failed.patch, machine: failed.machine) }
        return postPatchVerdict == .noGo ? .plans : nil
    }

    public var description: String {
        switch self {
        case let .install(patch, machine): "the install of patch \(patch) failed on \(machine)"
        case .plans: "the post-patch plans were NO-GO"
        }
    }
}
