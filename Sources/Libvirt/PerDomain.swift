import Foundation

/// What each domain (by UUID) has shown about itself, remembered for the life of the process: the
/// answers of the one-time guest probes (`WrapperShell`, `GuestOutputDirectory`).
final class PerDomain<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]

    subscript(domain: String) -> Value? {
        get { lock.withLock { values[domain] } }
        set { lock.withLock { values[domain] = newValue } }
    }
}
