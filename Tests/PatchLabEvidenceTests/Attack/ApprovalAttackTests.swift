import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEvidence
import PatchLabTestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// Attacks on the approval rules as `ApprovalJudge` and the desk re-check them: each test is a way
/// to make a record count that must not, or to make the judge hang. Each fails on the code it was
/// written against and passes once the hole is closed.
@Suite struct ApprovalAttackTests {
    /// The statement the desk drafts for `member`, its JSON bytes changed by `edit`, signed with the
    /// member's own key and dropped into `approvals/NAME`.
    @discardableResult
    private func plant(
        _ board: SampleBoard, _ packet: SamplePacket, _ member: String, _ decision: ApprovalDecision,
        comment: String? = nil, name: String, edit: (String) -> String
    ) throws -> String {
        let statement = try board.desk(for: packet).draft(
            ApprovalIntent(
                packet: packet.folder, memberID: member, decision: decision,
                comment: comment, at: SummaryFixtures.start.addingTimeInterval(3600)))
        let json = edit(String(decoding: try statement.encoded(), as: UTF8.self))
        let envelope = try DSSEEnvelope.sign(
            payload: Data(json.utf8), payloadType: InTotoStatement<ApprovalPredicate>.payloadType,
            with: board.keys[member]!)
        try FileManager.default.createDirectory(atPath: packet.path("approvals"), withIntermediateDirectories: true)
        try envelope.encoded().write(to: URL(fileURLWithPath: packet.path("approvals/\(name)")))
        return "approvals/\(name)"
    }

    private func judge(_ board: SampleBoard, _ packet: SamplePacket) throws -> ApprovalJudgement {
        try #require(try PacketVerifier(trustedKeys: packet.trusted, board: board.board).verify(packet.folder).approvals)
    }

    // MARK: duplicate keys

