/// Where a packet stands with the board: its decisions, and whether they make an approval.
public struct ApprovalStatus: Sendable {
    public enum State: String, Sendable, Codable {
        case pending, approved, rejected, deferred
        /// A standard change matching its pre-approved template: no board decision needed.
        case preApproved = "pre-approved"
    }

    public var records: [ApprovalRecord]
    public var state: State
    /// How many approvals the change needs in all, for its kind.
    public var approvalsNeeded: Int
    /// One sentence for a person: what is decided and what is still missing.
    public var summary: String
}
