import Foundation
import PatchLabModel

/// Judges a packet's approval records the way whoever reads the packet must: every rule re-checked
/// from the members file as it stands now and from the packet itself, never from what a record says
/// about itself. `packet verify`, `packet show`, the board and the approval desk all judge here, so
/// a record the desk would refuse never counts however it got into `approvals/`.
///
/// Records are judged in the order they were decided (their signed `decidedAt`, then file name), but
/// a rejection does not depend on that order: a signed time is the signer's claim, so a rejection
/// that keeps every rule of its own counts wherever it falls, and voids every approval or deferral of
/// the member who rejected. The history rules look only at records that counted before:
///
/// | rule | a record counts only when |
/// | --- | --- |
/// | well-formed | it is a DSSE envelope of an in-toto statement with the approval predicate |
/// | member | its approver is a member in the members file |
/// | signature | it verifies under that member's registered key |
/// | subject | its subject is this manifest's sha256 and it names this change, run, verdict and change type |
/// | role | the member may decide (not only an observer) and holds the role the record claims |
/// | missing-text | conditions for approve-with-conditions; a comment for reject and defer; both emergency texts |
/// | no-go-needs-emergency | an approval of a NO-GO carries an emergency justification and incident |
/// | separation-of-duties | (approvals) the member did not run the rehearsal and owns no key that verifies the packet's signature |
/// | after-rejection | (approvals, deferrals) no counted rejection was decided before it |
/// | one-decision-per-member | the member has no counted decision before it (a deferral may be followed by one decision), and (approvals, deferrals) no counted rejection at all |
public struct ApprovalJudge: Sendable {
    public var board: BoardConfiguration

    public init(board: BoardConfiguration) {
        self.board = board
    }

