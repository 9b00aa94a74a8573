/// A systemd unit's active state as `systemctl is-active` prints it, for the `service` matcher.
public enum ServiceState: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case inactive
    case failed
}
