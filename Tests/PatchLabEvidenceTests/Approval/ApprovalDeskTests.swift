import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence

/// The board's rules, each enforced by the desk, and what a refusal leaves: nothing.
@Suite struct ApprovalDeskTests {
    private func expectRefusal(
        _ rule: ApprovalRefusal.Rule, _ packet: SamplePacket, _ body: () throws -> Void,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let before = packet.approvalFiles
        do {
            try body()
            Issue.record("expected a refusal (\(rule.rawValue))", sourceLocation: sourceLocation)
        } catch let refusal as ApprovalRefusal {
            #expect(refusal.rule == rule, "\(refusal)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a refusal (\(rule.rawValue)), got \(error)", sourceLocation: sourceLocation)
        }
        #expect(packet.approvalFiles == before, "a refusal wrote something", sourceLocation: sourceLocation)
    }

    @Test func aNormalGoChangeIsApprovedByOneMemberAndTheRecordVerifies() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "erin"))
        let desk = board.desk(for: packet)
        #expect(try desk.status(of: packet.folder).state == .pending)
        let record = try desk.decide(board.request(packet, "alice", .approve))
        #expect(record.path == "approvals/001-alice-approve.intoto.json")
        #expect(record.role == "approver")
        #expect(record.predicate.separationOfDuties == .init(ranBy: "erin", approver: "alice", separate: true))
        let status = try desk.status(of: packet.folder)
        #expect(status.state == .approved)
        #expect(status.summary == "approved by alice")
        let verification = try PacketVerifier(trustedKeys: packet.trusted, board: board.board).verify(packet.folder)
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.check("approvals")?.detail == "1 signed by board members: alice approve")
        // The archive that gets filed carries the decision too.
        let archived = try PacketVerifier(trustedKeys: packet.trusted, board: board.board).verify(packet.written.archive)
        #expect(archived.isIntact, "\(archived.problems)")
        #expect(archived.check("approvals")?.detail == "1 signed by board members: alice approve")
    }

    /// The record is an in-toto Statement about the manifest, signed by the member's key.
    @Test func theRecordIsASignedStatementAboutTheManifest() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "erin"))
        let record = try board.desk(for: packet).decide(board.request(packet, "bob", .approve, conditions: "deploy in window 3"))
        let envelope = try DSSEEnvelope.decode(Data(contentsOf: URL(fileURLWithPath: packet.path(record.path))))
        #expect(try envelope.verify(with: TrustedKeys([board.keys["bob"]!.publicKey])).keyID == board.keys["bob"]!.publicKey.keyID)
        #expect(throws: SignatureError.self) { try envelope.verify(with: TrustedKeys([board.keys["alice"]!.publicKey])) }
        let json = try #require(try JSONSerialization.jsonObject(with: envelope.payload) as? [String: Any])
        #expect(json["predicateType"] as? String == "https://patchlab.dev/attestation/change-approval/v1")
        let subject = try #require((json["subject"] as? [[String: Any]])?.first)
        let manifest = try Data(contentsOf: URL(fileURLWithPath: packet.path("manifest.json")))
        #expect((subject["digest"] as? [String: String])?["sha256"] == StreamingDigest.sha256(of: manifest))
        let predicate = try #require(json["predicate"] as? [String: Any])
        #expect(predicate["conditions"] as? String == "deploy in window 3")
        #expect((predicate["change"] as? [String: Any])?["id"] as? String == "CHG-0042")
    }

    @Test func whoeverRanTheRehearsalCannotApproveIt() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "bob@lab-host"))
        expectRefusal(.separationOfDuties, packet) { _ = try board.desk(for: packet).decide(board.request(packet, "bob", .approve)) }
    }

    @Test func aNoGoCanOnlyBeRejectedOrApprovedAsAnEmergencyByTwo() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.noGo, ranBy: "erin"))
        let desk = board.desk(for: packet)
        expectRefusal(.noGoNeedsEmergency, packet) { _ = try desk.decide(board.request(packet, "alice", .approve)) }
        let incident = EmergencyDetails(justification: "actively exploited CVE; outage worse than the risk", incident: "INC-4711")
        let first = try desk.decide(board.request(packet, "alice", .approve, emergency: incident))
        #expect(first.role == "emergency-authority")
        #expect(first.changeType == "emergency")
        #expect(first.postImplementationReviewDue == "2026-01-06")
        #expect(try desk.status(of: packet.folder).state == .pending)
        _ = try desk.decide(board.request(packet, "bob", .approve, emergency: incident))
        #expect(try desk.status(of: packet.folder).state == .approved)
    }

    @Test func aNoGoApprovedByTwoWithoutTheEmergencyAuthorityStaysPending() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.noGo, ranBy: "root"))
        let desk = board.desk(for: packet)
        let incident = EmergencyDetails(justification: "outage", incident: "INC-1")
        _ = try desk.decide(board.request(packet, "bob", .approve, emergency: incident))
        _ = try desk.decide(board.request(packet, "erin", .approve, emergency: incident))
        let status = try desk.status(of: packet.folder)
        #expect(status.state == .pending)
        #expect(status.summary.contains("one from the emergency authority"))
    }

    @Test func anEmergencyChangeNeedsTheEmergencyAuthority() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, type: .emergency, ranBy: "root"))
        let desk = board.desk(for: packet)
        _ = try desk.decide(board.request(packet, "bob", .approve))
        #expect(try desk.status(of: packet.folder).state == .pending)
        _ = try desk.decide(board.request(packet, "alice", .approve))
        #expect(try desk.status(of: packet.folder).state == .approved)
    }

    @Test func quorumIsConfigurable() throws {
        let (board, packet) = (try SampleBoard(quorum: "quorum: {normal: 2}"), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        _ = try desk.decide(board.request(packet, "alice", .approve))
        #expect(try desk.status(of: packet.folder).summary == "awaiting decision: needs 1 more approval(s) of 2")
        _ = try desk.decide(board.request(packet, "erin", .approve))
        #expect(try desk.status(of: packet.folder).state == .approved)
    }

    @Test func aStandardChangeIsPreApprovedOnlyWhenItMatchesItsTemplate() throws {
        let packet = try SamplePacket.of(.go, type: .standard, ranBy: "root")
        let digest = try StreamingDigest.sha256(ofFile: packet.path("change/CHG-0042.yaml")).sha256
        let matching = try SampleBoard(templates: [digest])
        #expect(try matching.desk(for: packet).status(of: packet.folder).state == .preApproved)
        let other = try SampleBoard(templates: [String(repeating: "a", count: 64)])
        #expect(try other.desk(for: packet).status(of: packet.folder).state == .pending)
    }

    @Test func afterARejectionNothingMoreIsRecorded() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        expectRefusal(.missingText, packet) { _ = try desk.decide(board.request(packet, "bob", .reject)) }
        _ = try desk.decide(board.request(packet, "bob", .reject, comment: "no rollback proof for db tier"))
        #expect(try desk.status(of: packet.folder).state == .rejected)
        expectRefusal(.alreadyRejected, packet) { _ = try desk.decide(board.request(packet, "alice", .approve)) }
    }

    @Test func aMemberDecidesOnceButMayDecideAfterDeferring() throws {
        let (board, packet) = (try SampleBoard(quorum: "quorum: {normal: 2}"), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        _ = try desk.decide(board.request(packet, "alice", .defer, comment: "waiting for the vendor advisory"))
        #expect(try desk.status(of: packet.folder).state == .deferred)
        expectRefusal(.alreadyDecided, packet) { _ = try desk.decide(board.request(packet, "alice", .defer, comment: "still")) }
        _ = try desk.decide(board.request(packet, "alice", .approve))
        expectRefusal(.alreadyDecided, packet) { _ = try desk.decide(board.request(packet, "alice", .approve)) }
    }

    @Test func badRequestsAreRefusedAndWriteNothing() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        expectRefusal(.wrongKey, packet) { _ = try desk.decide(board.request(packet, "alice", .approve, key: board.keys["bob"])) }
        expectRefusal(.unknownMember, packet) { _ = try desk.decide(board.request(packet, "mallory", .approve)) }
        expectRefusal(.notAllowed, packet) { _ = try desk.decide(board.request(packet, "carol", .approve)) }
        expectRefusal(.missingText, packet) { _ = try desk.decide(board.request(packet, "alice", .approveWithConditions)) }
        var missing = board.request(packet, "alice", .approve)
        missing.packet = packet.scratch.path("evidence/CHG-0042/no-such-run")
        expectRefusal(.noSuchPacket, packet) { _ = try desk.decide(missing) }
    }

    @Test func aPlanRunPacketIsNotForTheBoard() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let planRun = try SamplePlanPacket()
        var request = board.request(packet, "alice", .approve)
        request.packet = planRun.folder
        do {
            _ = try board.desk(for: packet).decide(request)
            Issue.record("a plan run's packet was approved")
        } catch let refusal as ApprovalRefusal {
            #expect(refusal.rule == .noSuchPacket)
            #expect("\(refusal)".contains("is a plan run's packet: the board decides on a change's rehearsal packet"), "\(refusal)")
        }
        #expect(!FileManager.default.fileExists(atPath: planRun.path("approvals")))
    }

    @Test func aTamperedPacketCannotBeApproved() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        try SamplePacket.write("GO GO GO\n", to: packet.path("logs/harness.log"))
        expectRefusal(.packetNotVerified, packet) { _ = try board.desk(for: packet).decide(board.request(packet, "alice", .approve)) }
    }

    @Test func verifyChecksEveryApprovalRecord() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let record = try board.desk(for: packet).decide(board.request(packet, "alice", .approve))
        #expect(
            try PacketVerifier(trustedKeys: packet.trusted).verify(packet.folder).check("approvals")?.problems
                == ["1 approval record(s) cannot be checked without the board's members file"])

        // A record signed by someone else under alice's name.
        let forged = try board.desk(for: packet).decide(board.request(packet, "erin", .approve))
        var envelope = try DSSEEnvelope.decode(Data(contentsOf: URL(fileURLWithPath: packet.path(forged.path))))
        let statement = try InTotoStatement<ApprovalPredicate>.decode(envelope.payload)
        var predicate = statement.predicate
        predicate.approver.id = "bob"
        envelope = try InTotoStatement(subject: statement.subject, predicateType: statement.predicateType, predicate: predicate)
            .signed(with: board.keys["erin"]!)
        try envelope.encoded().write(to: URL(fileURLWithPath: packet.path(forged.path)))
        let problems = try PacketVerifier(trustedKeys: packet.trusted, board: board.board).verify(packet.folder).check("approvals")?
            .problems
        #expect(problems == ["\(forged.path): not signed by bob's registered key (\(board.scratch.path("bob.pub")))"])

        // A genuine record copied into another packet is about the other packet's manifest.
        let other = try SamplePacket.of(.go, ranBy: "root")
        try FileManager.default.createDirectory(atPath: other.path("approvals"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: packet.path(record.path), toPath: other.path(record.path))
        let moved = try PacketVerifier(trustedKeys: other.trusted, board: board.board).verify(other.folder).check("approvals")?.problems
        #expect(moved == ["\(record.path): is about another packet (its subject is not this packet's manifest)"])
    }
}
