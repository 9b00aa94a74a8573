import Foundation
import PatchLabModel

/// The record files in a packet's `approvals/` folder, read but not judged (``ApprovalJudge`` does
/// that). A record is a visible file directly in `approvals/` (``PacketManifest/isUnlisted(_:)``);
/// a hidden file or a sub-folder there is no record, and `packet verify`'s files check names it.
struct ApprovalLedger {
    let folder: String

    var directory: String { "\(folder)/\(PacketLayout.approvals)" }

    func recordFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
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
