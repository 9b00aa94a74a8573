import Foundation
import PatchLabEvidence

/// The statement a member is to sign, as the board drafted it: the DSSE payload type and payload
/// (base64), and the keyid of the member's registered key, which the signature must verify under.
public struct DecisionDraft: Codable, Sendable {
    public var payloadType: String
    /// The in-toto statement, base64: exactly the bytes to sign (inside the DSSE encoding).
    public var payload: String
    public var keyid: String

    init(_ statement: InTotoStatement<ApprovalPredicate>) throws {
        payloadType = InTotoStatement<ApprovalPredicate>.payloadType
        payload = try statement.encoded().base64EncodedString()
        keyid = statement.predicate.approver.keyid
    }
}
