import Foundation
import PatchLabModel

/// Where board members' decisions are checked and recorded. A decision is written (signed, under the
/// packet's `approvals/`) only when ``ApprovalJudge`` — the same judge `packet verify` uses — counts
/// it among the packet's other records; a refusal names the rule and writes nothing.
///
/// A member's private key need never reach the desk: ``draft(_:)`` gives the statement to sign, the
/// member signs it where the key is (`patchlab approve`, the board's page in the browser), and
/// ``file(_:packet:by:)`` files the signed record. ``decide(_:)`` does all three here, for the CLI.
public struct ApprovalDesk: Sendable {
    public var board: BoardConfiguration
    /// The keys the board trusts to have signed packets.
    public var trustedKeys: TrustedKeys
    /// How long after an emergency approval of a NO-GO its post-implementation review is due.
    public var reviewDueAfterDays: Int = 5
    /// The desk's clock: a record is filed only when its signed time is this close to it.
    public var now: @Sendable () -> Date
    /// How far a record's signed time may be from the desk's clock (signing takes seconds; clocks drift).
    public static let timeTolerance: TimeInterval = 10 * 60

    public init(board: BoardConfiguration, trustedKeys: TrustedKeys, now: @escaping @Sendable () -> Date = { Date() }) {
        self.board = board
        self.trustedKeys = trustedKeys
        self.now = now
    }

    /// Drafts, signs with the request's key and files a decision.
    public func decide(_ request: ApprovalRequest) throws -> ApprovalRecord {
        let statement = try draft(request.intent)
        let member = try decider(request.memberID)
        let registered = try VerifyingKey(contentsOfFile: member.publicKeyPath)
        guard registered.rawRepresentation == request.signingKey.publicKey.rawRepresentation else {
            throw ApprovalRefusal(.wrongKey, "the key given is not \(member.id)'s registered key (\(member.publicKeyPath))")
        }
        return try file(try statement.signed(with: request.signingKey), packet: request.packet, by: member.id, verified: true)
    }

    /// The statement `intent`'s member is to sign: about this packet's manifest, naming the change,
    /// the decision and the role the members file gives the member for it. Refused early when the
    /// packet, the member or the texts already rule the decision out.
    public func draft(_ intent: ApprovalIntent) throws -> InTotoStatement<ApprovalPredicate> {
        let folder = intent.packet
        let result = try rehearsal(in: folder)
        let member = try decider(intent.memberID)
        let registered = try VerifyingKey(contentsOfFile: member.publicKeyPath)
        try requireIntact(folder, unless: false, ignoringApprovals: intent.decision == .reject)
        var emergency: ApprovalPredicate.Emergency?
        if intent.decision.approves, let details = intent.emergency {
            let due = Calendar(identifier: .gregorian).date(byAdding: .day, value: reviewDueAfterDays, to: intent.at) ?? intent.at
            emergency = .init(
                justification: details.justification, incident: details.incident,
                postImplementationReviewDue: due.formatted(.iso8601.year().month().day()))
        }
        let isEmergency = result.change.type == .emergency || emergency != nil
        let role: BoardRole =
            isEmergency && member.roles.contains(.emergencyAuthority)
            ? .emergencyAuthority
            : member.roles.contains(.approver) ? .approver : .emergencyAuthority
        let predicate = ApprovalPredicate(
            change: .init(
                id: result.change.id, title: result.change.title, type: result.change.type.rawValue, runID: result.runID,
                verdict: result.verdict.title),
            decision: intent.decision, conditions: intent.conditions, comment: intent.comment,
            approver: .init(id: member.id, name: member.name, role: role.rawValue, keyid: registered.keyID),
            decidedAt: intent.at, changeType: isEmergency ? ChangeType.emergency.rawValue : result.change.type.rawValue,
            emergency: emergency, separationOfDuties: .init(ranBy: result.ranBy ?? "unknown", approver: member.id, separate: true))
        if let breach = ApprovalJudge.textBreaches(predicate).first { throw ApprovalRefusal(breach) }
        if result.verdict == .noGo && intent.decision.approves && intent.emergency == nil {
            throw ApprovalRefusal(
                .noGoNeedsEmergency,
                "the rehearsal said NO-GO: it can only be rejected, or approved as an "
                    + "emergency with a written justification and an incident reference (and a second approver)")
        }
        let manifest = try PacketContents(folder: folder).data(PacketLayout.manifest)
        return InTotoStatement(
            subject: [ResourceDescriptor(name: PacketLayout.manifest, digest: ["sha256": StreamingDigest.sha256(of: manifest)])],
            predicateType: ApprovalPredicate.predicateType, predicate: predicate)
    }

