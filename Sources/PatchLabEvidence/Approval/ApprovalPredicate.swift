import Foundation

/// The predicate of an approval record (an in-toto Statement about the packet's manifest): who
/// decided what about which change, when, under which rules.
public struct ApprovalPredicate: Sendable, Hashable, Codable {
    public static let predicateType = "https://patchlab.dev/attestation/change-approval/v1"

    public struct ChangeReference: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var type: String
        public var runID: String
        /// The rehearsal's verdict the decision was made on.
        public var verdict: String
    }

    public struct Approver: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        /// The role the member decided in: `approver` or `emergency-authority`.
        public var role: String
        public var keyid: String
    }

    /// The separation-of-duties check as it was made: the one who ran the rehearsal is not the approver.
    public struct SeparationOfDuties: Sendable, Hashable, Codable {
        public var ranBy: String
        public var approver: String
        public var separate: Bool
    }

    public struct Emergency: Sendable, Hashable, Codable {
        public var justification: String
        public var incident: String
        /// The date (YYYY-MM-DD) by which the post-implementation review is due.
        public var postImplementationReviewDue: String
    }

    public var change: ChangeReference
    public var decision: ApprovalDecision
    public var conditions: String?
    public var comment: String?
    public var approver: Approver
    public var decidedAt: Date
    /// normal, standard or emergency: emergency when the change is one, or when a NO-GO is approved as one.
    public var changeType: String
    public var emergency: Emergency?
    public var separationOfDuties: SeparationOfDuties
}
