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

    /// - Throws: ``ApprovalRefusal`` (nothing written) or an I/O error.
    func decide(_ request: ApprovalRequest) throws -> ApprovalRecord {
        try desk.decide(request)
    }
}
