/// A rule an approval record must keep to count. The verifier re-checks every one of them from the
/// members file as it stands now and from the packet itself: what a record says about itself (its
/// role, its emergency flag, its separation-of-duties note) is a claim to check, never a fact.
public enum ApprovalRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// A DSSE envelope holding an in-toto statement with the approval predicate.
    case wellFormed = "well-formed"
    /// The approver is a member of the board.
    case member
    /// Signed by the key the members file registers for that member.
    case signature
    /// About this packet: its subject is this manifest's digest, and it names this change, run,
    /// verdict and change type.
    case subject
    /// An observer's record never counts, and a role claimed must be one the members file grants.
    case role
    /// The approver neither ran the rehearsal nor owns a key that signed the packet.
    case separationOfDuties = "separation-of-duties"
    /// A NO-GO is approved only as an emergency, with a justification and an incident.
    case noGoNeedsEmergency = "no-go-needs-emergency"
    /// Conditions written out for approve-with-conditions, a comment for reject and defer, and both
    /// texts of an emergency.
    case missingText = "missing-text"
    /// One decision per member; a deferral may be followed by one decision.
    case oneDecisionPerMember = "one-decision-per-member"
    /// Nothing counts after a rejection.
    case afterRejection = "after-rejection"
}

/// One rule a record breaks, and how.
public struct ApprovalBreach: Error, Sendable, Hashable, CustomStringConvertible {
    public var rule: ApprovalRule
    public var message: String

    public init(_ rule: ApprovalRule, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { message }
}
