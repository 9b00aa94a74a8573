/// The phases of a rehearsal, in the order they run: one name for each, used by the engine, the
/// results, the verdict, the run folder and the evidence packet.
///
/// Encoded as its raw name (`post-patch`), also as a dictionary key (``RehearsalResult/planRuns``),
/// so the JSON of results and packets reads the same as before the names were typed.
public enum RehearsalPhase: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable, Comparable,
    CustomStringConvertible
{
    case lab
    case baseline
    case baselineFingerprint = "baseline fingerprint"
    case snapshot
    case patch
    case postPatch = "post-patch"
    case postPatchFingerprint = "post-patch fingerprint"
    /// A failed batch narrowed to its culprit: subsets applied after reverts to the pre-patch snapshot.
    case bisect
    case rollback
    case postRollback = "post-rollback"
    /// The change's own rollback-verification plans, run after the rollback.
    case rollbackVerify = "rollback-verify"
    case postRollbackFingerprint = "post-rollback fingerprint"
    case teardown

    /// The phases whose plan results a rehearsal keeps, in the order they ran.
    public static let testPhases: [RehearsalPhase] = [.baseline, .postPatch, .postRollback, .rollbackVerify]

    /// The phases a fingerprint of every target is taken in.
    public static let fingerprintPhases: [RehearsalPhase] = [.baseline, .postPatch, .postRollback]

    /// How summaries title a test phase's results.
    public var title: String {
        switch self {
        case .baseline: "Baseline (before the patch)"
        case .postPatch: "After the patch"
        case .postRollback: "After the rollback"
        case .rollbackVerify: "Rollback verification"
        case .bisect: "Bisection of the batch"
        default: rawValue
        }
    }

    /// Its name, as everything prints it (`post-patch`).
    public var description: String { rawValue }

    /// In the order the phases run.
    public static func < (lhs: RehearsalPhase, rhs: RehearsalPhase) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The phase whose fingerprint this phase takes (`post-patch fingerprint` → `post-patch`).
    public var fingerprinted: RehearsalPhase? {
        switch self {
        case .baselineFingerprint: .baseline
        case .postPatchFingerprint: .postPatch
        case .postRollbackFingerprint: .postRollback
        default: nil
        }
    }
}
