import Foundation
import PatchLabEvidence
import PatchLabModel

/// The board's one door to the approval desk. An actor, so decisions are made one at a time: two
/// members (or one member's two tabs) submitting at once cannot both pass the "no double vote" and
/// "not after a rejection" checks before either has written.
actor BoardDesk {
    private let desk: ApprovalDesk
    private let verifier: PacketVerifier

    init(board: BoardConfiguration, trustedKeys: TrustedKeys) {
        desk = ApprovalDesk(board: board, trustedKeys: trustedKeys)
        verifier = PacketVerifier(trustedKeys: trustedKeys, board: board)
    }

    func status(of folder: String) throws -> ApprovalStatus {
        try desk.status(of: folder)
    }

    func verify(_ folder: String) throws -> PacketVerification {
        try verifier.verify(folder)
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
