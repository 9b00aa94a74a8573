import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

/// Every approval rule re-checked at verify time. Each record here is written straight into the
/// packet's `approvals/` and signed with a real member's own key, never through the desk: what
/// verify counts must not depend on the desk having been the one that wrote it.
@Suite struct ApprovalJudgeTests {
    /// A statement as the desk would draft it for `member`, changed by `edit`, signed with `signer`'s
    /// key (the member's own unless said) and written as `approvals/NAME`.
    @discardableResult
    private func forge(
        _ board: SampleBoard, _ packet: SamplePacket, _ member: String, _ decision: ApprovalDecision,
        name: String? = nil, signer: String? = nil, at offset: TimeInterval = 0, comment: String? = nil,
        emergency: EmergencyDetails? = nil, edit: (inout ApprovalPredicate) -> Void = { _ in }
    ) throws -> String {
        let result = packet.result
        var predicate = ApprovalPredicate(
            change: .init(
                id: result.change.id, title: result.change.title, type: result.change.type.rawValue, runID: result.runID,
                verdict: result.verdict.title),
            decision: decision, conditions: nil, comment: comment,
            approver: .init(id: member, name: member, role: BoardRole.approver.rawValue, keyid: board.keys[member]!.publicKey.keyID),
            decidedAt: SummaryFixtures.start.addingTimeInterval(3600 + offset),
            changeType: result.change.type == .emergency || emergency != nil ? "emergency" : result.change.type.rawValue,
            emergency: emergency.map {
                .init(justification: $0.justification, incident: $0.incident, postImplementationReviewDue: "2026-01-06")
            },
            separationOfDuties: .init(ranBy: result.ranBy ?? "", approver: member, separate: true))
        edit(&predicate)
        let manifest = try Data(contentsOf: URL(fileURLWithPath: packet.path("manifest.json")))
        let statement = InTotoStatement(
            subject: [ResourceDescriptor(name: "manifest.json", digest: ["sha256": StreamingDigest.sha256(of: manifest)])],
            predicateType: ApprovalPredicate.predicateType, predicate: predicate)
        let envelope = try statement.signed(with: board.keys[signer ?? member]!)
        let file = name ?? "\(UUID().uuidString.prefix(8))-\(member)-\(decision.rawValue).intoto.json"
        try FileManager.default.createDirectory(atPath: packet.path("approvals"), withIntermediateDirectories: true)
        try envelope.encoded().write(to: URL(fileURLWithPath: packet.path("approvals/\(file)")))
        return "approvals/\(file)"
    }

    private func judge(_ board: SampleBoard, _ packet: SamplePacket) throws -> (PacketVerification, ApprovalJudgement) {
        let verification = try PacketVerifier(trustedKeys: packet.trusted, board: board.board).verify(packet.folder)
        return (verification, try #require(verification.approvals))
    }

    /// The record at `path` does not count, breaks `rule`, and verify names it as a problem.
    private func expectBroken(
        _ path: String, _ rule: ApprovalRule, in verification: PacketVerification,
        _ judgement: ApprovalJudgement, mentioning text: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let judged = judgement.records.first { $0.path == path }
        #expect(judged?.counts == false, sourceLocation: sourceLocation)
        #expect(judged?.breaches.map(\.rule).contains(rule) == true, "\(judged?.breaches ?? [])", sourceLocation: sourceLocation)
        #expect(!verification.isIntact, sourceLocation: sourceLocation)
        let problems = verification.check("approvals")?.problems ?? []
        #expect(problems.contains { $0.hasPrefix(path + ": ") && $0.contains(text) }, "\(problems)", sourceLocation: sourceLocation)
        #expect(!judgement.counted.contains { $0.path == path }, sourceLocation: sourceLocation)
    }

    @Test func aWellFormedRecordByADecidingMemberCounts() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let path = try forge(board, packet, "bob", .approve)
        let (verification, judgement) = try judge(board, packet)
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(judgement.counted.map(\.path) == [path])
        #expect(judgement.status?.state == .approved)
    }

