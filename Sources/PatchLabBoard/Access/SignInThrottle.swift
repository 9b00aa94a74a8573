import Foundation

/// Slows down guessing secrets, counted two ways: per member id (5 within 15 minutes), and per client
/// address across all member ids (20 within 15 minutes), so one client cannot try a few secrets for
/// each of many ids either. A locked id or address cannot sign in until the oldest counted attempt is
/// 15 minutes old — the secret is not even checked meanwhile, so guesses during a lockout teach nothing.
///
/// An attempt is *reserved* before its secret is checked: bcrypt takes its time off this actor, and
/// had the count waited for the answer, 30 guesses sent at once would all have passed the gate before
/// the first failure was counted. Now at most `limit` secrets of one member id (and 20 from one
/// address) are ever checked within a window. A reservation stays as a failure unless the secret was
/// right; a right secret clears its member id's count and takes back its own attempt from the
/// address, but not the address's failures — knowing one's own secret must not buy more guesses at
/// other ids.
///
/// | member id's attempts | address's attempts | secret checked? | answer |
/// | --- | --- | --- | --- |
/// | < 5 | < 20 | yes | signed in, or refused (and counted) |
/// | ≥ 5 | any | no | 429, Retry-After |
/// | any | ≥ 20 | no | 429, Retry-After |
///
/// Kept in memory like the sessions, per member id (unknown ids too, so probing for ids costs the
/// same) and per address, and pruned as it goes so random ids cannot grow it without bound.
actor SignInThrottle {
    struct Limit: Sendable {
        var attempts: Int
        var window: TimeInterval
    }

    /// What locked a sign-in out.
    enum Scope: Sendable {
        case member
        case address
    }

    /// A reserved attempt, to hand back when its secret was right.
    struct Ticket: Sendable {
        fileprivate let id: UInt64
        fileprivate let member: String
        fileprivate let address: String
    }

    enum Admission: Sendable {
        case admitted(Ticket)
        case throttled(retryAfter: TimeInterval, scope: Scope)
    }

    static let perMember = Limit(attempts: 5, window: 15 * 60)
    static let perAddress = Limit(attempts: 20, window: 15 * 60)

    let memberLimit: Limit
    let addressLimit: Limit
    private let now: @Sendable () -> Date
    private var byMember: [String: [Attempt]] = [:]
    private var byAddress: [String: [Attempt]] = [:]
    private var nextID: UInt64 = 0

    private struct Attempt {
        var id: UInt64
        var at: Date
    }

    init(memberLimit: Limit = perMember, addressLimit: Limit = perAddress, now: @escaping @Sendable () -> Date) {
        self.memberLimit = memberLimit
        self.addressLimit = addressLimit
        self.now = now
    }

    /// Reserves an attempt for `member` from `address`, or says how long both must wait.
    func admit(member: String, address: String) -> Admission {
        prune()
        let memberKey = Self.key(member)
        let waits = [
            (Self.wait(byMember[memberKey], memberLimit, now()), Scope.member),
            (Self.wait(byAddress[address], addressLimit, now()), Scope.address),
        ]
        .compactMap { wait, scope in wait.map { ($0, scope) } }
        if let longest = waits.max(by: { $0.0 < $1.0 }) { return .throttled(retryAfter: longest.0, scope: longest.1) }
        nextID += 1
        let attempt = Attempt(id: nextID, at: now())
        byMember[memberKey, default: []].append(attempt)
        byAddress[address, default: []].append(attempt)
        return .admitted(Ticket(id: attempt.id, member: memberKey, address: address))
    }

    /// The secret was right: the member id starts afresh, and the address gets this attempt back.
    func succeeded(_ ticket: Ticket) {
        byMember[ticket.member] = nil
        byAddress[ticket.address]?.removeAll { $0.id == ticket.id }
        if byAddress[ticket.address]?.isEmpty == true { byAddress[ticket.address] = nil }
    }

    /// Seconds until the oldest attempt that keeps `attempts` at its limit leaves the window; nil under the limit.
    private static func wait(_ attempts: [Attempt]?, _ limit: Limit, _ now: Date) -> TimeInterval? {
        guard let attempts, attempts.count >= limit.attempts else { return nil }
        return attempts[attempts.count - limit.attempts].at.addingTimeInterval(limit.window).timeIntervalSince(now)
    }

    private func prune() {
        byMember = Self.recent(byMember, since: now().addingTimeInterval(-memberLimit.window))
        byAddress = Self.recent(byAddress, since: now().addingTimeInterval(-addressLimit.window))
    }

    private static func recent(_ attempts: [String: [Attempt]], since oldest: Date) -> [String: [Attempt]] {
        attempts.compactMapValues { list in
            let recent = list.filter { $0.at > oldest }
            return recent.isEmpty ? nil : recent
        }
    }

    private static func key(_ member: String) -> String { member.lowercased() }
}
