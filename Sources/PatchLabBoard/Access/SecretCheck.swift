import Dispatch
import Synchronization
import HummingbirdBcrypt
import PatchLabModel

/// Checks a member's sign-in secret against the bcrypt hash in the members file, and makes hashes
/// for it (`patchlab board secret`).
public enum SecretCheck {
    /// bcrypt's cost: 2^12 rounds, about a quarter of a second, slow enough to make guessing dear.
    public static let cost: UInt8 = 12

    public static func hash(_ secret: String, cost: UInt8 = cost) -> String {
        Bcrypt.hash(secret, cost: cost)
    }

    /// Told of every bcrypt verification as it starts (``BoardSettings/onSecretCheck``): how an
    /// operator or a test counts the secrets actually checked, which the throttle bounds.
    public typealias Observer = @Sendable () -> Void

    /// The member whose secret this is, or nil. An unknown member, one without a secret, and a wrong
    /// secret take the same bcrypt work and give the same answer, so sign-in says nothing about who
    /// is on the board.
    static func member(_ id: String, secret: String, board: BoardConfiguration, observer: @escaping Observer = {}) async -> BoardMember? {
        let member = board.member(id)
        let known = member?.secretHash
        // bcrypt is deliberately slow; it runs on a Dispatch thread, not on Swift's cooperative pool
        // (and so does making the decoy, the first time it is needed).
        let matches = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                observer()
                continuation.resume(returning: Bcrypt.verify(secret, hash: known ?? decoy(for: board)))
            }
        }
        guard matches, let member, member.secretHash != nil else { return nil }
        return member
    }

    /// The cost a bcrypt hash states (`$2b$12$…` → 12), or nil for anything else.
    static func cost(of hash: String) -> UInt8? {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].isEmpty, ["2a", "2b", "2y"].contains(parts[1]), parts[2].count == 2,
            let cost = UInt8(parts[2]), (4...31).contains(cost)
        else { return nil }
        return cost
    }

    /// A hash of a random secret nobody knows, checked when there is no real one so the timing
    /// matches: at the cost the board's own hashes use (the highest among them), not a fixed one — a
    /// decoy dearer or cheaper than the members' hashes would tell a guesser which ids are members.
    static func decoy(for board: BoardConfiguration) -> String {
        let wanted = board.members.compactMap { $0.secretHash.flatMap(cost(of:)) }.max() ?? cost
        return decoys.withLock { made in
            if let hash = made[wanted] { return hash }
            let hash = Bcrypt.hash(SessionStore.randomToken(), cost: wanted)
            made[wanted] = hash
            return hash
        }
    }

    private static let decoys = Mutex<[UInt8: String]>([:])
}
