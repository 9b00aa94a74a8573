import Foundation

/// One sign-in: whose it is, how it is presented (a browser cookie or an API bearer token), the
/// CSRF token every state-changing request of it must carry, and when it ends.
///
/// The session's own token is not kept here: the store knows it only by its SHA-256.
public struct BoardSession: Sendable, Hashable {
    /// How the session token travels; a token is only accepted the way it was issued, so a cookie
    /// value replayed as a bearer token (or the reverse) is refused.
    public enum Kind: String, Sendable, Hashable {
        case browser
        case api
    }

    public var memberID: String
    public var kind: Kind
    public var csrfToken: String
    public var expiresAt: Date
}