    /// Files a signed record by `memberID` (the one signed in), signed wherever the member's key is.
    /// It is written only if the judge counts it with the packet's other records.
    public func file(_ envelope: DSSEEnvelope, packet folder: String, by memberID: String) throws -> ApprovalRecord {
        try file(envelope, packet: folder, by: memberID, verified: false)
    }

    /// `verified`: the packet was verified a moment ago by ``draft(_:)``; hashing it all again is the
    /// slowest step of filing (seconds for a packet of a GiB of logs).
    ///
    /// Besides the judge's rules, filing keeps the order of the records honest, since the judge
    /// orders them by the time each claims:
    ///
    /// | the record | filed |
    /// | --- | --- |
    /// | dated more than ``timeTolerance`` from the desk's clock | no: a signer picks the time, the desk keeps it near the truth |
    /// | dated before a record already filed | no: backdating would reorder the decisions |
    /// | counted, but making a record that counted stop counting | no |
    /// | anything else the judge counts | yes, under an exclusive lock on the packet folder |
    private func file(_ envelope: DSSEEnvelope, packet folder: String, by memberID: String, verified: Bool) throws -> ApprovalRecord {
        _ = try rehearsal(in: folder)
        // One decision at a time per packet, whoever files it (the board, `patchlab approve`).
        let lock = try FolderLock(folder)
        defer { lock.release() }
        let statement: InTotoStatement<ApprovalPredicate>
        switch ApprovalLedger.read(try envelope.encoded()) {
        case let .success((_, read)): statement = read
        case let .failure(breach): throw ApprovalRefusal(breach)
        }
        let member = try decider(memberID)
        guard statement.predicate.approver.id == member.id else {
            throw ApprovalRefusal(
                .notAllowed,
                "signed in as \(member.id); a record of \(DisplayText.quoted(statement.predicate.approver.id)) "
                    + "cannot be filed by \(member.id)")
        }
        let at = statement.predicate.decidedAt
        guard abs(at.timeIntervalSince(now())) <= Self.timeTolerance else {
            throw ApprovalRefusal(
                .notThisPacket,
                "the record is dated \(at.formatted(.iso8601)), more than \(Int(Self.timeTolerance / 60)) "
                    + "minutes from now (\(now().formatted(.iso8601))): sign a fresh draft")
        }
        let before = ApprovalJudge(board: board).judge(packet: folder)
        if let rejection = before.counted.first(where: { $0.decision == .reject }) {
            throw ApprovalRefusal(
                .alreadyRejected, "\(rejection.approver) already rejected this packet: a rejected change needs a new rehearsal")
        }
        // Only records that count set the order: a planted record dated in the year 9999, which
        // counts for nothing, must not keep every later decision (a rejection too) out.
        if let latest = before.counted.map(\.at).max(), at < latest {
            throw ApprovalRefusal(
                .notThisPacket,
                "the record is dated \(at.formatted(.iso8601)), before a decision already recorded "
                    + "(\(latest.formatted(.iso8601))): decisions are filed in the order they are made")
        }
        // A rejection is always recorded while the packet itself holds (files, signature): a
        // broken approval record must not be able to keep a rejection out.
        try requireIntact(folder, unless: verified, ignoringApprovals: statement.predicate.decision == .reject)
        let ledger = ApprovalLedger(folder: folder)
        let name = String(
            format: "%03d-%@-%@.intoto.json", ledger.recordFiles().count + 1, member.id, statement.predicate.decision.rawValue)
        let data = try envelope.encoded()
        let judgement = ApprovalJudge(board: board).judge(packet: folder, adding: (name, data))
        guard let judged = judgement.records.first(where: { $0.path == "\(PacketLayout.approvals)/\(name)" }), let record = judged.record
        else {
            throw ApprovalRefusal(.notThisPacket, "the record could not be read back")
        }
        if let breach = judged.breaches.first { throw ApprovalRefusal(breach) }
        let stillCounted = Set(judgement.counted.map(\.path))
        if let lost = before.counted.first(where: { !stillCounted.contains($0.path) }) {
            throw ApprovalRefusal(
                .alreadyDecided,
                "filing it would make \(lost.path) (\(lost.approver)'s \(lost.decision.rawValue)) "
                    + "stop counting")
        }
        try write(data, as: name, in: ledger.directory)
        do { try PacketArchive.refresh(folder: folder) } catch {
            throw PacketError.archiveFailed(
                folder,
                reason: "the decision is recorded in \(PacketLayout.approvals)/\(name), "
                    + "but the packet's archive could not be brought up to date: \(error)")
        }
        return record
    }

