import Foundation
import PatchLabModel

/// Where board members' decisions are checked and recorded. A decision is written (signed, under the
/// packet's `approvals/`) only after every rule holds; a refusal says which rule and writes nothing.
public struct ApprovalDesk: Sendable {
    public var board: BoardConfiguration
    /// The keys the board trusts to have signed packets.
    public var trustedKeys: TrustedKeys
    /// How long after an emergency approval of a NO-GO its post-implementation review is due.
    public var reviewDueAfterDays: Int = 5

    public init(board: BoardConfiguration, trustedKeys: TrustedKeys) {
        self.board = board
        self.trustedKeys = trustedKeys
    }

    public func decide(_ request: ApprovalRequest) throws -> ApprovalRecord {
        let folder = request.packet
        guard FileManager.default.fileExists(atPath: "\(folder)/\(PacketLayout.rehearsal)") else {
            if FileManager.default.fileExists(atPath: "\(folder)/\(PacketLayout.planRun)") {
                throw ApprovalRefusal(.noSuchPacket, "\(folder) is a plan run's packet: the board decides on a change's rehearsal packet")
            }
            throw ApprovalRefusal(.noSuchPacket, "no evidence packet at \(folder)")
        }
        guard let member = board.member(request.memberID) else {
            throw ApprovalRefusal(.unknownMember, "'\(request.memberID)' is not a member of \(board.name) (\(board.file))")
        }
        guard member.mayDecide else {
            throw ApprovalRefusal(.notAllowed, "\(member.id) is an observer and may not decide")
        }
        let registered = try VerifyingKey(contentsOfFile: member.publicKeyPath)
        guard registered.rawRepresentation == request.signingKey.publicKey.rawRepresentation else {
            throw ApprovalRefusal(.wrongKey, "the key given is not \(member.id)'s registered key (\(member.publicKeyPath))")
        }
        let verification = try PacketVerifier(trustedKeys: trustedKeys, board: board).verifyFolder(folder)
        guard verification.isIntact else {
            throw ApprovalRefusal(.packetNotVerified, "the packet does not verify: " + verification.problems.joined(separator: "; "))
        }
        let result = try PacketContents(folder: folder).rehearsal().get()
        let records = ApprovalLedger(folder: folder).records(board: board).records
        try checkHistory(records, member: member, decision: request.decision)
        try checkTexts(request)

        var emergency: ApprovalPredicate.Emergency?
        let ranBy = result.ranBy ?? "unknown"
        if request.decision.approves {
            // `ranBy` is the user who ran the harness, maybe as user@host.
            let runner = ranBy.lowercased().split(separator: "@").first.map(String.init) ?? ""
            if [member.id, member.name].contains(where: { $0.lowercased() == runner || $0.lowercased() == ranBy.lowercased() }) {
                throw ApprovalRefusal(.separationOfDuties, "\(member.id) ran this rehearsal and so cannot approve it")
            }
            if result.verdict == .noGo && request.emergency == nil {
                throw ApprovalRefusal(.noGoNeedsEmergency, "the rehearsal said NO-GO: it can only be rejected, or approved as an "
                    + "emergency with a written justification and an incident reference (and a second approver)")
            }
            if let details = request.emergency {
                let due = Calendar(identifier: .gregorian).date(byAdding: .day, value: reviewDueAfterDays, to: request.at) ?? request.at
                emergency = .init(justification: details.justification, incident: details.incident,
                                  postImplementationReviewDue: due.formatted(.iso8601.year().month().day()))
            }
        }
        let isEmergency = result.change.type == .emergency || emergency != nil
        let role: BoardRole = isEmergency && member.roles.contains(.emergencyAuthority) ? .emergencyAuthority
            : member.roles.contains(.approver) ? .approver : .emergencyAuthority
        let predicate = ApprovalPredicate(
            change: .init(id: result.change.id, title: result.change.title, type: result.change.type.rawValue, runID: result.runID,
                          verdict: result.verdict.title),
            decision: request.decision, conditions: request.conditions, comment: request.comment,
            approver: .init(id: member.id, name: member.name, role: role.rawValue, keyid: registered.keyID),
            decidedAt: request.at, changeType: isEmergency ? "emergency" : result.change.type.rawValue, emergency: emergency,
            separationOfDuties: .init(ranBy: ranBy, approver: member.id, separate: true))
        let manifest = try PacketContents(folder: folder).data(PacketLayout.manifest)
        let statement = InTotoStatement(subject: [ResourceDescriptor(name: PacketLayout.manifest, digest: ["sha256": StreamingDigest.sha256(of: manifest)])],
                                        predicateType: ApprovalPredicate.predicateType, predicate: predicate)
        let envelope = try statement.signed(with: request.signingKey)
        let ledger = ApprovalLedger(folder: folder)
        let name = String(format: "%03d-%@-%@.intoto.json", ledger.recordFiles().count + 1, member.id, request.decision.rawValue)
        try FileManager.default.createDirectory(atPath: ledger.directory, withIntermediateDirectories: true)
        // Written aside and moved into place, so a crash never leaves a half record, and never over another one.
        let temporary = "\(ledger.directory)/.\(name).\(UUID().uuidString)"
        try envelope.encoded().write(to: URL(fileURLWithPath: temporary))
        do { try FileManager.default.moveItem(atPath: temporary, toPath: "\(ledger.directory)/\(name)") } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        do { try PacketArchive.refresh(folder: folder) } catch {
            throw PacketError.archiveFailed(folder, reason: "the decision is recorded in \(PacketLayout.approvals)/\(name), "
                                            + "but the packet's archive could not be brought up to date: \(error)")
        }
        return ApprovalRecord(predicate: predicate, path: "\(PacketLayout.approvals)/\(name)")
    }

