import Foundation
import PatchLabModel
import PatchLabTestSupport
import Testing

@testable import PatchLabEvidence

/// The order of decisions, as the desk files them and the judge counts them: only records that
/// count set the order, and a deferral may be followed by the member's one decision — a rejection too.
@Suite struct ApprovalOrderTests {
    /// A planted record that counts for nothing (not signed with a member's key) dated far ahead
    /// must not keep later decisions out: "decisions are filed in the order they are made" is about
    /// the decisions that count.
    @Test func aRecordThatDoesNotCountSetsNoOrder() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        let future = try desk.draft(
            ApprovalIntent(
                packet: packet.folder, memberID: "bob", decision: .approve, at: SummaryFixtures.start.addingTimeInterval(86_400 * 3650)))
        try FileManager.default.createDirectory(atPath: packet.path("approvals"), withIntermediateDirectories: true)
        try future.signed(with: SigningKey.generate()).encoded().write(
            to: URL(fileURLWithPath: packet.path("approvals/001-bob-approve.intoto.json")))

        let record = try desk.decide(board.request(packet, "alice", .reject, comment: "no rollback proof"))
        #expect(record.decision == .reject)
        #expect(try desk.status(of: packet.folder).state == .rejected)
    }

    @Test func aMemberWhoDeferredCanStillReject() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        _ = try desk.decide(board.request(packet, "bob", .defer, comment: "waiting for the vendor"))
        var rejection = board.request(packet, "bob", .reject, comment: "the vendor says no")
        rejection.at = SummaryFixtures.start.addingTimeInterval(60)
        _ = try desk.decide(rejection)
        #expect(try desk.status(of: packet.folder).state == .rejected)
        let judgement = try #require(try PacketVerifier(trustedKeys: packet.trusted, board: board.board).verify(packet.folder).approvals)
        #expect(
            judgement.counted.map(\.decision).sorted { $0.rawValue < $1.rawValue } == [.defer, .reject],
            "\(judgement.records.map(\.breaches))")
    }

    @Test func aDeferralAfterTheMembersRejectionStillDoesNotCount() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        _ = try desk.decide(board.request(packet, "bob", .reject, comment: "no"))
        var deferral = board.request(packet, "bob", .defer)
        deferral.at = SummaryFixtures.start.addingTimeInterval(60)
        #expect(throws: ApprovalRefusal.self) { try desk.decide(deferral) }
    }
}

/// A record is a regular file of the packet: a symbolic link in `approvals/` to a valid record kept
/// elsewhere (which could be changed after the packet was archived) does not count.
@Suite struct ApprovalRecordFileTests {
    @Test func aLinkedRecordDoesNotCount() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        let statement = try desk.draft(
            ApprovalIntent(packet: packet.folder, memberID: "bob", decision: .approve, at: SummaryFixtures.start))
        let outside = try TemporaryDirectory("linked-record")
        try statement.signed(with: board.keys["bob"]!).encoded().write(to: URL(fileURLWithPath: outside.path("record.json")))
        try FileManager.default.createDirectory(atPath: packet.path("approvals"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: packet.path("approvals/001-bob-approve.intoto.json"), withDestinationPath: outside.path("record.json"))
        let judgement = ApprovalJudge(board: board.board).judge(packet: packet.folder)
        #expect(judgement.counted.isEmpty, "a record read through a link counted")
        #expect(judgement.records.first?.breaches.first?.message.contains("regular file") == true)
    }
}
