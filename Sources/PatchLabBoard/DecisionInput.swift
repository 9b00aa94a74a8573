import Foundation
import PatchLabEvidence

/// A decision as a member submits it, from the page's form or the API's JSON, before the desk
/// checks it: the private key is in here only for the moment it takes to sign, and is never
/// logged, stored or echoed back.
public struct DecisionInput: Codable, Sendable {
    public var decision: String
    public var conditions: String?
    public var comment: String?
    /// The member's own Ed25519 private key, PEM (`-----BEGIN PRIVATE KEY-----`).
    public var privateKey: String
    public var emergency: EmergencyDetails?
    /// Optional in the API: when given it must be the signed-in member, so a client confused about
    /// whose token it holds is told, not obeyed.
    public var member: String?

    /// The form's fields: `decision`, `conditions`, `comment`, `private_key`, `justification`, `incident`.
    init(form: [String: String]) {
        decision = form["decision"] ?? ""
        conditions = Self.text(form["conditions"])
        comment = Self.text(form["comment"])
        privateKey = form["private_key"] ?? ""
        let justification = Self.text(form["justification"]), incident = Self.text(form["incident"])
        emergency = justification == nil && incident == nil ? nil
            : EmergencyDetails(justification: justification ?? "", incident: incident ?? "")
        member = Self.text(form["member"])
    }

    /// The request for the desk, signed by `memberID`, the signed-in member, and no one else.
    func request(packet: String, memberID: String, at: Date) throws -> ApprovalRequest {
        if let member, member != memberID {
            throw BoardError(.forbidden, "signed in as \(memberID); a decision cannot be made for \(member)")
        }
        guard let decision = ApprovalDecision(rawValue: decision) else {
            throw BoardError(.badRequest, "decision must be one of "
                             + ApprovalDecision.allCases.map(\.rawValue).joined(separator: ", ") + ", not '\(self.decision)'")
        }
        let key: SigningKey
        do {
            key = try SigningKey(pem: privateKey)
        } catch {
            // The error names the key's shape, never its content.
            throw BoardError(.badRequest, "the private key is not an Ed25519 PEM private key (-----BEGIN PRIVATE KEY-----)")
        }
        return ApprovalRequest(packet: packet, memberID: memberID, signingKey: key, decision: decision,
                               conditions: conditions, comment: comment, emergency: emergency, at: at)
    }

    private static func text(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
