/// One member of the change board: who they are, what they may decide, the public key their
/// decisions are signed with, and (for the web board) the hash of their sign-in secret.
public struct BoardMember: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var roles: Set<BoardRole>
    /// The member's Ed25519 public key file (PEM), absolute.
    public var publicKeyPath: String
    /// bcrypt hash of the board sign-in secret; nil when the member does not sign in to the web board.
    public var secretHash: String?
    public var location: SourceLocation

    public init(id: String, name: String, roles: Set<BoardRole>, publicKeyPath: String, secretHash: String? = nil,
                location: SourceLocation) {
        self.id = id
        self.name = name
        self.roles = roles
        self.publicKeyPath = publicKeyPath
        self.secretHash = secretHash
        self.location = location
    }

    /// True when the member may decide at all (observers may not).
    public var mayDecide: Bool { roles.contains(.approver) || roles.contains(.emergencyAuthority) }
}
