import Foundation
import PatchLabEvidence

/// What `approve --board` checks in the statement a board drafted before signing it: that it says
/// exactly what the member chose, about the packet the board serves, now. A board that lies in its
/// draft (another decision, emergency texts the member never wrote, a time of its choosing, another
/// packet) gets nothing signed.
struct DraftCheck {
    var member: String
    var change: String
    var run: String
    var decision: ApprovalDecision
    var conditions: String?
    var comment: String?
    var emergency: EmergencyDetails?
    var keyID: String
    var now: Date

    /// What differs, in words; empty when the draft is what was asked.
    func differences(payloadType: String, statement: InTotoStatement<ApprovalPredicate>, manifest: Data) -> [String] {
        let predicate = statement.predicate
        func same(_ a: String?, _ b: String?) -> Bool {
            (a ?? "").trimmingCharacters(in: .whitespacesAndNewlines) == (b ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var differences: [String] = []
        if payloadType != InTotoStatement<ApprovalPredicate>.payloadType { differences.append("its payload type") }
        if predicate.decision != decision { differences.append("the decision") }
        if !same(predicate.conditions, conditions) || !same(predicate.comment, comment) { differences.append("the texts") }
        switch (predicate.emergency, emergency) {
        case (nil, nil): break
        case let (drafted?, asked?) where same(drafted.justification, asked.justification) && same(drafted.incident, asked.incident): break
        default: differences.append("the emergency")
        }
        if predicate.approver.id != member || predicate.approver.keyid != keyID { differences.append("the member") }
        if predicate.change.id != change || predicate.change.runID != run { differences.append("the change") }
        if abs(predicate.decidedAt.timeIntervalSince(now)) > ApprovalDesk.timeTolerance { differences.append("the time") }
        let digest = StreamingDigest.sha256(of: manifest)
        if statement.subject.count != 1 || statement.subject.first?.name != PacketLayout.manifest
            || statement.subject.first?.digest["sha256"] != digest
        {
            differences.append("the packet")
        }
        return differences
    }
}
