import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport

/// Every file in a packet folder is in the signed manifest or is an approval record: anything else —
/// hidden or not, in `approvals/` or not — is named by `packet verify` and left out of the packet's
/// evidence files (what the board lists and serves).
@Suite struct PacketStrayFileTests {
    @Test func hiddenFilesInThePacketFolderAreNamed() throws {
        let packet = try SamplePacket()
        try SamplePacket.write("<script>alert(1)</script>\n", to: packet.path(".index.html"))
        try SamplePacket.write("hidden\n", to: packet.path("logs/baseline/.stash"))
        let verification = try packet.verify()
        #expect(!verification.isIntact)
        #expect(
            verification.check("files")?.problems == [
                ".index.html: not listed in the manifest (added after signing)",
                "logs/baseline/.stash: not listed in the manifest (added after signing)",
            ])
        let evidence = PacketVerifier(trustedKeys: packet.trusted).evidenceFiles(ofFolder: packet.folder)
        #expect(!evidence.contains(".index.html") && !evidence.contains("logs/baseline/.stash"))
        #expect(evidence.contains("summary.html") && evidence.contains("manifest.json") && evidence.contains("manifest.sig.json"))
    }

    /// `approvals/` holds records, each judged by the approvals check; a hidden file or a sub-folder
    /// there is none, and used to pass unseen.
    @Test func hiddenFilesAndSubFoldersInApprovalsAreNamed() throws {
        let packet = try SamplePacket()
        try SamplePacket.write("<html>not a record</html>\n", to: packet.path("approvals/.note.html"))
        try SamplePacket.write("{}\n", to: packet.path("approvals/sub/001-alice-approve.intoto.json"))
        let verification = try packet.verify()
        #expect(
            verification.check("files")?.problems == [
                "approvals/.note.html: a hidden file in approvals/: not an approval record, and not listed in the manifest",
                "approvals/sub/001-alice-approve.intoto.json: in a sub-folder of approvals/: not an approval record, and not listed in the manifest",
            ])
        #expect(!verification.isIntact)
        let evidence = PacketVerifier(trustedKeys: packet.trusted).evidenceFiles(ofFolder: packet.folder)
        #expect(!evidence.contains("approvals/.note.html") && !evidence.contains("approvals/sub/001-alice-approve.intoto.json"))
    }

    /// A real, signed record hidden by a leading dot is no record: named by verify, not counted.
    @Test func aHiddenCopyOfAValidRecordIsNamedAndNotCounted() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "erin"))
        let record = try board.desk(for: packet).decide(board.request(packet, "alice", .approve))
        try FileManager.default.moveItem(atPath: packet.path(record.path), toPath: packet.path("approvals/.001-alice-approve.intoto.json"))
        let verification = try PacketVerifier(trustedKeys: packet.trusted, board: board.board).verify(packet.folder)
        #expect(
            verification.check("files")?.problems
                == [
                    "approvals/.001-alice-approve.intoto.json: a hidden file in approvals/: not an approval record, and not listed in the manifest"
                ])
        #expect(try board.desk(for: packet).status(of: packet.folder).state == .pending)
    }

    /// The desk writes a record aside (a hidden temporary file) and renames it into place: after a
    /// decision `approvals/` holds the record alone, and the packet verifies.
    @Test func aDecisionLeavesOnlyItsRecord() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "erin"))
        let record = try board.desk(for: packet).decide(board.request(packet, "alice", .approve))
        #expect(packet.approvalFiles == [(record.path as NSString).lastPathComponent])
        let verifier = PacketVerifier(trustedKeys: packet.trusted, board: board.board)
        #expect(try verifier.verify(packet.folder).isIntact)
        let evidence = verifier.evidenceFiles(ofFolder: packet.folder)
        #expect(evidence.contains(record.path))
        // Without the board to check it against, a record is not evidence yet.
        #expect(!PacketVerifier(trustedKeys: packet.trusted).evidenceFiles(ofFolder: packet.folder).contains(record.path))
    }

    /// `café` spelled with a combining accent is another file on Linux than the listed `café`, though
    /// Swift's String compares the two as equal: it must be named, not taken for the listed one.
    @Test func aFileNamedLikeAListedOneInOtherUnicodeIsNamed() throws {
        let packet = try SamplePacket()
        let listed = "logs/caf\u{E9}.log", twin = "logs/cafe\u{301}.log"
        #expect(listed == twin, "Swift compares them as equal; the bytes differ")
        try SignedPacketFile.add(listed, Data("signed\n".utf8), to: packet.folder, signer: packet.key)
        #expect(try packet.verify().isIntact)
        try SamplePacket.write("added after signing\n", to: packet.path(twin))
        let verification = try packet.verify()
        #expect(verification.check("files")?.problems == ["\(twin): not listed in the manifest (added after signing)"])
        let evidence = PacketVerifier(trustedKeys: packet.trusted).evidenceFiles(ofFolder: packet.folder)
        #expect(evidence.contains(listed))
        #expect(!evidence.contains(twin))
    }

    /// A manifest no trusted key signed lists nothing that may be shown.
    @Test func anUntrustedManifestListsNoEvidence() throws {
        let packet = try SamplePacket()
        let evidence = PacketVerifier(trustedKeys: TrustedKeys([SigningKey.generate().publicKey])).evidenceFiles(ofFolder: packet.folder)
        #expect(evidence.isEmpty)
    }
}
