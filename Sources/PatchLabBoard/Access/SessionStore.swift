import Foundation
import PatchLabEvidence

/// The board's sign-ins, in memory: a restart signs everyone out, which is the safe direction.
///
/// Hummingbird's own session middleware keeps sessions too, but has no place for a per-session CSRF
/// token, shares nothing with bearer tokens, and reads the wall clock; this store does all three
/// through one door, and tests move its clock instead of sleeping.
actor SessionStore {
    private var sessions: [String: BoardSession] = [:]
    private let lifetime: Duration
    private let now: @Sendable () -> Date

    init(lifetime: Duration, now: @escaping @Sendable () -> Date) {
        self.lifetime = lifetime
        self.now = now
    }

    /// A new session for `memberID`, and the token that names it (given out once, never stored).
    func open(memberID: String, kind: BoardSession.Kind) -> (token: String, session: BoardSession) {
        dropExpired()
        let token = Self.randomToken()
        let seconds = Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18
        let session = BoardSession(
            memberID: memberID, kind: kind, csrfToken: Self.randomToken(),
            expiresAt: now().addingTimeInterval(seconds))
        sessions[Self.key(token)] = session
        return (token, session)
    }

    /// The live session `token` names, if it was issued as `kind` and has not expired.
    func session(for token: String, kind: BoardSession.Kind) -> BoardSession? {
        let key = Self.key(token)
        guard let session = sessions[key] else { return nil }
        guard session.expiresAt > now() else {
            sessions[key] = nil
            return nil
        }
        return session.kind == kind ? session : nil
    }

    func close(token: String) {
        sessions[Self.key(token)] = nil
    }

    var count: Int { sessions.count }

    private func dropExpired() {
        let current = now()
        sessions = sessions.filter { $0.value.expiresAt > current }
    }

    /// Sessions are found by the SHA-256 of their token, so the lookup's timing says nothing about
    /// the tokens held, and a dump of the table holds no usable token.
    private static func key(_ token: String) -> String {
        StreamingDigest.sha256(of: Data(token.utf8))
    }

    /// 256 random bits from the system's secure generator, base64url without padding (cookie-safe).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
