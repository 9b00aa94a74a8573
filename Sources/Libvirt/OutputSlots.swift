import Foundation

/// Hands out output-file slots per domain, so concurrent guest commands never share files and a
/// finished command's files are reused (overwritten) instead of removed: no `rm` per command.
final class OutputSlots: @unchecked Sendable {
    static let shared = OutputSlots()

    private let lock = NSLock()
    private var busy: [String: Set<Int>] = [:]

    /// The lowest slot not in use on this domain.
    func acquire(_ domain: String) -> Int {
        lock.withLock {
            var slot = 0
            while busy[domain, default: []].contains(slot) { slot += 1 }
            busy[domain, default: []].insert(slot)
            return slot
        }
    }

    func release(_ domain: String, _ slot: Int) {
        _ = lock.withLock { busy[domain]?.remove(slot) }
    }
}
