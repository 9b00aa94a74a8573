import Foundation
import PatchLabModel

/// The approval records in a packet's `approvals/` folder, each checked: signed by the key the board
/// registered for the member it names, and about this very packet (its subject is the digest of the
/// packet's manifest, so a record cannot be moved to another packet).
struct ApprovalLedger {
    let folder: String

    var directory: String { "\(folder)/\(PacketLayout.approvals)" }

    func recordFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The records that check out, and a problem for each that does not.
    func records(board: BoardConfiguration) -> (records: [ApprovalRecord], problems: [String]) {
        let manifest = FileManager.default.contents(atPath: "\(folder)/\(PacketLayout.manifest)")
        let manifestDigest = manifest.map(StreamingDigest.sha256(of:))
        let runID = manifest.flatMap { try? PacketJSON.decoder.decode(PacketManifest.self, from: $0) }?.runID
        var records: [ApprovalRecord] = [], problems: [String] = []
        for name in recordFiles() {
            let path = "\(PacketLayout.approvals)/\(name)"
            do {
                guard let data = FileManager.default.contents(atPath: "\(folder)/\(path)") else { throw PacketError.unreadable(path) }
                let envelope = try DSSEEnvelope.decode(data)
                guard envelope.payloadType == InTotoStatement<ApprovalPredicate>.payloadType else {
                    problems.append("\(path): payload type '\(envelope.payloadType)' is not in-toto's")
                    continue
                }
                let statement = try InTotoStatement<ApprovalPredicate>.decode(envelope.payload, predicateType: ApprovalPredicate.predicateType)
                let approver = statement.predicate.approver.id
                guard let member = board.member(approver) else {
                    problems.append("\(path): approver '\(approver)' is not a member of the board (\(board.file))")
                    continue
                }
                let key = try VerifyingKey(contentsOfFile: member.publicKeyPath)
                do { _ = try envelope.verify(with: TrustedKeys([key])) } catch {
                    problems.append("\(path): not signed by \(approver)'s registered key (\(member.publicKeyPath))")
                    continue
                }
                guard statement.subject.contains(where: { $0.name == PacketLayout.manifest && $0.digest["sha256"] == manifestDigest }),
                      statement.predicate.change.runID == runID else {
                    problems.append("\(path): is about another packet (its subject is not this packet's manifest)")
                    continue
                }
                records.append(ApprovalRecord(predicate: statement.predicate, path: path))
            } catch {
                problems.append("\(path): \(error)")
            }
        }
        return (records, problems)
    }
}
