import Foundation
import PatchLabEvidence
import PatchLabModel

/// The board's one door to the approval desk. An actor, so decisions are made one at a time: two
/// members (or one member's two tabs) submitting at once cannot both pass the "no double vote" and
/// "not after a rejection" checks before either has written.
actor BoardDesk {
    private let desk: ApprovalDesk
    private let verifier: PacketVerifier
    private var verifications: [String: (stamp: String, verification: PacketVerification)] = [:]
    private var statuses: [String: (stamp: String, status: ApprovalStatus)] = [:]

    init(board: BoardConfiguration, trustedKeys: TrustedKeys, now: @escaping @Sendable () -> Date) {
        desk = ApprovalDesk(board: board, trustedKeys: trustedKeys, now: now)
        verifier = PacketVerifier(trustedKeys: trustedKeys, board: board)
    }

    /// Where the change stands, judged again only when a file in the folder changed, as
    /// ``verify(_:)`` is: the list asks it of every packet on every request.
    func status(of folder: String) throws -> ApprovalStatus {
        let stamp = FolderStamp.of(folder)
        if let cached = statuses[folder], cached.stamp == stamp { return cached.status }
        let status = try desk.status(of: folder)
        statuses[folder] = (stamp, status)
        return status
    }

    /// The packet's verification, done again only when a file in the folder changed (``FolderStamp``):
    /// the list shows every packet's standing, and hashing every log of every packet for each list
    /// request would not scale.
    func verify(_ folder: String) throws -> PacketVerification {
        // The trusted keys and the members file are the board's, read once at its start.
        let stamp = FolderStamp.of(folder)
        if let cached = verifications[folder], cached.stamp == stamp { return cached.verification }
        let verification = try verifier.verify(folder)
        verifications[folder] = (stamp, verification)
        return verification
    }

    /// The only files of the packet the board lists or serves.
    func evidenceFiles(of folder: String) -> PacketFileList {
        verifier.evidenceFiles(ofFolder: folder)
    }

    /// The statement the member signs where their key is.
    func draft(_ intent: ApprovalIntent) throws -> InTotoStatement<ApprovalPredicate> {
        try desk.draft(intent)
    }

    /// Files a record the member signed elsewhere (the browser, `patchlab approve --board`).
    ///
    /// - Throws: ``ApprovalRefusal`` (nothing written) or an I/O error.
    func file(_ envelope: DSSEEnvelope, packet folder: String, by memberID: String) throws -> ApprovalRecord {
        try desk.file(envelope, packet: folder, by: memberID)
    }
}