    @Test func anObserversRecordNeverCounts() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let path = try forge(board, packet, "carol", .approve)
        let (verification, judgement) = try judge(board, packet)
        expectBroken(path, .role, in: verification, judgement, mentioning: "carol is an observer in the members file")
        #expect(judgement.status?.state == .pending)
    }

    @Test func aRoleTheMembersFileDoesNotGrantIsAClaimThatFails() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, type: .emergency, ranBy: "root"))
        let path = try forge(board, packet, "bob", .approve) { $0.approver.role = BoardRole.emergencyAuthority.rawValue }
        let (verification, judgement) = try judge(board, packet)
        expectBroken(path, .role, in: verification, judgement, mentioning: "claims the role \"emergency-authority\"")
        #expect(judgement.status?.state == .pending)
    }

    /// Emergency authority is what the members file grants *now*: revoked, alice's old record fails its claim.
    @Test func emergencyAuthorityRevokedInTheMembersFileNoLongerCounts() throws {
        let packet = try SamplePacket.of(.go, type: .emergency, ranBy: "root")
        let granting = try SampleBoard()
        let path = try forge(granting, packet, "alice", .approve) { $0.approver.role = BoardRole.emergencyAuthority.rawValue }
        #expect(try judge(granting, packet).1.status?.state == .approved)
        let revoked = try SampleBoard(roles: ["alice": "[approver]"])
        // Same member ids, new keys: sign again with the revoked board's alice key, so only the role differs.
        try FileManager.default.removeItem(atPath: packet.path(path))
        let again = try forge(revoked, packet, "alice", .approve) { $0.approver.role = BoardRole.emergencyAuthority.rawValue }
        let (verification, judgement) = try judge(revoked, packet)
        expectBroken(again, .role, in: verification, judgement, mentioning: "does not grant alice (approver)")
        #expect(judgement.status?.state == .pending)
    }

    /// Emergency authority for the quorum comes from the members file, not from the record's claim.
    @Test func aNoGoApprovedByTwoWhoClaimTheEmergencyAuthorityIsNotApproved() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.noGo, ranBy: "root"))
        let incident = EmergencyDetails(justification: "outage", incident: "INC-1")
        let bob = try forge(board, packet, "bob", .approve, emergency: incident) { $0.approver.role = "emergency-authority" }
        let erin = try forge(board, packet, "erin", .approve, at: 1, emergency: incident) { $0.approver.role = "emergency-authority" }
        let (verification, judgement) = try judge(board, packet)
        expectBroken(bob, .role, in: verification, judgement, mentioning: "does not grant bob")
        expectBroken(erin, .role, in: verification, judgement, mentioning: "does not grant erin")
        #expect(judgement.status?.state == .pending)
    }

    @Test func theOwnerOfThePacketSignerKeyCannotApproveIt() throws {
        let packet = try SamplePacket.of(.go, ranBy: "root")
        let board = try SampleBoard(signerKeys: ["erin": packet.key.publicKey])
        let path = try forge(board, packet, "erin", .approve)
        let (verification, judgement) = try judge(board, packet)
        expectBroken(path, .separationOfDuties, in: verification, judgement, mentioning: "signed with erin's own packet-signer key")
        #expect(judgement.status?.state == .pending)
        // Owning another signer key is no bar.
        let other = try SampleBoard(signerKeys: ["erin": SigningKey.generate().publicKey])
        try FileManager.default.removeItem(atPath: packet.path(path))
        try forge(other, packet, "erin", .approve)
        #expect(try judge(other, packet).1.status?.state == .approved)
    }

    @Test func theDeskRefusesTheOwnerOfThePacketSignerKeyToo() throws {
        let packet = try SamplePacket.of(.go, ranBy: "root")
        let board = try SampleBoard(signerKeys: ["erin": packet.key.publicKey])
        #expect(throws: ApprovalRefusal.self) { try board.desk(for: packet).decide(board.request(packet, "erin", .approve)) }
        #expect(packet.approvalFiles.isEmpty)
    }

    @Test func whoeverTheRehearsalRecordsAsOperatorCannotApproveIt() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "bob"))
        let path = try forge(board, packet, "bob", .approve) {
            $0.separationOfDuties = .init(ranBy: "root", approver: "bob", separate: true)
        }
        let (verification, judgement) = try judge(board, packet)
        expectBroken(path, .separationOfDuties, in: verification, judgement, mentioning: "bob ran this rehearsal")
    }

    @Test func aNoGoApprovedWithoutAnEmergencyDoesNotCount() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.noGo, ranBy: "root"))
        let path = try forge(board, packet, "alice", .approve)
        let (verification, judgement) = try judge(board, packet)
        expectBroken(path, .noGoNeedsEmergency, in: verification, judgement, mentioning: "approves a NO-GO without an emergency")
    }

    @Test func anEmergencyWithABlankJustificationOrIncidentDoesNotCount() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.noGo, ranBy: "root"))
        let blank = try forge(board, packet, "alice", .approve, emergency: EmergencyDetails(justification: " \n", incident: "INC-1"))
        let noIncident = try forge(
            board, packet, "bob", .approve, at: 1, emergency: EmergencyDetails(justification: "outage", incident: ""))
        let (verification, judgement) = try judge(board, packet)
        expectBroken(blank, .missingText, in: verification, judgement, mentioning: "needs both a justification and an incident")
        expectBroken(noIncident, .missingText, in: verification, judgement, mentioning: "needs both a justification and an incident")
        #expect(judgement.status?.state == .pending)
    }

    @Test func rejectAndDeferNeedAComment() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let path = try forge(board, packet, "bob", .reject)
        let (verification, judgement) = try judge(board, packet)
        expectBroken(path, .missingText, in: verification, judgement, mentioning: "reject needs a comment")
        #expect(judgement.status?.state == .pending)
    }

    @Test func aMemberDecidesOnlyOnce() throws {
        let (board, packet) = (try SampleBoard(quorum: "quorum: {normal: 2}"), try SamplePacket.of(.go, ranBy: "root"))
        let first = try forge(board, packet, "alice", .approve)
        let second = try forge(board, packet, "alice", .approve, at: 60)
        let (verification, judgement) = try judge(board, packet)
        expectBroken(second, .oneDecisionPerMember, in: verification, judgement, mentioning: "alice already decided")
        #expect(judgement.counted.map(\.path) == [first])
        // Two records of one member are one approval, not the two the quorum needs.
        #expect(judgement.status?.state == .pending)
    }

    @Test func nothingCountsAfterARejection() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        // Named to sort first, decided last: the order is the signed decision time, not the file name.
        let approval = try forge(board, packet, "alice", .approve, name: "000-alice-approve.intoto.json", at: 60)
        try forge(board, packet, "bob", .reject, name: "001-bob-reject.intoto.json", comment: "no rollback proof")
        let (verification, judgement) = try judge(board, packet)
        expectBroken(approval, .afterRejection, in: verification, judgement, mentioning: "nothing counts after a rejection")
        #expect(judgement.status?.state == .rejected)
    }

    @Test func aRecordMustNameThisChangeAndVerdict() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.noGo, ranBy: "root"))
        // Signed over this very manifest, but claiming the rehearsal said GO.
        let path = try forge(board, packet, "alice", .approve) { $0.change.verdict = Verdict.go.title }
        let (verification, judgement) = try judge(board, packet)
        expectBroken(path, .subject, in: verification, judgement, mentioning: "verdict \"GO\"")
    }

    @Test func aRecordSignedWithAnotherMembersKeyDoesNotCount() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let path = try forge(board, packet, "alice", .approve, signer: "bob")
        let (verification, judgement) = try judge(board, packet)
        expectBroken(path, .signature, in: verification, judgement, mentioning: "not signed by alice's registered key")
    }

    @Test func aStrangerAndAnythingElseInApprovalsIsNamed() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let stranger = try forge(board, packet, "alice", .approve) { $0.approver.id = "mallory" }
        try "not a record".write(toFile: packet.path("approvals/002-garbage.intoto.json"), atomically: false, encoding: .utf8)
        let (verification, judgement) = try judge(board, packet)
        expectBroken(stranger, .member, in: verification, judgement, mentioning: "\"mallory\" is not a member of the board")
        expectBroken(
            "approvals/002-garbage.intoto.json", .wellFormed, in: verification, judgement, mentioning: "not a signed approval record")
    }

    @Test func verifySaysWhichMembersFileItJudgedAgainst() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        try forge(board, packet, "bob", .approve)
        let (_, judgement) = try judge(board, packet)
        #expect(judgement.membersFile == board.scratch.path("members.yaml"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: board.scratch.path("members.yaml")))
        #expect(judgement.membersFileSHA256 == StreamingDigest.sha256(of: bytes))
    }
}
