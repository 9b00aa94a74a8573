import Foundation

/// Lets at most `limit` machines of one host boot at once (the host's `max_parallel_boots`); the
/// rest wait their turn in arrival order. Also keeps the most that were ever in flight, which the
/// scale benchmark reports per host.
actor BootGate {
    let limit: Int?
    private var inFlight = 0
    private(set) var maxInFlight = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var next = 0

    init(limit: Int?) { self.limit = limit }

    /// Runs `boot` once a place is free.
    func admit<T: Sendable>(_ boot: @Sendable () async throws -> T) async throws -> T {
        await enter()
        defer { leave() }
        return try await boot()
    }

    private func enter() async {
        if let limit, inFlight >= limit {
            await withCheckedContinuation { waiting.append($0) }
            // `leave` handed its place straight to this waiter: inFlight already counts it.
        } else {
            inFlight += 1
        }
        maxInFlight = max(maxInFlight, inFlight)
    }

    private func leave() {
        // A queue read from a moving head: each hand-over is O(1), however many wait.
        if next < waiting.count {
            let waiter = waiting[next]
            next += 1
            if next == waiting.count { waiting.removeAll(keepingCapacity: true); next = 0 }
            waiter.resume()
        } else {
            inFlight -= 1
        }
    }
}
