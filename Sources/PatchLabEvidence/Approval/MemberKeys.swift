import Foundation
import PatchLabModel

/// The board members' registered keys, read once per judgement, and trusted only as far as the
/// files they come from: a key file its owner's colleagues could rewrite (group- or world-writable,
/// or owned by another user than root or the one running patchlab, ``KeyPermissions``) decides
/// nothing, since whoever can write it signs as that member.
final class MemberKeys {
    private let board: BoardConfiguration
    private var keys: [String: Result<VerifyingKey, any Error>] = [:]

    init(board: BoardConfiguration) {
        self.board = board
    }

    func key(of member: BoardMember) -> Result<VerifyingKey, any Error> {
        if let known = keys[member.id] { return known }
        let found = Result<VerifyingKey, any Error> {
            try KeyPermissions.check(member.publicKeyPath, holding: "member's public key file")
            return try VerifyingKey(contentsOfFile: member.publicKeyPath)
        }
        keys[member.id] = found
        return found
    }

    /// Member id → the keyid of the member's registered key: two ids with one key are one person.
    var identity: [String: String] {
        var identity: [String: String] = [:]
        for member in board.members { if case let .success(key) = key(of: member) { identity[member.id] = key.keyID } }
        return identity
    }

    /// A packet signed with a key the members file registers for a member's *decisions*: one key in
    /// two roles, so a member's approval key could make a packet and then approve it.
    func signedWithApprovalKey(_ signature: DSSEEnvelope?) -> [String] {
        guard let signature else { return [] }
        return board.members.compactMap { member in
            guard case let .success(key) = key(of: member), (try? signature.verify(with: TrustedKeys([key]))) != nil else { return nil }
            return "\(PacketLayout.manifestSignature): the packet is signed with \(member.id)'s approval key (\(member.publicKeyPath)): "
                + "a member's decision key must not sign packets"
        }
    }
}