    /// The packet's decisions and whether they make an approval (signatures checked; a record that
    /// fails its check does not count).
    public func status(of packet: String) throws -> ApprovalStatus {
        guard let result = try? PacketContents(folder: packet).rehearsal().get() else {
            throw ApprovalRefusal(.noSuchPacket, "no readable evidence packet at \(packet)")
        }
        let records = ApprovalLedger(folder: packet).records(board: board).records
        return ApprovalRules.status(records: records, result: result, board: board, matchesTemplate: matchesTemplate(packet))
    }

    /// True when the packet's change file is byte for byte one the board pre-approved.
    public func matchesTemplate(_ packet: String) -> Bool {
        let folder = "\(packet)/\(PacketLayout.changeFolder)"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let digests = files.compactMap { try? StreamingDigest.sha256(ofFile: "\(folder)/\($0)").sha256 }
        return digests.contains { digest in board.standardTemplates.contains { $0.changeSHA256 == digest } }
    }

    private func checkHistory(_ records: [ApprovalRecord], member: BoardMember, decision: ApprovalDecision) throws {
        if let rejection = records.first(where: { $0.decision == .reject }) {
            throw ApprovalRefusal(.alreadyRejected, "\(rejection.approver) already rejected this packet: a rejected change needs a new rehearsal")
        }
        let own = records.filter { $0.approver == member.id }
        // A deferral is not a decision: the member may decide later, once.
        if own.contains(where: { $0.decision != .defer }) || (decision == .defer && !own.isEmpty) {
            throw ApprovalRefusal(.alreadyDecided, "\(member.id) already decided on this packet (\(own.map(\.path).joined(separator: ", ")))")
        }
    }

    private func checkTexts(_ request: ApprovalRequest) throws {
        func blank(_ text: String?) -> Bool { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        switch request.decision {
        case .approveWithConditions where blank(request.conditions):
            throw ApprovalRefusal(.missingText, "approve-with-conditions needs the conditions written out")
        case .reject where blank(request.comment), .defer where blank(request.comment):
            throw ApprovalRefusal(.missingText, "\(request.decision.rawValue) needs a comment saying why")
        default: break
        }
        if let emergency = request.emergency, blank(emergency.justification) || blank(emergency.incident) {
            throw ApprovalRefusal(.missingText, "an emergency approval needs both a justification and an incident reference")
        }
    }
}
