import Foundation

/// Slows down guessing a member's secret: after `limit` wrong secrets for one member id within
/// `window`, that id cannot sign in until the oldest of them is `window` old — the secret is not
/// even checked meanwhile, so guesses during a lockout teach nothing. A right secret clears the count.
///
/// Kept per member id (unknown ids too, so probing for ids costs the same), in memory like the
/// sessions, and pruned as it goes so random ids cannot grow it without bound.
actor SignInThrottle {
    let limit: Int
    let window: TimeInterval
    private let now: @Sendable () -> Date
    private var failures: [String: [Date]] = [:]

    init(limit: Int = 5, window: TimeInterval = 15 * 60, now: @escaping @Sendable () -> Date) {
        self.limit = limit
        self.window = window
        self.now = now
    }

    /// Seconds until `member` may try again; nil when it may now.
    func retryAfter(member: String) -> TimeInterval? {
        prune()
        guard let recent = failures[Self.key(member)], recent.count >= limit else { return nil }
        return recent[recent.count - limit].addingTimeInterval(window).timeIntervalSince(now())
    }

    func failed(member: String) {
        prune()
        failures[Self.key(member), default: []].append(now())
    }

    func succeeded(member: String) {
        failures[Self.key(member)] = nil
    }

    private func prune() {
        let oldest = now().addingTimeInterval(-window)
        failures = failures.compactMapValues { dates in
            let recent = dates.filter { $0 > oldest }
            return recent.isEmpty ? nil : recent
        }
    }

    private static func key(_ member: String) -> String { member.lowercased() }
}
