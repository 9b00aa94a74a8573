import Foundation

/// One signed decision as found in a packet's `approvals/` folder.
public struct ApprovalRecord: Sendable, Hashable {
    public var predicate: ApprovalPredicate
    /// The packet-relative path of the record (`approvals/001-alice-approve.intoto.json`).
    public var path: String

    public var change: String { predicate.change.id }
    public var runID: String { predicate.change.runID }
    public var decision: ApprovalDecision { predicate.decision }
    public var approver: String { predicate.approver.id }
    public var role: String { predicate.approver.role }
    public var at: Date { predicate.decidedAt }
    public var conditions: String? { predicate.conditions }
    public var comment: String? { predicate.comment }
    public var changeType: String { predicate.changeType }
    public var emergency: EmergencyDetails? {
        predicate.emergency.map { EmergencyDetails(justification: $0.justification, incident: $0.incident) }
    }
    public var postImplementationReviewDue: String? { predicate.emergency?.postImplementationReviewDue }
}