    /// A record file's bytes, only when it is a regular file itself: a symbolic link in `approvals/`
    /// could name a file outside the packet, changed after the packet and its archive were made.
    private static func recordContents(_ path: String) -> Data? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return (try? InputFile.read(path)).map { Data($0.utf8) }
    }

    /// Judges every record file of the packet at `folder`, and `candidate` (a record not yet written,
    /// under the file name it would get) with them.
    public func judge(packet folder: String, adding candidate: (name: String, data: Data)? = nil) -> ApprovalJudgement {
        let grounds = ApprovalGrounds(folder: folder, board: board)
        let ledger = ApprovalLedger(folder: folder)
        var files: [(path: String, data: Data?)] = ledger.recordFiles().map { name in
            (path: "\(PacketLayout.approvals)/\(name)", data: Self.recordContents("\(ledger.directory)/\(name)"))
        }
        if let candidate { files.append((path: "\(PacketLayout.approvals)/\(candidate.name)", data: candidate.data)) }

        var unreadable: [JudgedApproval] = []
        var readable: [(path: String, envelope: DSSEEnvelope, statement: InTotoStatement<ApprovalPredicate>)] = []
        for file in files {
            guard let data = file.data else {
                unreadable.append(
                    JudgedApproval(
                        path: file.path, record: nil,
                        breaches: [ApprovalBreach(.wellFormed, "not a readable regular file")]))
                continue
            }
            switch ApprovalLedger.read(data) {
            case let .success((envelope, statement)): readable.append((file.path, envelope, statement))
            case let .failure(breach): unreadable.append(JudgedApproval(path: file.path, record: nil, breaches: [breach]))
            }
        }
        readable.sort { ($0.statement.predicate.decidedAt, $0.path) < ($1.statement.predicate.decidedAt, $1.path) }

        let keys = MemberKeys(board: board)
        var standings: [(record: ApprovalRecord, breaches: [ApprovalBreach])] = readable.map { item in
            let record = ApprovalRecord(predicate: item.statement.predicate, path: item.path)
            return (record, standing(of: record, envelope: item.envelope, statement: item.statement, grounds: grounds, keys: keys))
        }
        // Rejections first, each member's earliest: they stand wherever their signed time puts them.
        var history = History()
        for index in standings.indices where standings[index].breaches.isEmpty && standings[index].record.decision == .reject {
            standings[index].breaches = history.breaches(of: standings[index].record)
            if standings[index].breaches.isEmpty { history.count(standings[index].record) }
        }
        for index in standings.indices where standings[index].breaches.isEmpty && standings[index].record.decision != .reject {
            standings[index].breaches = history.breaches(of: standings[index].record)
            if standings[index].breaches.isEmpty { history.count(standings[index].record) }
        }
        let judged = standings.map { JudgedApproval(path: $0.record.path, record: $0.record, breaches: $0.breaches) }
        let status = grounds.result.map {
            ApprovalRules.status(
                records: history.counted, result: $0, board: board, matchesTemplate: grounds.matchesTemplate,
                identity: keys.identity)
        }
        return ApprovalJudgement(
            records: unreadable.sorted { $0.path < $1.path } + judged, status: status, membersFile: board.file,
            membersFileSHA256: StreamingDigest.sha256(of: board.contents),
            packetProblems: keys.signedWithApprovalKey(grounds.manifestSignature))
    }

    /// The rules one record keeps or breaks on its own, in the order of the table above. A record
    /// whose signer cannot be established is judged no further: its other claims are nobody's.
    private func standing(
        of record: ApprovalRecord, envelope: DSSEEnvelope, statement: InTotoStatement<ApprovalPredicate>,
        grounds: ApprovalGrounds, keys: MemberKeys
    ) -> [ApprovalBreach] {
        let claimed = record.predicate
        guard let member = board.member(claimed.approver.id) else {
            return [
                ApprovalBreach(.member, "approver \(DisplayText.quoted(claimed.approver.id)) is not a member of the board (\(board.file))")
            ]
        }
        let key: VerifyingKey
        switch keys.key(of: member) {
        case let .success(found): key = found
        case let .failure(error):
            return [ApprovalBreach(.signature, "\(member.id)'s registered key cannot be trusted, so no record of theirs counts: \(error)")]
        }
        guard (try? envelope.verify(with: TrustedKeys([key]))) != nil else {
            return [ApprovalBreach(.signature, "not signed by \(member.id)'s registered key (\(member.publicKeyPath))")]
        }
        guard let digest = grounds.manifestDigest,
            statement.subject.contains(where: { $0.name == PacketLayout.manifest && $0.digest["sha256"] == digest }),
            claimed.change.runID == grounds.runID
        else {
            return [ApprovalBreach(.subject, "is about another packet (its subject is not this packet's manifest)")]
        }
        guard let result = grounds.result else {
            return [ApprovalBreach(.subject, "this packet is not a change rehearsal's: the board decides on none but those")]
        }
        var breaches: [ApprovalBreach] = []
        let changeType =
            result.change.type == .emergency || claimed.emergency != nil ? ChangeType.emergency.rawValue : result.change.type.rawValue
        if claimed.change.id != result.change.id || claimed.change.verdict != result.verdict.title || claimed.changeType != changeType {
            breaches.append(
                ApprovalBreach(
                    .subject,
                    "names change \(DisplayText.quoted(claimed.change.id)), verdict "
                        + "\(DisplayText.quoted(claimed.change.verdict)), type \(DisplayText.quoted(claimed.changeType)); this packet is "
                        + "\(result.change.id), \(result.verdict.title), \(changeType)"))
        }
        if !member.mayDecide {
            breaches.append(ApprovalBreach(.role, "\(member.id) is an observer in the members file: an observer's record never counts"))
        } else if !member.roles.contains(where: { $0.rawValue == claimed.approver.role }) {
            breaches.append(
                ApprovalBreach(
                    .role,
                    "claims the role \(DisplayText.quoted(claimed.approver.role)), which the members file "
                        + "does not grant \(member.id) (\(member.roles.map(\.rawValue).sorted().joined(separator: ", ")))"))
        }
        breaches += Self.textBreaches(claimed)
        if result.verdict == .noGo && claimed.decision.approves && claimed.emergency == nil {
            breaches.append(
                ApprovalBreach(
                    .noGoNeedsEmergency,
                    "approves a NO-GO without an emergency justification and incident: "
                        + "a NO-GO can only be rejected, or approved as an emergency"))
        }
        if claimed.decision.approves { breaches += separationBreaches(member, result: result, grounds: grounds) }
        return breaches
    }

    static func textBreaches(_ predicate: ApprovalPredicate) -> [ApprovalBreach] {
        func blank(_ text: String?) -> Bool { VisibleText.isBlank(text) }
        var breaches: [ApprovalBreach] = []
        switch predicate.decision {
        case .approveWithConditions where blank(predicate.conditions):
            breaches.append(ApprovalBreach(.missingText, "approve-with-conditions needs the conditions written out"))
        case .reject where blank(predicate.comment), .defer where blank(predicate.comment):
            breaches.append(ApprovalBreach(.missingText, "\(predicate.decision.rawValue) needs a comment saying why"))
        default: break
        }
        if let emergency = predicate.emergency, blank(emergency.justification) || blank(emergency.incident) {
            breaches.append(ApprovalBreach(.missingText, "an emergency approval needs both a justification and an incident reference"))
        }
        return breaches
    }

    /// Whoever made the packet cannot approve it: not the operator the packet records, and not the
    /// owner of a key its manifest signature verifies under (a key file that cannot be read proves
    /// nothing, so it breaks the rule too).
    private func separationBreaches(_ member: BoardMember, result: RehearsalResult, grounds: ApprovalGrounds) -> [ApprovalBreach] {
        var breaches: [ApprovalBreach] = []
        let ranBy = (result.ranBy ?? "").lowercased()
        let runner = ranBy.split(separator: "@").first.map(String.init) ?? ""
        if !runner.isEmpty && [member.id, member.name].contains(where: { $0.lowercased() == runner || $0.lowercased() == ranBy }) {
            breaches.append(
                ApprovalBreach(
                    .separationOfDuties,
                    "separation of duties: \(member.id) ran this rehearsal "
                        + "(\(DisplayText.quoted(result.ranBy ?? ""))) and so cannot approve it"))
        }
        for path in member.signerKeyPaths {
            guard let key = try? VerifyingKey(contentsOfFile: path) else {
                breaches.append(
                    ApprovalBreach(
                        .separationOfDuties,
                        "separation of duties: \(member.id)'s packet-signer key \(path) "
                            + "cannot be read, so it cannot be shown that \(member.id) did not sign this packet"))
                continue
            }
            if let signature = grounds.manifestSignature, (try? signature.verify(with: TrustedKeys([key]))) != nil {
                breaches.append(
                    ApprovalBreach(
                        .separationOfDuties,
                        "separation of duties: this packet is signed with \(member.id)'s "
                            + "own packet-signer key (\(path), keyid \(key.keyID.prefix(16))), so \(member.id) cannot approve it"))
            }
        }
        return breaches
    }

    /// What the records that counted so far allow next.
    private struct History {
        var counted: [ApprovalRecord] = []

        func breaches(of record: ApprovalRecord) -> [ApprovalBreach] {
            let rejections = counted.filter { $0.decision == .reject }
            let own = counted.filter { $0.approver == record.approver }
            // A deferral before the member's own rejection is not a decision (rejections are judged
            // first): "defer, then reject" is the member deciding once, and both stand.
            if record.decision == .defer, own.count == 1, let rejection = own.first, rejection.decision == .reject,
                record.at < rejection.at
            {
                return []
            }
            if record.decision != .reject {
                if let own = rejections.first(where: { $0.approver == record.approver }) {
                    return [
                        ApprovalBreach(
                            .oneDecisionPerMember,
                            "\(record.approver) rejected this packet (\(own.path)): a rejection "
                                + "stands, and no other decision of the same member counts, whenever it is dated")
                    ]
                }
                if let rejection = rejections.first(where: { $0.at < record.at }) {
                    return [
                        ApprovalBreach(
                            .afterRejection,
                            "decided after \(rejection.approver)'s rejection (\(rejection.path)): "
                                + "nothing counts after a rejection")
                    ]
                }
            }
            // A deferral is not a decision: the member may decide later, once.
            if own.contains(where: { $0.decision != .defer }) || (record.decision == .defer && !own.isEmpty) {
                return [
                    ApprovalBreach(
                        .oneDecisionPerMember,
                        "\(record.approver) already decided on this packet "
                            + "(\(own.map(\.path).joined(separator: ", "))): one decision per member")
                ]
            }
            return []
        }

        mutating func count(_ record: ApprovalRecord) { counted.append(record) }
    }

}
