import Foundation
import PatchLabModel

/// The record files in a packet's `approvals/` folder, read but not judged (``ApprovalJudge`` does
/// that). Every entry is listed, hidden ones too: a file that is not a valid record must be named,
/// not skipped.
struct ApprovalLedger {
    let folder: String

    var directory: String { "\(folder)/\(PacketLayout.approvals)" }

    func recordFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// A record file's signed statement, or why it is not one.
    static func read(_ data: Data) -> Result<(DSSEEnvelope, InTotoStatement<ApprovalPredicate>), ApprovalBreach> {
        let envelope: DSSEEnvelope
        do { envelope = try DSSEEnvelope.decode(data) } catch {
            return .failure(ApprovalBreach(.wellFormed, "not a signed approval record (DSSE envelope): \(error)"))
        }
        guard envelope.payloadType == InTotoStatement<ApprovalPredicate>.payloadType else {
            return .failure(ApprovalBreach(.wellFormed, "payload type \(DisplayText.quoted(envelope.payloadType)) is not in-toto's"))
        }
        do {
            let statement = try InTotoStatement<ApprovalPredicate>.decode(envelope.payload, predicateType: ApprovalPredicate.predicateType)
            return .success((envelope, statement))
        } catch {
            return .failure(ApprovalBreach(.wellFormed, "not an approval statement: \(error)"))
        }
    }
}
