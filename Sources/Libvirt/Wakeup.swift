import Foundation

/// A one-shot-at-a-time signal an async waiter can sleep on with a deadline; used to wake a
/// polling loop early when a libvirt event arrives.
final class Wakeup: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var generation = 0

    func signal() {
        let toResume: CheckedContinuation<Void, Never>? = lock.withLock {
            if let waiter {
                self.waiter = nil
                return waiter
            }
            pending = true
            return nil
        }
        toResume?.resume()
    }

    /// Returns on the next `signal()` (or one that came since the last wait), or after `timeout`.
    func wait(timeout: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (resumeNow, myGeneration): (Bool, Int) = lock.withLock {
                if pending {
                    pending = false
                    return (true, 0)
                }
                waiter = continuation
                generation += 1
                return (false, generation)
            }
            if resumeNow {
                continuation.resume()
                return
            }
            let nanos = Int(timeout.components.seconds) * 1_000_000_000 + Int(timeout.components.attoseconds / 1_000_000_000)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanos)) { [self] in
                let timedOut: CheckedContinuation<Void, Never>? = lock.withLock {
                    // Only resume the continuation this wait registered, never a later one.
                    guard let current = waiter, generation == myGeneration else { return nil }
                    waiter = nil
                    return current
                }
                timedOut?.resume()
            }
        }
    }
}
