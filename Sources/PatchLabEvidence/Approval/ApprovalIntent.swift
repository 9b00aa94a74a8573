import Foundation

/// What a member means to decide about a packet, before anything is signed: what the desk drafts a
/// statement from, for the member to sign wherever their private key is (the CLI, the browser).
public struct ApprovalIntent: Sendable {
    public var packet: String
    public var memberID: String
    public var decision: ApprovalDecision
    public var conditions: String?
    public var comment: String?
    public var emergency: EmergencyDetails?
    public var at: Date

    public init(
        packet: String, memberID: String, decision: ApprovalDecision, conditions: String? = nil, comment: String? = nil,
        emergency: EmergencyDetails? = nil, at: Date = Date()
    ) {
        self.packet = packet
        self.memberID = memberID
        self.decision = decision
        self.conditions = conditions
        self.comment = comment
        self.emergency = emergency
        self.at = at
    }
}
