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
    /// The packet-signer public keys (PEM files, absolute) this member owns: rehearsal hosts they run.
    /// Separation of duties rests on these, not on a user name the caller could set: a member cannot
    /// approve a packet signed with one of their own keys.
    public var signerKeyPaths: [String]
    public var location: SourceLocation

    public init(
        id: String, name: String, roles: Set<BoardRole>, publicKeyPath: String, secretHash: String? = nil,
        signerKeyPaths: [String] = [], location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.roles = roles
        self.publicKeyPath = publicKeyPath
        self.secretHash = secretHash
        self.signerKeyPaths = signerKeyPaths
        self.location = location
    }

    /// True when the member may decide at all (observers may not).
    public var mayDecide: Bool { roles.contains(.approver) || roles.contains(.emergencyAuthority) }
}
