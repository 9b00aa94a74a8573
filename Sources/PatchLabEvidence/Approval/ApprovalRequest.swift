import Foundation

/// A member's decision about a packet with the member's key to sign it here, before the desk has
/// checked it against the rules.
public struct ApprovalRequest: Sendable {
    public var packet: String
    public var memberID: String
    public var signingKey: SigningKey
    public var decision: ApprovalDecision
    public var conditions: String?
    public var comment: String?
    public var emergency: EmergencyDetails?
    public var at: Date

    public init(
        packet: String, memberID: String, signingKey: SigningKey, decision: ApprovalDecision, conditions: String? = nil,
        comment: String? = nil, emergency: EmergencyDetails? = nil, at: Date = Date()
    ) {
        self.packet = packet
        self.memberID = memberID
        self.signingKey = signingKey
        self.decision = decision
        self.conditions = conditions
        self.comment = comment
        self.emergency = emergency
        self.at = at
    }

    public var intent: ApprovalIntent {
        ApprovalIntent(
            packet: packet, memberID: memberID, decision: decision, conditions: conditions, comment: comment,
            emergency: emergency, at: at)
    }
}
