import PatchLabModel

/// The member a request comes from, as proven by a live session, with that session (for its CSRF
/// token and how it was presented).
public struct SignedInMember: Sendable {
    public var member: BoardMember
    public var session: BoardSession
}