    /// FINDING (high): a statement whose JSON names `decision` twice. Swift's JSONDecoder takes the
    /// first value, the browser's `JSON.parse` (the decision page's check) and Python take the last.
    /// Bob chose and saw "reject"; the judge counts "approve". A statement that readers can read two
    /// ways is not well formed.
    @Test func aStatementWithADuplicateKeyIsNotWellFormed() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let path = try plant(board, packet, "bob", .reject, comment: "no rollback proof", name: "001-bob-reject.intoto.json") { json in
            json.replacingOccurrences(of: #""decision":"reject""#, with: #""decision":"approve","decision":"reject""#)
        }
        // What another reader of the very same signed bytes sees.
        let record = try Data(contentsOf: URL(fileURLWithPath: packet.path(path)))
        let payload = try DSSEEnvelope.decode(record).payload
        let other = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        #expect((other["predicate"] as? [String: Any])?["decision"] as? String == "reject", "JSON.parse-like readers see the rejection")

        let judgement = try judge(board, packet)
        let judged = judgement.records.first { $0.path == path }
        #expect(
            judged?.counts == false, "counted as \(judged?.record?.decision.rawValue ?? "?"): the same bytes say reject to other readers")
        #expect(judged?.breaches.map(\.rule).contains(.wellFormed) == true, "\(judged?.breaches ?? [])")
        #expect(judgement.status?.state != .approved, "\(judgement.status?.summary ?? "")")
    }

    /// FINDING (low): an envelope naming `payload` twice. PatchLab verifies the first (a signed
    /// approval); a DSSE reader that takes the last (Python's json, JavaScript) sees an unsigned
    /// rejection and a bad signature. A record readers cannot agree on must not count.
    @Test func anEnvelopeWithADuplicatePayloadIsNotWellFormed() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        let approval = try desk.draft(ApprovalIntent(packet: packet.folder, memberID: "bob", decision: .approve, at: SummaryFixtures.start))
        let rejection = try desk.draft(
            ApprovalIntent(
                packet: packet.folder, memberID: "bob", decision: .reject, comment: "no",
                at: SummaryFixtures.start))
        let signed = try approval.signed(with: board.keys["bob"]!)
        let signature = try #require(signed.signatures.first)
        let json =
            #"{"payloadType":"application/vnd.in-toto+json","payload":""# + signed.payload.base64EncodedString()
            + #"","payload":""# + (try rejection.encoded()).base64EncodedString()
            + #"","signatures":[{"keyid":""# + signature.keyid + #"","sig":""# + signature.sig.base64EncodedString() + #""}]}"#
        try FileManager.default.createDirectory(atPath: packet.path("approvals"), withIntermediateDirectories: true)
        try Data(json.utf8).write(to: URL(fileURLWithPath: packet.path("approvals/001-bob.intoto.json")))

        let judgement = try judge(board, packet)
        let judged = judgement.records.first { $0.path == "approvals/001-bob.intoto.json" }
        #expect(judged?.counts == false, "an envelope whose payload other readers read as an unsigned rejection counted")
        #expect(judgement.status?.state != .approved)
    }

    // MARK: time

    /// FINDING (high): the order of decisions is the time each record claims, and the desk files a
    /// record with any time its signer chose. Bob rejects; then Bob files an approval dated a minute
    /// *before* his rejection: it sorts first and counts, his rejection becomes his "second
    /// decision" and stops counting, and the change is approved. A rejection must be final.
    @Test func aMemberCannotUndoTheirRejectionWithABackdatedApproval() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        _ = try desk.decide(board.request(packet, "bob", .reject, comment: "no rollback proof"))
        #expect(try desk.status(of: packet.folder).state == .rejected)

        let backdated = try desk.draft(
            ApprovalIntent(
                packet: packet.folder, memberID: "bob", decision: .approve,
                at: SummaryFixtures.start.addingTimeInterval(-60)))
        let envelope = try backdated.signed(with: board.keys["bob"]!)
        #expect(throws: ApprovalRefusal.self, "the desk filed a second decision of bob's, after his rejection") {
            try desk.file(envelope, packet: packet.folder, by: "bob")
        }
        #expect(packet.approvalFiles.count == 1, "\(packet.approvalFiles)")
        let status = try desk.status(of: packet.folder)
        #expect(status.state == .rejected, "\(status.state): \(status.summary)")
    }

    /// FINDING (high), the same hole used the other way: the desk checks only that the record it
    /// files counts, not that the records already there still do. Alice approves, then files a
    /// second approval dated before her first: it counts, her first stops counting — so the packet
    /// no longer verifies, and the desk (the board, `patchlab approve`) refuses every decision on it
    /// from then on. Bob's rejection can no longer be recorded, and the packet stays "approved".
    @Test func aMemberCannotFreezeAnApprovalAgainstLaterRejections() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let desk = board.desk(for: packet)
        _ = try desk.decide(board.request(packet, "alice", .approve))
        let backdated = try desk.draft(
            ApprovalIntent(
                packet: packet.folder, memberID: "alice", decision: .approve,
                at: SummaryFixtures.start.addingTimeInterval(-60)))
        _ = try? desk.file(try backdated.signed(with: board.keys["alice"]!), packet: packet.folder, by: "alice")

        let rejection = Result { try desk.decide(board.request(packet, "bob", .reject, comment: "the rollback left nginx.conf changed")) }
        #expect(throws: Never.self, "bob's rejection was refused") { try rejection.get() }
        let status = try desk.status(of: packet.folder)
        #expect(status.state == .rejected, "\(status.state): \(status.summary)")
    }

    // MARK: standard templates

    /// FINDING (medium): a standard change is pre-approved when *any* file in the packet's `change/`
    /// folder matches a template — also one added after signing. Whoever can write to the evidence
    /// folder drops the template's change file beside the rehearsed one, and the desk (and the
    /// board's list and API) says "pre-approved" for a change the template never covered, in a
    /// packet that does not even verify.
    @Test func aTemplateFileAddedAfterSigningDoesNotPreApprove() throws {
        let packet = try SamplePacket.of(.go, type: .standard, ranBy: "root")
        let template = Data("id: STD-0001\ntitle: Monthly nginx update\ntype: standard\n".utf8)
        let board = try SampleBoard(templates: [StreamingDigest.sha256(of: template)])
        #expect(try board.desk(for: packet).status(of: packet.folder).state == .pending, "the rehearsed change is not the template")

        try template.write(to: URL(fileURLWithPath: packet.path("change/STD-0001.yaml")))
        let verification = try PacketVerifier(trustedKeys: packet.trusted, board: board.board).verify(packet.folder)
        #expect(!verification.isIntact, "the stray file is named")
        #expect(verification.approvals?.status?.state != .preApproved, "\(verification.approvals?.status?.summary ?? "")")
        #expect(try board.desk(for: packet).status(of: packet.folder).state != .preApproved)
    }

    // MARK: hangs

    /// FINDING (high): a FIFO in the packet's `change/` folder. Matching standard templates hashes
    /// every entry there through `FileHandle(forReadingAtPath:)`, which blocks in open(2) until a
    /// writer comes. Every judgement of the packet hangs: `packet verify --members`, `packet show`,
    /// the board's list (and, as the board's desk is one actor, every decision on every packet).
    @Test func aFIFOInTheChangeFolderDoesNotHangTheJudge() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, type: .standard, ranBy: "root"))
        let fifo = packet.path("change/planted")
        #expect(mkfifo(fifo, 0o600) == 0)
        let configuration = board.board
        let folder = packet.folder
        let finished = Unblocking.finishesOnItsOwn(within: 10, fifo: fifo) {
            _ = ApprovalJudge(board: configuration).judge(packet: folder)
        }
        #expect(finished, "judging the packet blocked on the FIFO \(fifo) until the test wrote to it")
    }

    /// The same through the verifier, as `packet verify --members` runs it.
    @Test func aFIFOInTheChangeFolderDoesNotHangVerify() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let fifo = packet.path("change/planted")
        #expect(mkfifo(fifo, 0o600) == 0)
        let (configuration, trusted, folder) = (board.board, packet.trusted, packet.folder)
        let outcome = Outcome()
        let finished = Unblocking.finishesOnItsOwn(within: 10, fifo: fifo) {
            outcome.set((try? PacketVerifier(trustedKeys: trusted, board: configuration).verify(folder))?.isIntact)
        }
        #expect(finished, "packet verify with a members file blocked on the FIFO \(fifo)")
        #expect(outcome.value == .some(false), "a FIFO is never part of a packet")
    }

    // MARK: quorum

    /// FINDING (low): the members file takes one public key under two member ids (a renamed member
    /// whose old entry stayed, or one person entered twice), and the judge counts approvers by id.
    /// With `quorum: {normal: 2}`, one person with one key approves twice and meets the quorum alone.
    @Test func oneKeyUnderTwoMemberIdsIsOneApprover() throws {
        let scratch = try TemporaryDirectory("board")
        let key = SigningKey.generate()
        _ = try key.write(to: scratch.path("alice.key"))
        try scratch.write(
            """
            board: Change Advisory Board
            members:
              - {id: alice, name: Alice Example, roles: [approver], public_key: alice.pub}
              - {id: alice.example, name: Alice Example, roles: [approver], public_key: alice.pub}
            quorum: {normal: 2}
            """, to: "members.yaml")
        // A members file that refuses a key registered twice closes the hole as well.
        guard let board = try? BoardConfiguration.load(contentsOf: scratch.path("members.yaml")) else { return }
        let packet = try SamplePacket.of(.go, ranBy: "root")
        let desk = ApprovalDesk(board: board, trustedKeys: packet.trusted)
        for id in ["alice", "alice.example"] {
            _ = try? desk.decide(
                ApprovalRequest(
                    packet: packet.folder, memberID: id, signingKey: key, decision: .approve,
                    at: SummaryFixtures.start))
        }
        let status = try desk.status(of: packet.folder)
        #expect(status.state != .approved, "one key, two ids, quorum of two: \(status.summary)")
    }

    // MARK: who may change the board

    /// FINDING (medium): trusted packet-signer keys are refused when others could change them
    /// (`KeyPermissions`: a group- or world-writable folder or file), but the keys that decide who
    /// approves — each member's `public_key` — and the members file itself are read whatever their
    /// mode. Anyone who can write alice's key file puts their own key there and signs "alice's"
    /// approvals; anyone who can write the members file makes themselves a member.
    @Test func aMemberKeyOthersCanWriteDoesNotDecide() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let mallory = SigningKey.generate()
        let keyFile = board.scratch.path("alice.pub")
        #expect(chmod(keyFile, 0o666) == 0)
        // Whoever can write the file: their key is alice's now.
        try mallory.publicKey.pem.write(toFile: keyFile, atomically: false, encoding: .utf8)
        guard let loaded = try? BoardConfiguration.load(contentsOf: board.scratch.path("members.yaml")) else { return }
        let desk = ApprovalDesk(board: loaded, trustedKeys: packet.trusted)
        let forged = Result {
            try desk.decide(
                ApprovalRequest(
                    packet: packet.folder, memberID: "alice", signingKey: mallory,
                    decision: .approve, at: SummaryFixtures.start))
        }
        #expect(throws: (any Error).self, "a record signed with the key planted in a world-writable alice.pub was filed as alice's") {
            try forged.get()
        }
        #expect(try desk.status(of: packet.folder).state != .approved)
    }

    @Test func aMembersFileOthersCanWriteIsRefused() throws {
        let board = try SampleBoard()
        let members = board.scratch.path("members.yaml")
        #expect(chmod(members, 0o666) == 0)
        #expect(throws: (any Error).self, "a world-writable members file was taken as the board") {
            try BoardConfiguration.load(contentsOf: members)
        }
    }

    // MARK: the archive

    /// FINDING (medium): filing a decision rewrites the packet's `.tar.gz` through GNU tar, which
    /// writes `ARCHIVE.partial` — a fixed name beside the archive, opened without `O_NOFOLLOW` or
    /// `O_EXCL`. Whoever can write to the evidence folder plants `CHANGE-RUN.tar.gz.partial` as a
    /// link, and the next decision (by the board, or `patchlab approve`) overwrites the file it
    /// points to, anywhere the deciding process may write.
    @Test func refreshingTheArchiveFollowsNoPlantedLink() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.go, ranBy: "root"))
        let victim = try packet.scratch.write("precious, and nothing to do with the packet\n", to: "victim.txt")
        #expect(FileManager.default.fileExists(atPath: packet.written.archive))
        try FileManager.default.createSymbolicLink(atPath: packet.written.archive + ".partial", withDestinationPath: victim)
        _ = try? board.desk(for: packet).decide(board.request(packet, "bob", .approve))
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: victim)) == Data("precious, and nothing to do with the packet\n".utf8),
            "the file the planted link names was overwritten")
    }

    // MARK: texts

    /// FINDING (low): the texts a decision needs are "not blank" by `.whitespacesAndNewlines`, which
    /// leaves out characters that show as nothing (U+2800 braille blank, U+3164 Hangul filler, word
    /// joiners…). Two members approve a NO-GO as an emergency whose justification and incident are
    /// such blanks: nothing a reader can see, and the NO-GO is approved.
    @Test func anInvisibleJustificationIsMissingText() throws {
        let (board, packet) = (try SampleBoard(), try SamplePacket.of(.noGo, ranBy: "root"))
        // A braille blank and a Hangul filler: letters to Unicode, blank on every screen.
        let invisible = EmergencyDetails(justification: "\u{2800}", incident: "\u{3164}")
        let desk = board.desk(for: packet)
        let first = Result { try desk.decide(board.request(packet, "alice", .approve, emergency: invisible)) }
        let second = Result { try desk.decide(board.request(packet, "bob", .approve, emergency: invisible)) }
        #expect(throws: ApprovalRefusal.self, "an emergency justification of only invisible characters was taken") { try first.get() }
        #expect(throws: ApprovalRefusal.self) { try second.get() }
        #expect(try desk.status(of: packet.folder).state != .approved)
    }
}

/// A value one thread sets and the test reads after it finished.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool??
    func set(_ value: Bool?) { lock.withLock { stored = .some(value) } }
    var value: Bool? { lock.withLock { stored ?? nil } }
}