    /// The packet's decisions, each judged, and whether those that count make an approval.
    public func judgement(of packet: String) throws -> ApprovalJudgement {
        _ = try rehearsal(in: packet)
        return ApprovalJudge(board: board).judge(packet: packet)
    }

    /// Where the packet stands on the records that count.
    public func status(of packet: String) throws -> ApprovalStatus {
        guard let status = try judgement(of: packet).status else {
            throw ApprovalRefusal(.noSuchPacket, "no readable evidence packet at \(packet)")
        }
        return status
    }

    private func rehearsal(in folder: String) throws -> RehearsalResult {
        let packet = PacketContents(folder: folder)
        guard packet.exists(PacketLayout.rehearsal) else {
            if packet.exists(PacketLayout.planRun) {
                throw ApprovalRefusal(.noSuchPacket, "\(folder) is a plan run's packet: the board decides on a change's rehearsal packet")
            }
            throw ApprovalRefusal(.noSuchPacket, "no evidence packet at \(folder)")
        }
        guard let result = try? packet.rehearsal().get() else {
            throw ApprovalRefusal(.noSuchPacket, "no readable evidence packet at \(folder)")
        }
        return result
    }

    private func requireIntact(_ folder: String, unless verified: Bool, ignoringApprovals: Bool = false) throws {
        guard !verified else { return }
        let verification = try PacketVerifier(trustedKeys: trustedKeys, board: board).verifyFolder(folder)
        let problems = verification.checks.filter { !(ignoringApprovals && $0.name == "approvals") }.flatMap(\.problems)
        guard problems.isEmpty else {
            throw ApprovalRefusal(.packetNotVerified, "the packet does not verify: " + problems.joined(separator: "; "))
        }
    }

    private func decider(_ memberID: String) throws -> BoardMember {
        guard let member = board.member(memberID) else {
            throw ApprovalRefusal(.unknownMember, "\(DisplayText.quoted(memberID)) is not a member of \(board.name) (\(board.file))")
        }
        guard member.mayDecide else { throw ApprovalRefusal(.notAllowed, "\(member.id) is an observer and may not decide") }
        return member
    }

    /// Written aside and linked into place: a crash never leaves a half record, and a record that
    /// appeared meanwhile under the same name is never overwritten.
    private func write(_ data: Data, as name: String, in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = "\(directory)/.partial-\(UUID().uuidString)"
        defer { unlink(temporary) }
        try data.write(to: URL(fileURLWithPath: temporary))
        guard link(temporary, "\(directory)/\(name)") == 0 else {
            throw errno == EEXIST ? PacketError.exists("\(directory)/\(name)") : PacketError.unwritable("\(directory)/\(name)")
        }
    }
}
