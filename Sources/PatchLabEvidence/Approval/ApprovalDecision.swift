/// What a board member decided about a packet.
public enum ApprovalDecision: String, Sendable, Hashable, Codable, CaseIterable {
    case approve
    /// Approved, provided the written conditions are kept (e.g. "deploy in window 3").
    case approveWithConditions = "approve-with-conditions"
    case reject
    /// No decision yet: the board wants more (a comment says what).
    case `defer`

    public var approves: Bool { self == .approve || self == .approveWithConditions }
}
