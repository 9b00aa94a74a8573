import Foundation
import PatchLabEvidence

/// A decision as a member asks the board to draft it (`POST …/decision-drafts`), before anything is
/// signed. It holds no key: the member signs the draft where their key is, and the board only ever
/// receives the signed record.
public struct DecisionInput: Codable, Sendable {
    public var decision: String
    public var conditions: String?
    public var comment: String?
    public var emergency: EmergencyDetails?
    /// Optional: when given it must be the signed-in member, so a client confused about whose token it
    /// holds is told, not obeyed.
    public var member: String?

    public init(
        decision: String, conditions: String? = nil, comment: String? = nil, emergency: EmergencyDetails? = nil,
        member: String? = nil
    ) {
        self.decision = decision
        self.conditions = conditions
        self.comment = comment
        self.emergency = emergency
        self.member = member
    }

    /// What the desk drafts from, for `memberID`, the signed-in member, and no one else.
    func intent(packet: String, memberID: String, at: Date) throws -> ApprovalIntent {
        if let member, member != memberID {
            throw BoardError(.forbidden, "signed in as \(memberID); a decision cannot be made for \(member)")
        }
        guard let decision = ApprovalDecision(rawValue: decision) else {
            throw BoardError(
                .badRequest,
                "decision must be one of "
                    + ApprovalDecision.allCases.map(\.rawValue).joined(separator: ", ") + ", not '\(self.decision)'")
        }
        return ApprovalIntent(
            packet: packet, memberID: memberID, decision: decision, conditions: Self.text(conditions),
            comment: Self.text(comment), emergency: emergency, at: at)
    }

    private static func text(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
