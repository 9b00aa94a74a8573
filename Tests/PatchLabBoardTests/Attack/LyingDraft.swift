import Foundation
@testable import PatchLabEvidence
import PatchLabModel

/// A draft a lying board hands a member, next to what the member chose. `honest` is the control:
/// what a true board drafts, which the signer must sign. Every other case differs from what the
/// member chose in a way the signer (the decision page's script, `approve --board`) must catch.
struct LyingDraft: CustomStringConvertible {
    var name: String
    /// What the member picks on the form or the command line.
    var decision: ApprovalDecision
    var comment: String?
    var payloadType: String
    var payload: Data
    /// True for the control, the one draft that must be signed.
    var honest = false
    /// False for a lie only the browser's script lets through (`approve --board` already checks
    /// the payload type and the predicate type).
    var commandLine = true

    var description: String { name }

    static let chosenComment = "no rollback proof"

    /// Every lie, and the honest draft first, for `member` deciding on `packet` at `now`.
    static func all(desk: ApprovalDesk, packet: String, member: String, now: Date) throws -> [LyingDraft] {
        func draft(
            _ decision: ApprovalDecision, comment: String? = nil, emergency: EmergencyDetails? = nil,
            at: Date? = nil
        ) throws -> InTotoStatement<ApprovalPredicate> {
            try desk.draft(
                ApprovalIntent(
                    packet: packet, memberID: member, decision: decision, comment: comment, emergency: emergency,
                    at: at ?? now))
        }
        let type = InTotoStatement<ApprovalPredicate>.payloadType
        let approve = try draft(.approve)
        let approveJSON = String(decoding: try approve.encoded(), as: UTF8.self)
        let reject = String(decoding: try draft(.reject, comment: chosenComment).encoded(), as: UTF8.self)
        // The member's signature over a packet manifest: the approval's fields ride along as keys
        // a manifest reader ignores.
        let manifestPath = "\(packet)/\(PacketLayout.manifest)"
        var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestPath))) as? [String: Any] ?? [:]
        let statementObject = try JSONSerialization.jsonObject(with: try approve.encoded()) as? [String: Any] ?? [:]
        manifest["predicate"] = statementObject["predicate"]
        manifest["subject"] = statementObject["subject"]
        let manifestLike = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])

        return [
            LyingDraft(
                name: "honest approval (control)", decision: .approve, payloadType: type, payload: try approve.encoded(), honest: true),
            // Swift's JSONDecoder (the judge) reads the first, JSON.parse (the page's check) the last.
            LyingDraft(
                name: "duplicate 'decision' key: approve first, the chosen reject last", decision: .reject, comment: chosenComment,
                payloadType: type,
                payload: Data(
                    reject.replacingOccurrences(
                        of: #""decision":"reject""#,
                        with: #""decision":"approve","decision":"reject""#
                    ).utf8),
                commandLine: false),
            // The command line reads the first, as the judge does; Python, jq and JSON.parse read an approval.
            LyingDraft(
                name: "duplicate 'decision' key: the chosen reject first, approve last", decision: .reject, comment: chosenComment,
                payloadType: type,
                payload: Data(
                    reject.replacingOccurrences(
                        of: #""decision":"reject""#,
                        with: #""decision":"reject","decision":"approve""#
                    ).utf8)),
            LyingDraft(
                name: "an emergency justification and incident the member never wrote", decision: .approve, payloadType: type,
                payload: try draft(
                    .approve,
                    emergency: EmergencyDetails(
                        justification: "the board says so",
                        incident: "INC-0000")
                ).encoded()),
            LyingDraft(
                name: "another predicate type (a test-result attestation)", decision: .approve, payloadType: type,
                payload: Data(
                    approveJSON.replacingOccurrences(
                        of: ApprovalPredicate.predicateType,
                        with: TestResultPredicate.predicateType
                    ).utf8),
                commandLine: false),
            LyingDraft(
                name: "another payload type: a packet manifest", decision: .approve, payloadType: PacketManifest.payloadType,
                payload: manifestLike, commandLine: false),
            LyingDraft(
                name: "dated 30 days back", decision: .approve, payloadType: type,
                payload: try draft(.approve, at: now.addingTimeInterval(-30 * 86_400)).encoded()),
        ]
    }
}
