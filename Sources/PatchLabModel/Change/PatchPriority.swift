/// How urgent one patch of a change is, in the terms patch teams sort their queue by: a security
/// fix is `high`, a regular stable update `medium`. The board reads it beside each patch's verdict;
/// `change new --from-updates` sets it from the suite the update comes from.
public enum PatchPriority: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case critical
    case high
    case medium
    case low

    /// Most urgent first.
    public static func < (lhs: PatchPriority, rhs: PatchPriority) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
