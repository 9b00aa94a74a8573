import Foundation
import PatchLabEvidence
import PatchLabModel

/// What a board server serves and how: the evidence folder, the members who may sign in, the packet
/// signers this board trusts, where it listens and how long a sign-in lasts.
public struct BoardSettings: Sendable {
    /// The evidence root: packets are its `CHANGE/RUN/` folders.
    public var evidence: String
    public var board: BoardConfiguration
    /// The keys whose packet signatures this board accepts; a packet signed by anyone else cannot be approved.
    public var trustedKeys: TrustedKeys
    public var host: String
    /// 0 asks the system for a free port (``BoardServer/run(onListening:)`` reports it).
    public var port: Int
    /// How long a sign-in (browser session or API token) lasts from the moment it was made; it is not
    /// extended by use, so a stolen session is useful for this long at most.
    public var sessionLifetime: Duration
    /// Adds `Secure` to the session cookie; set it when the board is served behind HTTPS.
    public var secureCookies: Bool
    /// The board's clock, replaceable so tests can let sessions expire without waiting.
    public var now: @Sendable () -> Date
    /// Called each time a sign-in secret is checked against its bcrypt hash; tests count the checks
    /// with it, to prove that the sign-in throttle holds under parallel guessing.
    public var onSecretCheck: SecretCheck.Observer = {}
    /// The names the board is reached by, besides IP addresses and `localhost` (``HostGuard``): the
    /// proxy's name when it is served behind one.
    public var publicHosts: [String] = []

    public static let defaultSessionLifetime = Duration.seconds(30 * 60)

    public init(
        evidence: String, board: BoardConfiguration, trustedKeys: TrustedKeys, host: String = "127.0.0.1", port: Int = 8080,
        sessionLifetime: Duration = defaultSessionLifetime, secureCookies: Bool = false,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.evidence = evidence
        self.board = board
        self.trustedKeys = trustedKeys
        self.host = host
        self.port = port
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
        self.now = now
    }
}
