/// One systemd service as a fingerprint records it: its active state and its enablement, as systemd
/// words them (`active`/`inactive`/`failed`…, `enabled`/`disabled`/`static`/`masked`…).
///
/// Kept as text rather than an enumeration: systemd has more states than any harness should have
/// to know, and a fingerprint only compares them.
public struct ServiceStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `ActiveState`, e.g. `active`, `inactive`, `failed`.
    public var active: String
    /// The unit file state, e.g. `enabled`, `disabled`, `static`; `-` for a unit without a unit file
    /// (such as a template's instance).
    public var enabled: String

    public init(active: String, enabled: String) {
        self.active = active
        self.enabled = enabled
    }

    /// `active, enabled`.
    public var description: String { "\(active), \(enabled)" }
}
