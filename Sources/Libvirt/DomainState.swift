/// `virDomainState`: what a domain is doing now.
public enum DomainState: Int32, Sendable, CustomStringConvertible {
    case noState = 0, running, blocked, paused, shutdown, shutoff, crashed, pmSuspended

    public var description: String {
        switch self {
        case .noState: "no state"
        case .running: "running"
        case .blocked: "blocked"
        case .paused: "paused"
        case .shutdown: "shutting down"
        case .shutoff: "shut off"
        case .crashed: "crashed"
        case .pmSuspended: "suspended"
        }
    }
}
